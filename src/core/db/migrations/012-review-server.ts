import type { Migration } from './types';

export const m012ReviewServer: Migration = {
  version: 12,
  name: 'review through the federation server: events applied, answers waiting to go up, the review cursor',
  up(db) {
    db.exec(`
      -- Each review event of a server is applied once. A district's own step (made here, then
      -- pushed) comes back as an event too: matched_local marks that it matched a step already here.
      CREATE TABLE review_server_events (
        server        TEXT NOT NULL,
        event_id      INTEGER NOT NULL,
        proposal_id   TEXT NOT NULL,
        kind          TEXT NOT NULL,
        step          TEXT,
        matched_local INTEGER NOT NULL DEFAULT 0,
        applied_at    TEXT NOT NULL,
        PRIMARY KEY (server, event_id)
      ) STRICT;

      -- Answers to comments made on this desk, until the server has them.
      CREATE TABLE review_outbox (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        proposal_id TEXT NOT NULL,
        comment_id  TEXT NOT NULL,
        answer      TEXT NOT NULL,
        created_at  TEXT NOT NULL
      ) STRICT;

      -- How far this desk has pulled the server's review events (a new server or district starts over).
      CREATE TABLE review_sync (
        id       INTEGER PRIMARY KEY CHECK (id = 1),
        server   TEXT NOT NULL,
        district TEXT NOT NULL,
        cursor   INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
