import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { contentHash } from '../../src/core/util/contentHash';
import { FederationHttp } from '../../src/core/sync/http';
import { textToDoc } from '../../src/shared/domain/richText';
import type { Proposal } from '../../src/shared/domain/proposal';
import { cjkText } from './helpers/dedupeText';
import { makeProposal } from './helpers/proposals';
import { desk, type Desk } from './helpers/syncDesk';
import { PASSWORD, startSyncServer } from './helpers/syncServer';

// Desks pull a proposal's new revision as what changed (shared/federation/change.ts) when they hold
// the one before, and rebuild it; these check the rebuilt copies are the server's, byte for hash.

let fed: Awaited<ReturnType<typeof startSyncServer>>;
let jiangbei: Desk & { close(): void };
let jiangbei2: Desk & { close(): void };
let yubei: Desk & { close(): void };
let proposal: Proposal;

async function connected(user: string): Promise<Desk & { close(): void }> {
  const d = desk({ keep: true });
  await d.sync.connect(fed.server.url, user, PASSWORD);
  await d.sync.sync();
  return d;
}

/** The methods the desks call during `fn`: watched on the real client, nothing replaced. */
async function methodsCalled(fn: () => Promise<unknown>): Promise<string[]> {
  const spy = vi.spyOn(FederationHttp.prototype, 'call');
  try {
    await fn();
    return spy.mock.calls.map((c) => c[0] as string);
  } finally {
    spy.mockRestore();
  }
}

async function serverRow(id: string) {
  return (await fed.store.db.query<{ rev: number; hash: string }>('SELECT rev, hash FROM proposals WHERE id = $1', [id]))[0]!;
}

const later = (ms: number) => new Date(Date.now() + ms).toISOString();

beforeAll(async () => {
  fed = await startSyncServer([
    { name: 'jiangbei', district: '江北区', role: 'drafter' },
    { name: 'jiangbei2', district: '江北区', role: 'drafter' },
    { name: 'yubei', district: '渝北区', role: 'drafter' },
    { name: 'shenhe', district: '市慈善总会（本级）', role: 'reviewer' },
  ]);
  jiangbei = await connected('jiangbei');
  jiangbei2 = await connected('jiangbei2');
  yubei = await connected('yubei');
  proposal = jiangbei.lib.proposals.insert(
    makeProposal({ title: '江北区社区长者助餐', district: '江北区', status: 'submitted', sections: { background: cjkText(41, 900), plan: cjkText(42, 700) } }),
  );
  await jiangbei.sync.sync();
  await jiangbei2.sync.sync();
  await yubei.sync.sync();
}, 180_000);

afterAll(async () => {
  for (const d of [jiangbei, jiangbei2, yubei]) d?.close();
  await fed?.stop();
});

describe('changes pulled instead of whole proposals', () => {
  it('rebuilds another district\'s proposal from the change to the copy it holds, without asking for it whole', async () => {
    const reviewer = new FederationHttp(fed.server.url);
    reviewer.setToken((await reviewer.call('auth.login', { user: 'shenhe', password: PASSWORD })).token);
    await reviewer.call('review.act', { id: proposal.id, action: 'return', reason: '请补充预算', sections: [] });

    const methods = await methodsCalled(() => yubei.sync.sync());
    expect(methods).toContain('sync.pull');
    expect(methods).not.toContain('sync.get');
    const server = await serverRow(proposal.id);
    const copy = yubei.sync.state.remoteProposal(proposal.id);
    expect(copy.rev).toBe(server.rev);
    expect(copy.proposal.status).toBe('returned');
    expect(contentHash(copy.proposal)).toBe(server.hash);
  });

  it('rebuilds the district\'s own proposal on its other desk, and asks for it whole where the copy is not the base', async () => {
    const plan = '改为每周三次上门送餐，由社区志愿者配送。';
    // Both desks of the district take the return (the edit's base); the first holds the pen again.
    await jiangbei.sync.sync();
    await jiangbei2.sync.sync();
    const edited = jiangbei.lib.proposals.replace({
      ...jiangbei.lib.proposals.get(proposal.id),
      sections: { ...jiangbei.lib.proposals.get(proposal.id).sections, plan: { doc: textToDoc(plan), text: plan } },
      updatedAt: later(1000),
    });
    expect((await jiangbei.sync.sync()).uploaded).toBe(1);
    const server = await serverRow(proposal.id);
    expect(server.hash).toBe(contentHash(edited));

    // yubei's copy is made not the base: it must not apply the change to it.
    yubei.lib.db.prepare('UPDATE remote_proposals SET rev = rev - 1 WHERE id = ?').run(proposal.id);

    const own = await methodsCalled(() => jiangbei2.sync.sync());
    expect(own).not.toContain('sync.get');
    expect(jiangbei2.lib.proposals.get(proposal.id).sections.plan.text).toBe(plan);
    expect(contentHash(jiangbei2.lib.proposals.get(proposal.id))).toBe(server.hash);

    const other = await methodsCalled(() => yubei.sync.sync());
    expect(other).toContain('sync.get');
    const copy = yubei.sync.state.remoteProposal(proposal.id);
    expect([copy.rev, copy.proposal.sections.plan.text, contentHash(copy.proposal)]).toEqual([server.rev, plan, server.hash]);
  });
});
