import type { Migration } from './types';

export const m010Donations: Migration = {
  version: 10,
  name: 'donation records imported from the platforms\' exports, and each platform\'s column mapping',
  up(db) {
    db.exec(`
      -- One row per donation record a platform exported. The key is the platform's own record id, or a
      -- hash of the row when the export has none, so the same record is never counted twice.
      -- The listing's raisedFen/donationCount are recomputed from these rows in the same transaction.
      CREATE TABLE donations (
        platform       TEXT NOT NULL,
        record_key     TEXT NOT NULL,
        proposal_id    TEXT NOT NULL,
        project_number TEXT NOT NULL,
        donated_at     TEXT NOT NULL,
        amount_fen     INTEGER NOT NULL CHECK (amount_fen >= 0),
        donor          TEXT NOT NULL DEFAULT '',
        imported_at    TEXT NOT NULL,
        PRIMARY KEY (platform, record_key)
      ) STRICT;
      CREATE INDEX donations_listing ON donations (proposal_id, platform, project_number);

      -- The columns of a platform's export, mapped once and remembered.
      CREATE TABLE donation_mappings (
        platform   TEXT PRIMARY KEY,
        json       TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
