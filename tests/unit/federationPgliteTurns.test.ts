import { afterEach, describe, expect, it } from 'vitest';
import { connect, STATEMENTS_BEFORE_A_TRANSACTION, type Database } from '../../src/federation/db/sql';

// PGlite has one connection, so the server's work on it takes turns (db/sql.ts): a single statement
// (a desk's pull) goes before the transactions waiting (other desks' pushes), without starving them.

let db: Database;
afterEach(async () => {
  await db.close();
});

/** A transaction that holds PGlite until `release` is called. */
function holding(order: string[]) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const done = db.transaction(async (tx) => {
    await tx.query('SELECT 1');
    await gate;
    order.push('holder');
  });
  return { release, done };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('turns on PGlite', () => {
  it('runs a single statement before a transaction that was waiting longer, and both complete', async () => {
    db = await connect({ dataDir: 'memory://' });
    const order: string[] = [];
    const holder = holding(order);
    await settle();
    const push = db.transaction(async (tx) => {
      const rows = await tx.query<{ n: number }>('SELECT 2 AS n');
      order.push(`push ${rows[0]!.n}`);
    });
    const pull = db.query<{ n: number }>('SELECT 3 AS n').then((rows) => order.push(`pull ${rows[0]!.n}`));
    await settle();
    expect(order).toEqual([]);
    holder.release();
    await Promise.all([holder.done, push, pull]);
    expect(order).toEqual(['holder', 'pull 3', 'push 2']);
  });

  it(`lets at most ${STATEMENTS_BEFORE_A_TRANSACTION} statements in a row pass a waiting transaction`, async () => {
    db = await connect({ dataDir: 'memory://' });
    const order: string[] = [];
    const holder = holding(order);
    await settle();
    const push = db.transaction(async (tx) => {
      await tx.query('SELECT 1');
      order.push('push');
    });
    const pulls = Array.from({ length: STATEMENTS_BEFORE_A_TRANSACTION + 3 }, (_, i) => db.query(`SELECT ${i}`).then(() => order.push(`pull ${i}`)));
    await settle();
    holder.release();
    await Promise.all([holder.done, push, ...pulls]);
    const pushAt = order.indexOf('push');
    expect(pushAt).toBe(1 + STATEMENTS_BEFORE_A_TRANSACTION);
    expect(order.filter((x) => x.startsWith('pull'))).toEqual(pulls.map((_, i) => `pull ${i}`));
  });

  it('goes on after a statement or a transaction fails', async () => {
    db = await connect({ dataDir: 'memory://' });
    await expect(db.query('SELECT * FROM no_such_table')).rejects.toThrow();
    await expect(
      db.transaction(async (tx) => {
        await tx.query('CREATE TABLE t (x int)');
        throw new Error('中途失败');
      }),
    ).rejects.toThrow('中途失败');
    // The failed transaction left nothing behind, and the database still answers.
    expect(await db.query(`SELECT to_regclass('t') IS NULL AS gone`)).toEqual([{ gone: true }]);
  });
});
