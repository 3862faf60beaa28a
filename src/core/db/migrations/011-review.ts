import type { Migration } from './types';

export const m011Review: Migration = {
  version: 11,
  name: 'review: submit revisions, the transition log, anchored comments, the desk\'s review identity; 待审核 becomes 已提交',
  up(db) {
    // 'review' (待审核) was the single step before review had its own path; it meant 已提交.
    db.exec(`
      UPDATE proposals SET status = 'submitted', json = json_set(json, '$.status', 'submitted') WHERE status = 'review';
      UPDATE revisions SET json = json_set(json, '$.status', 'submitted') WHERE json_extract(json, '$.status') = 'review';
      UPDATE remote_proposals SET status = 'submitted', json = json_set(json, '$.status', 'submitted') WHERE status = 'review';
    `);
    db.exec(`
      -- What was submitted, each time: never changed once written (the triggers refuse it), so a
      -- decision and a comment always point at the text they were about.
      CREATE TABLE review_revisions (
        proposal_id TEXT NOT NULL,
        n           INTEGER NOT NULL,
        hash        TEXT NOT NULL,
        json        TEXT NOT NULL,
        by_user     TEXT NOT NULL,
        at          TEXT NOT NULL,
        PRIMARY KEY (proposal_id, n)
      ) STRICT;
      CREATE TRIGGER review_revisions_immutable BEFORE UPDATE ON review_revisions
        BEGIN SELECT RAISE(ABORT, '提交的版本不可修改'); END;
      CREATE TRIGGER review_revisions_kept BEFORE DELETE ON review_revisions
        BEGIN SELECT RAISE(ABORT, '提交的版本不可删除'); END;

      -- Every transition, who made it and why: append-only.
      CREATE TABLE review_log (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        proposal_id TEXT NOT NULL,
        action      TEXT NOT NULL,
        from_status TEXT NOT NULL,
        to_status   TEXT NOT NULL,
        revision    INTEGER,
        by_user     TEXT NOT NULL,
        role        TEXT NOT NULL,
        reason      TEXT NOT NULL DEFAULT '',
        sections    TEXT NOT NULL DEFAULT '[]',
        at          TEXT NOT NULL,
        -- Where the decision came from (this desk, the server, a bundle) and, for one that arrived,
        -- its signature and whether it verified against the federation's key.
        origin      TEXT NOT NULL DEFAULT 'desk',
        signature   TEXT,
        verified    INTEGER
      ) STRICT;
      CREATE INDEX review_log_proposal ON review_log (proposal_id, seq);
      CREATE TRIGGER review_log_append_only BEFORE UPDATE ON review_log
        BEGIN SELECT RAISE(ABORT, '审核记录只能追加，不能修改'); END;
      CREATE TRIGGER review_log_kept BEFORE DELETE ON review_log
        BEGIN SELECT RAISE(ABORT, '审核记录只能追加，不能删除'); END;

      -- A reviewer's comment on a passage of one section of one revision.
      CREATE TABLE review_comments (
        id          TEXT PRIMARY KEY,
        proposal_id TEXT NOT NULL,
        revision    INTEGER NOT NULL,
        section     TEXT NOT NULL,
        quote       TEXT NOT NULL DEFAULT '',
        body        TEXT NOT NULL,
        by_user     TEXT NOT NULL,
        role        TEXT NOT NULL,
        at          TEXT NOT NULL,
        resolved_at TEXT,
        resolution  TEXT
      ) STRICT;
      CREATE INDEX review_comments_proposal ON review_comments (proposal_id, at);

      -- What this desk is when it is not connected: a district's, or the federation's review desk
      -- (which holds the signing key). The public key verifies decisions that arrive in bundles.
      CREATE TABLE review_desk (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        role        TEXT NOT NULL,
        user_name   TEXT NOT NULL,
        public_key  TEXT,
        private_key TEXT
      ) STRICT;
    `);
  },
};
