import type { Migration } from './types';

export const m001Proposals: Migration = {
  version: 1,
  name: 'proposals and revisions',
  up(db) {
    db.exec(`
      CREATE TABLE proposals (
        id          TEXT PRIMARY KEY,
        title       TEXT NOT NULL,
        focus_area  TEXT,
        district    TEXT NOT NULL DEFAULT '',
        status      TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        json        TEXT NOT NULL
      ) STRICT;
      CREATE INDEX proposals_updated_at ON proposals (updated_at);

      CREATE TABLE revisions (
        proposal_id TEXT NOT NULL,
        rev         INTEGER NOT NULL,
        saved_at    TEXT NOT NULL,
        json        TEXT NOT NULL,
        -- 1 for a snapshot of a deliberate event (creation, an import replacing it): never updated in place.
        pinned      INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (proposal_id, rev)
      ) STRICT;
    `);
  },
};
