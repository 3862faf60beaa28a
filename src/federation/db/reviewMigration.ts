import { parseProposal } from '../../shared/domain/factory';
import { contentHash } from '../../core/util/contentHash';
import type { ServerMigration } from './migrations';

/**
 * Version 2: review gets its own path. Stored proposals that said 'review' (待审核) now say
 * 'submitted' (已提交), with their content hash recomputed so desks agree on it; the revisions keep
 * what was stored then. Review decisions and comments are kept as events the desks pull.
 */
export const reviewMigration: ServerMigration = {
  version: 2,
  name: 'review path: 待审核 becomes 已提交; review events (decisions, comments) for the desks',
  async up(tx) {
    const rows = await tx.query<{ id: string; doc: unknown }>(`SELECT id, doc FROM proposals WHERE status = 'review'`);
    for (const row of rows) {
      const p = parseProposal(row.doc);
      await tx.query(`UPDATE proposals SET status = 'submitted', doc = $2::jsonb, hash = $3 WHERE id = $1`, [row.id, JSON.stringify(p), contentHash(p)]);
    }
    await tx.query(`
      CREATE TABLE review_events (
        id          bigserial PRIMARY KEY,
        proposal_id text NOT NULL,
        district    text NOT NULL,
        kind        text NOT NULL,
        body        jsonb NOT NULL,
        by_user     text NOT NULL,
        at          timestamptz NOT NULL,
        seq         bigint NOT NULL
      )`);
    await tx.query(`CREATE INDEX review_events_seq ON review_events (seq)`);
  },
};
