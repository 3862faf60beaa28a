import type { Migration } from './types';

export const m004RulePacks: Migration = {
  version: 4,
  name: 'imported rule-pack versions and pinned versions',
  up(db) {
    // The packs shipped in templates/rules are the baseline and are never copied here; this table
    // holds the versions a user imported. Old versions stay, so results can be compared over time.
    db.exec(`
      CREATE TABLE rule_pack_versions (
        pack_id        TEXT NOT NULL,
        version        TEXT NOT NULL,
        effective_date TEXT NOT NULL,
        imported_at    TEXT NOT NULL,
        sha256         TEXT NOT NULL,
        json           TEXT NOT NULL,
        PRIMARY KEY (pack_id, version)
      ) STRICT;

      CREATE TABLE rule_pack_pins (
        pack_id TEXT PRIMARY KEY,
        version TEXT NOT NULL
      ) STRICT;
    `);
  },
};
