import type { Migration } from './types';

/**
 * The search text of a proposal stored before version 3: the summary and every section. The one
 * definition is searchBody (core/library/normalize.ts), which every save writes; this is a frozen
 * copy on purpose, not a second definition. A migration is history: it must index a version-2 file
 * the same way whenever it runs, and it reads the JSON as version 2 stored it. searchBody follows
 * today's Proposal type and SECTION_IDS, so importing it would change this step whenever a section
 * is added (and break on version-2 JSON that lacks it). tests/unit/migrations.test.ts checks that
 * this copy still gives exactly searchBody's text; if searchBody changes, that test fails, and the
 * change needs a new migration that rebuilds proposal_fts.
 */
const BODY_SQL = `
  coalesce(json_extract(json, '$.summary'), '') || char(10) ||
  coalesce(json_extract(json, '$.sections.background.text'), '') || char(10) ||
  coalesce(json_extract(json, '$.sections.goals.text'), '') || char(10) ||
  coalesce(json_extract(json, '$.sections.plan.text'), '') || char(10) ||
  coalesce(json_extract(json, '$.sections.capacity.text'), '') || char(10) ||
  coalesce(json_extract(json, '$.sections.risks.text'), '') || char(10) ||
  coalesce(json_extract(json, '$.sections.disclosure.text'), '') || char(10) ||
  coalesce(json_extract(json, '$.sections.aboutUs.text'), '')`;

export const m003Search: Migration = {
  version: 3,
  name: 'full-text search (FTS5 trigram) over titles and section text',
  up(db) {
    // trigram matches any substring of three or more characters, which suits Chinese without a word segmenter.
    db.exec(`
      CREATE VIRTUAL TABLE proposal_fts USING fts5(id UNINDEXED, title, body, tokenize = 'trigram');
      INSERT INTO proposal_fts (id, title, body) SELECT id, title, ${BODY_SQL} FROM proposals;
    `);
  },
};
