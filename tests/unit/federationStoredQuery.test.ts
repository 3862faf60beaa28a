import { afterEach, describe, expect, it } from 'vitest';
import { openFederationStore, type FederationStore } from '../../src/federation';
import { StoredQuery } from '../../src/federation/db/storedQuery';
import { DATABASES, freshDatabase } from './helpers/federation';

// A query kept in the database as a function (db/storedQuery.ts): its plan is made once per
// connection. Run on PGlite and on PostgreSQL, where several server processes share one database.

const squares = (sql: string) => new StoredQuery<{ n: number; s: string }>('test_squares', ['integer'], 'n integer, s text', sql);

describe.each(DATABASES)('stored queries on %s', (kind) => {
  const opened: { store: FederationStore; drop(): Promise<void> }[] = [];
  async function open(): Promise<FederationStore> {
    const db = await freshDatabase(kind);
    const store = await openFederationStore(db.target);
    opened.push({ store, drop: db.drop });
    return store;
  }
  afterEach(async () => {
    for (const o of opened.splice(0)) {
      await o.store.close();
      await o.drop();
    }
  });

  it('answers what its query answers, with its parameters, call after call', async () => {
    const store = await open();
    const q = squares(`SELECT g * g, repeat('方', g) FROM generate_series(1, $1) g ORDER BY g`);
    expect(await q.call(store.db, [3])).toEqual([
      { n: 1, s: '方' },
      { n: 4, s: '方方' },
      { n: 9, s: '方方方' },
    ]);
    expect(await q.call(store.db, [1])).toEqual([{ n: 1, s: '方' }]);
  });

  it('keeps a changed query apart from the old one, so servers of two versions can share a database', async () => {
    const store = await open();
    const before = squares(`SELECT g * g, 'old' FROM generate_series(1, $1) g`);
    const after = squares(`SELECT g * g * g, 'new' FROM generate_series(1, $1) g`);
    expect(await before.call(store.db, [2])).toEqual([{ n: 1, s: 'old' }, { n: 4, s: 'old' }]);
    expect(await after.call(store.db, [2])).toEqual([{ n: 1, s: 'new' }, { n: 8, s: 'new' }]);
    expect(await before.call(store.db, [2])).toEqual([{ n: 1, s: 'old' }, { n: 4, s: 'old' }]);
  });

  it('is created once when many calls arrive at the same moment', async () => {
    const store = await open();
    const q = squares(`SELECT g, 'x' FROM generate_series(1, $1) g`);
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => q.call(store.db, [i + 1])));
    expect(answers.map((a) => a.length)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const fns = await store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_proc WHERE proname LIKE 'shance_test_squares_%'`);
    expect(fns[0]!.n).toBe(1);
  });

  it('refuses a call with the wrong number of arguments, before the database sees it', async () => {
    const store = await open();
    await expect(squares(`SELECT g, 'x' FROM generate_series(1, $1) g`).call(store.db, [1, 2])).rejects.toThrow(/2 arguments for 1 parameters/);
  });
});
