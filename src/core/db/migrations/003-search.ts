import type { Migration } from './types';

/** The text that search sees: the summary and every section, read straight from the stored JSON. */
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
