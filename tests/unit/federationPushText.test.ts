import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFederationStore, type FederationStore } from '../../src/federation';
import { pushOne } from '../../src/federation/proposals';
import { actOnServer } from '../../src/federation/review';
import type { PushMemory } from '../../src/federation/pushMemory';
import { TextCache } from '../../src/federation/textCache';
import type { FederationUser } from '../../src/shared/federation/contract';
import { DATABASES, freshDatabase } from './helpers/federation';
import { makeProposal } from './helpers/proposals';

// A push takes what it changed against the revision before. The server remembers the rows and texts
// it wrote (once committed): it takes the change against the text held, reading the row only when it
// holds none (after a restart, or for a text pushed through another server process), and writes a
// plain edit of a row it holds in one statement that checks the row is still the one held.

const memory = (): PushMemory => ({ texts: new TextCache(), heads: new Map() });

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
    const held = memory();
    const p = makeProposal({ id: 'held-1', title: '江北区长者助餐', district: '江北区', summary: '第一版' });
    expect((await pushOne(store.db, jiangbei, p, null, held)).status).toBe('accepted');
    const first = await row(p.id);
    expect(held.texts.get(Number(first.seq))).toBe(JSON.stringify(p));
    expect(held.heads.get(p.id)).toMatchObject({ rev: 1, seq: Number(first.seq), status: p.status });

    const edited = { ...p, summary: '第二版', updatedAt: new Date(Date.parse(p.updatedAt) + 1000).toISOString() };
    expect(await pushOne(store.db, jiangbei, edited, 1, held)).toMatchObject({ status: 'accepted', rev: 2 });
    const second = await row(p.id);
    expect(JSON.parse(second.change_text!)).toEqual({ set: { summary: '第二版', updatedAt: edited.updatedAt }, unset: [], sections: {} });
    expect(held.texts.get(Number(second.seq))).toBe(JSON.stringify(edited));
    expect(held.heads.get(p.id)).toMatchObject({ rev: 2, seq: Number(second.seq) });
  });

  it('takes the change against the held text without reading the row, and against the row when none is held', async () => {
    const p = makeProposal({ id: 'held-2', title: '渝北区原标题', district: '江北区', summary: '第一版' });
    await pushOne(store.db, jiangbei, p, null);
    const stored = await row(p.id);
    const later = (n: number) => new Date(Date.parse(p.updatedAt) + n * 1000).toISOString();

    // What the server holds for that change number is what the change is taken against: a held text
    // with another title shows in the change, which reading the row would not give.
    const held = memory();
    held.texts.set(Number(stored.seq), JSON.stringify({ ...p, title: '另一个标题' }));
    await pushOne(store.db, jiangbei, { ...p, summary: '第二版', updatedAt: later(1) }, 1, held);
    expect(JSON.parse((await row(p.id)).change_text!).set).toEqual({ title: p.title, summary: '第二版', updatedAt: later(1) });

    // A server that holds nothing (restarted) reads the text stored with the row.
    await pushOne(store.db, jiangbei, { ...p, summary: '第三版', updatedAt: later(2) }, 2, memory());
    expect(JSON.parse((await row(p.id)).change_text!).set).toEqual({ summary: '第三版', updatedAt: later(2) });
  });

  it('remembers nothing for a push it refused', async () => {
    const held = memory();
    const other = makeProposal({ id: 'held-3', title: '渝北区项目', district: '渝北区' });
    expect((await pushOne(store.db, jiangbei, other, null, held)).status).toBe('rejected');
    expect(held.texts.after(0).size).toBe(0);
    expect(held.heads.size).toBe(0);
  });

  it('never writes over a row another writer changed since it was held: the edit is kept as a conflict', async () => {
    const held = memory();
    const p = makeProposal({ id: 'held-4', title: '江北区助学', district: '江北区', summary: '第一版' });
    await pushOne(store.db, jiangbei, p, null, held);
    const later = (n: number) => new Date(Date.parse(p.updatedAt) + n * 1000).toISOString();
    // Another server process on the same database (or this one's review decision) writes revision 2.
    const elsewhere = { ...p, summary: '另一台桌面的修改', updatedAt: later(2) };
    expect(await pushOne(store.db, jiangbei, elsewhere, 1)).toMatchObject({ status: 'accepted', rev: 2 });
    // A desk still on revision 1 edits, earlier than that: this server holds revision 1's row.
    const mine = { ...p, summary: '本桌面的修改', updatedAt: later(1) };
    const result = await pushOne(store.db, jiangbei, mine, 1, held);
    expect(result).toMatchObject({ status: 'conflict', yoursWon: false });
    const [current] = await store.db.query<{ rev: number; doc: { summary: string } }>('SELECT rev, doc FROM proposal_docs WHERE id = $1', [p.id]);
    expect(current).toEqual({ rev: 2, doc: expect.objectContaining({ summary: '另一台桌面的修改' }) });
    const kept = await store.db.query<{ doc: { summary: string } }>('SELECT doc FROM conflicts WHERE proposal_id = $1', [p.id]);
    expect(kept.map((k) => k.doc.summary)).toEqual(['本桌面的修改']);
    expect(held.heads.has(p.id)).toBe(false);
  });

  it('remembers a review decision it wrote, so the district’s next edit needs no read', async () => {
    const held = memory();
    const p = makeProposal({ id: 'held-5', title: '江北区助残', district: '江北区', status: 'submitted' });
    expect((await pushOne(store.db, jiangbei, p, null, held)).status).toBe('accepted');
    const reviewer: FederationUser = { name: 'shenhe', district: '市慈善总会（本级）', role: 'reviewer' };
    const out = await actOnServer(store.db, reviewer, { id: p.id, action: 'return', reason: '请补充预算', sections: [] }, held);
    const stored = await row(p.id);
    expect(held.heads.get(p.id)).toMatchObject({ status: 'returned', rev: out.proposal.rev, seq: Number(stored.seq) });
    expect(JSON.parse(held.texts.get(Number(stored.seq))!)).toMatchObject({ id: p.id, status: 'returned' });
  });
});
