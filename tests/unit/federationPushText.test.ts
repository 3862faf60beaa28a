import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFederationStore, type FederationStore } from '../../src/federation';
import { pushOne } from '../../src/federation/proposals';
import { TextCache } from '../../src/federation/textCache';
import type { FederationUser } from '../../src/shared/federation/contract';
import { DATABASES, freshDatabase } from './helpers/federation';
import { makeProposal } from './helpers/proposals';

// A push takes what it changed against the revision before. The server remembers the texts it
// wrote (once committed) and takes the change against the one held, reading the row only when it
// holds none (after a restart, or for a text pushed through another server process).

const jiangbei: FederationUser = { name: 'jiangbei', district: '江北区', role: 'drafter' };

describe.each(DATABASES)('a push and the texts it holds, on %s', (kind) => {
  let store: FederationStore;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const db = await freshDatabase(kind);
    drop = db.drop;
    store = await openFederationStore(db.target);
  });
  afterAll(async () => {
    await store.close();
    await drop();
  });

  const row = async (id: string) =>
    (await store.db.query<{ seq: number | string; rev: number; change_text: string | null }>('SELECT seq, rev, change_text FROM proposals WHERE id = $1', [id]))[0]!;

  it('remembers each text it stored under its change number, and takes the next change against it', async () => {
    const texts = new TextCache();
    const p = makeProposal({ id: 'held-1', title: '江北区长者助餐', district: '江北区', summary: '第一版' });
    expect((await pushOne(store.db, jiangbei, p, null, texts)).status).toBe('accepted');
    const first = await row(p.id);
    expect(texts.get(Number(first.seq))).toBe(JSON.stringify(p));

    const edited = { ...p, summary: '第二版', updatedAt: new Date(Date.parse(p.updatedAt) + 1000).toISOString() };
    expect(await pushOne(store.db, jiangbei, edited, 1, texts)).toMatchObject({ status: 'accepted', rev: 2 });
    const second = await row(p.id);
    expect(JSON.parse(second.change_text!)).toEqual({ set: { summary: '第二版', updatedAt: edited.updatedAt }, unset: [], sections: {} });
    expect(texts.get(Number(second.seq))).toBe(JSON.stringify(edited));
  });

  it('takes the change against the held text without reading the row, and against the row when none is held', async () => {
    const p = makeProposal({ id: 'held-2', title: '渝北区原标题', district: '江北区', summary: '第一版' });
    await pushOne(store.db, jiangbei, p, null);
    const stored = await row(p.id);
    const later = (n: number) => new Date(Date.parse(p.updatedAt) + n * 1000).toISOString();

    // What the server holds for that change number is what the change is taken against: a held text
    // with another title shows in the change, which reading the row would not give.
    const held = new TextCache();
    held.set(Number(stored.seq), JSON.stringify({ ...p, title: '另一个标题' }));
    await pushOne(store.db, jiangbei, { ...p, summary: '第二版', updatedAt: later(1) }, 1, held);
    expect(JSON.parse((await row(p.id)).change_text!).set).toEqual({ title: p.title, summary: '第二版', updatedAt: later(1) });

    // A server that holds nothing (restarted) reads the text stored with the row.
    await pushOne(store.db, jiangbei, { ...p, summary: '第三版', updatedAt: later(2) }, 2, new TextCache());
    expect(JSON.parse((await row(p.id)).change_text!).set).toEqual({ summary: '第三版', updatedAt: later(2) });
  });

  it('remembers nothing for a push it refused', async () => {
    const texts = new TextCache();
    const other = makeProposal({ id: 'held-3', title: '渝北区项目', district: '渝北区' });
    expect((await pushOne(store.db, jiangbei, other, null, texts)).status).toBe('rejected');
    expect(texts.after(0).size).toBe(0);
  });
});
