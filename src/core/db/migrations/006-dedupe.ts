import type { Migration } from './types';

export const m006Dedupe: Migration = {
  version: 6,
  name: 'duplicate check: sketches, not-the-same-project judgements, merges into brand projects',
  up(db) {
    // Sketches are derived data: existing proposals get theirs lazily, at the first duplicate check,
    // because computing them needs the handbook's templates (boilerplate), which SQL cannot see.
    db.exec(`
      CREATE TABLE dedupe_sketches (
        proposal_id TEXT PRIMARY KEY,
        basis       TEXT NOT NULL,
        sketch      BLOB NOT NULL,
        computed_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE dedupe_judgements (
        a          TEXT NOT NULL,
        b          TEXT NOT NULL,
        verdict    TEXT NOT NULL CHECK (verdict = 'distinct'),
        decided_at TEXT NOT NULL,
        PRIMARY KEY (a, b),
        CHECK (a < b)
      ) STRICT;

      CREATE TABLE merges (
        brand_id          TEXT PRIMARY KEY,
        merged_at         TEXT NOT NULL,
        brand_fingerprint TEXT NOT NULL,
        sources_json      TEXT NOT NULL
      ) STRICT;
    `);
  },
};
