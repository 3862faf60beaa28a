import type { Migration } from './types';

export const m008DedupeLastReport: Migration = {
  version: 8,
  name: 'the last 同质化检查 kept as a record',
  up(db) {
    // One row: the last report with the threshold it ran at and when, shown again after a restart.
    db.exec(`
      CREATE TABLE dedupe_last_report (
        id           INTEGER PRIMARY KEY CHECK (id = 1),
        threshold    REAL NOT NULL,
        generated_at TEXT NOT NULL,
        json         TEXT NOT NULL
      ) STRICT;
    `);
  },
};
