import type { Migration } from './types';

export const m005Handbook: Migration = {
  version: 5,
  name: 'handbook versions (imported and seen) and per-proposal acknowledgements',
  up(db) {
    // Every handbook version the library has used is kept, so a proposal's guidance can be compared
    // with the version it started from long after the files or imports have moved on.
    db.exec(`
      CREATE TABLE handbook_versions (
        version  TEXT NOT NULL,
        sha256   TEXT NOT NULL,
        source   TEXT NOT NULL CHECK (source IN ('files', 'import')),
        date     TEXT NOT NULL,
        added_at TEXT NOT NULL,
        json     TEXT NOT NULL,
        PRIMARY KEY (version, sha256)
      ) STRICT;

      CREATE TABLE handbook_acks (
        proposal_id TEXT PRIMARY KEY,
        version     TEXT NOT NULL,
        sha256      TEXT NOT NULL,
        acked_at    TEXT NOT NULL
      ) STRICT;
    `);
  },
};
