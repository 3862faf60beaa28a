import type { Migration } from './types';

export const m009Sync: Migration = {
  version: 9,
  name: 'federation sync: server and session, per-proposal sync state, other districts\' proposals, conflicts',
  up(db) {
    // The desk's library stays the working copy; these tables only remember what the server has seen.
    db.exec(`
      -- One row: the server this library syncs with. The password is never stored, only the session.
      CREATE TABLE sync_server (
        id               INTEGER PRIMARY KEY CHECK (id = 1),
        url              TEXT NOT NULL,
        user_name        TEXT NOT NULL,
        district         TEXT NOT NULL,
        role             TEXT NOT NULL,
        token            TEXT,
        token_expires_at TEXT,
        cursor           INTEGER NOT NULL DEFAULT 0,
        last_sync_at     TEXT,
        last_error       TEXT
      ) STRICT;

      -- For each of the district's proposals: the server revision and content the desk last agreed on.
      -- A proposal whose updated_at or hash differs is waiting to be sent up.
      CREATE TABLE sync_proposals (
        proposal_id     TEXT PRIMARY KEY,
        rev             INTEGER,
        hash            TEXT,
        updated_at      TEXT,
        synced_at       TEXT NOT NULL,
        -- The content the server refused, and why; not sent again until it changes.
        rejected_hash       TEXT,
        rejected_updated_at TEXT,
        rejected_reason     TEXT
      ) STRICT;

      -- Other districts' submitted proposals: read-only, apart from the library's own list.
      CREATE TABLE remote_proposals (
        id          TEXT PRIMARY KEY,
        district    TEXT NOT NULL,
        title       TEXT NOT NULL,
        focus_area  TEXT,
        status      TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        rev         INTEGER NOT NULL,
        hash        TEXT NOT NULL,
        by_user     TEXT NOT NULL,
        at          TEXT NOT NULL,
        json        TEXT NOT NULL
      ) STRICT;

      -- A version that lost a conflict, kept as revision local_rev of the proposal until the user
      -- has looked at it (dismissed_at), and afterwards in the history like any other revision.
      CREATE TABLE sync_conflicts (
        proposal_id  TEXT NOT NULL,
        conflict_rev INTEGER NOT NULL,
        local_rev    INTEGER NOT NULL,
        title        TEXT NOT NULL,
        by_user      TEXT NOT NULL,
        at           TEXT NOT NULL,
        received_at  TEXT NOT NULL,
        dismissed_at TEXT,
        PRIMARY KEY (proposal_id, conflict_rev)
      ) STRICT;

      -- What the duplicate check compares: the library's own proposals and those of other districts.
      CREATE VIEW dedupe_corpus AS
        SELECT id, title, district, focus_area, status, updated_at, json, deleted_at, 0 AS remote FROM proposals
        UNION ALL
        SELECT id, title, district, focus_area, status, updated_at, json, NULL AS deleted_at, 1 AS remote FROM remote_proposals
          WHERE id NOT IN (SELECT id FROM proposals);
    `);
  },
};
