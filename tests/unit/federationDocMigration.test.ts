import { describe, expect, it } from 'vitest';
import { migrate, SERVER_MIGRATIONS } from '../../src/federation/db/migrations';
import { connect } from '../../src/federation/db/sql';
import { DATABASES, freshDatabase } from './helpers/federation';

// Version 6 keeps each proposal's document once, in its current revision. A database of version 5
// keeps it three times, and version 2 had set some statuses in the proposal's document without a new
// revision: after the upgrade every proposal reads as it did, and its history is whole.

describe.each(DATABASES)('upgrading a server database to one document per revision, on %s', (kind) => {
  it('keeps what every proposal showed, and gives a proposal without its current revision one', async () => {
    const fresh = await freshDatabase(kind);
    const db = await connect(fresh.target.databaseUrl ? { url: fresh.target.databaseUrl } : { dataDir: fresh.target.dataDir! });
    try {
      await migrate(db, SERVER_MIGRATIONS.filter((m) => m.version <= 5));
      const doc = (id: string, status: string, title: string) => JSON.stringify({ id, status, title });
      const at = new Date('2026-03-01T02:00:00Z');
      const insert = (id: string, rev: number, hash: string, d: string) =>
        db.query(
          `INSERT INTO proposals (id, district, rev, hash, status, title, doc, doc_text, updated_by, updated_at, seq) VALUES ($1, '江北区', $2::int, $3, 'submitted', $1, $4::jsonb, $4, 'jiangbei', $5, $2::int)`,
          [id, rev, hash, d, at],
        );
      const revision = (id: string, rev: number, hash: string, d: string) =>
        db.query(`INSERT INTO proposal_revisions (proposal_id, rev, hash, doc, by_user, at) VALUES ($1, $2, $3, $4::jsonb, 'jiangbei', $5)`, [id, rev, hash, d, at]);
      // Revision 2 of A still says 草稿; the proposal was marked submitted by version 2's migration.
      await insert('a', 2, 'hash-a2-submitted', doc('a', 'submitted', '助餐'));
      await revision('a', 1, 'hash-a1', doc('a', 'draft', '助餐（初稿）'));
      await revision('a', 2, 'hash-a2-draft', doc('a', 'draft', '助餐'));
      // B has no revision row for its current revision.
      await insert('b', 1, 'hash-b1', doc('b', 'submitted', '助学'));

      expect(await migrate(db)).toBe(SERVER_MIGRATIONS.length);

      const current = await db.query<{ id: string; rev: number; hash: string; doc: unknown }>('SELECT id, rev, hash, doc FROM proposal_docs ORDER BY id');
      expect(current).toEqual([
        { id: 'a', rev: 2, hash: 'hash-a2-submitted', doc: { id: 'a', status: 'submitted', title: '助餐' } },
        { id: 'b', rev: 1, hash: 'hash-b1', doc: { id: 'b', status: 'submitted', title: '助学' } },
      ]);
      const history = await db.query<{ proposal_id: string; rev: number; hash: string }>('SELECT proposal_id, rev, hash FROM proposal_revisions ORDER BY 1, 2');
      expect(history).toEqual([
        { proposal_id: 'a', rev: 1, hash: 'hash-a1' },
        { proposal_id: 'a', rev: 2, hash: 'hash-a2-submitted' },
        { proposal_id: 'b', rev: 1, hash: 'hash-b1' },
      ]);
      const columns = await db.query<{ attname: string }>(`SELECT attname FROM pg_attribute WHERE attrelid = 'proposals'::regclass AND attname IN ('doc', 'doc_text') AND NOT attisdropped`);
      expect(columns).toEqual([]);
    } finally {
      await db.close();
      await fresh.drop();
    }
  });
});
