import type { ServerMigration } from './migrations';

/**
 * Version 6: a proposal's document is stored once, in its revision. Every push had written it three
 * times (the jsonb the server queries, its text for pulls, and the revision's copy), and on PGlite,
 * where the 42 desks' syncs queue on one thread, those writes were most of a push. The current
 * document is now the current revision's: `proposal_docs` is each proposal with it, for the queries
 * that read documents, and a pull sends its text as jsonb writes it.
 *
 * Version 2 set some proposals' status in their document without a new revision: the current
 * revision takes the document the proposal had, so nothing it showed is lost. The view lists the
 * proposals' columns as they are now: a later version that adds one recreates the view.
 */
export const docMigration: ServerMigration = {
  version: 6,
  name: 'sync: a proposal document is stored once, in its current revision',
  async up(tx) {
    await tx.query(`
      UPDATE proposal_revisions r SET doc = p.doc, hash = p.hash FROM proposals p
      WHERE r.proposal_id = p.id AND r.rev = p.rev AND (r.hash <> p.hash OR r.doc <> p.doc)`);
    await tx.query(`
      INSERT INTO proposal_revisions (proposal_id, rev, hash, doc, by_user, at)
      SELECT id, rev, hash, doc, updated_by, updated_at FROM proposals p
      WHERE NOT EXISTS (SELECT 1 FROM proposal_revisions r WHERE r.proposal_id = p.id AND r.rev = p.rev)`);
    await tx.query(`ALTER TABLE proposals DROP COLUMN doc, DROP COLUMN doc_text`);
    await tx.query(`
      CREATE VIEW proposal_docs AS
      SELECT p.*, r.doc FROM proposals p JOIN proposal_revisions r ON r.proposal_id = p.id AND r.rev = p.rev`);
  },
};
