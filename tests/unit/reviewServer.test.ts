import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Proposal } from '../../src/shared/domain/proposal';
import { textToDoc } from '../../src/shared/domain/richText';
import { contentHash } from '../../src/core/util/contentHash';
import { pullReviews } from '../../src/core/sync/reviewEvents';
import { FederationHttp } from '../../src/core/sync/http';
import { makeProposal } from './helpers/proposals';
import { refusalOf } from './helpers/refusal';
import { ACCOUNTS, DATABASES, PASSWORD, startFederationWithAccounts, type TestFederation } from './helpers/federation';
import { desk, type Desk } from './helpers/syncDesk';

// Review through the federation server, on PGlite and (where one runs) a real PostgreSQL: the
// server decides by the account's role, the desks receive the decisions and comments on their next sync.

const BOOT = 180_000;
const BACKGROUND = '渝北区龙溪街道有独居老人三百二十人，午餐多靠泡面解决，社区食堂离家太远。';
const later = (ms: number) => new Date(Date.now() + ms).toISOString();
const withBackground = (p: Proposal, text: string): Proposal => ({ ...p, sections: { ...p.sections, background: { doc: textToDoc(text), text } }, updatedAt: later(2000) });

describe.each(DATABASES)('review through the federation server on %s', (kind) => {
  let fed: TestFederation;
  let yubei: string;
  let jiangbei: string;
  let reviewer: string;
  let trainer: string;

  beforeAll(async () => {
    ({ fed, as: { yubei, jiangbei, reviewer, trainer } } = await startFederationWithAccounts(kind));
  }, BOOT);
  afterAll(async () => fed?.close(), BOOT);

  const refusedAudits = (target: string) =>
    fed.store.db.query<{ user_name: string; action: string; detail: string }>(`SELECT user_name, action, detail FROM audit WHERE target = $1 AND outcome = 'refused' ORDER BY id`, [target]);
  const serverStatus = async (id: string) => (await fed.store.db.query<{ status: string }>('SELECT status FROM proposals WHERE id = $1', [id]))[0]?.status;

  describe('the server no longer takes whatever status a desk pushes', () => {
    it('refuses a drafter pushing 已通过 (or 审核中) over a draft, in Chinese, with an audit row; the status stays', async () => {
      const p = makeProposal({ district: '渝北区', title: '渝北区助餐', sections: { background: BACKGROUND } });
      await fed.ok('sync.push', { items: [{ proposal: p, baseRev: null }] }, yubei);
      for (const status of ['approved', 'reviewing'] as const) {
        const { results } = await fed.ok('sync.push', { items: [{ proposal: { ...p, status, updatedAt: later(1000) }, baseRev: 1 }] }, yubei);
        expect(results[0]).toMatchObject({ status: 'rejected', code: 'CONFLICT' });
        if (results[0]!.status === 'rejected') expect(results[0]!.message).toContain('区县不能把它改为');
      }
      expect(await serverStatus(p.id)).toBe('draft');
      const audits = await refusedAudits(p.id);
      expect(audits.map((a) => a.action)).toEqual(['sync.push', 'sync.push']);
      expect(audits[0]!.detail).toContain('已通过');
      // A brand-new proposal cannot arrive approved either.
      const fresh = makeProposal({ district: '渝北区', status: 'approved' });
      const { results } = await fed.ok('sync.push', { items: [{ proposal: fresh, baseRev: null }] }, yubei);
      expect(results[0]).toMatchObject({ status: 'rejected' });
      expect(await serverStatus(fresh.id)).toBeUndefined();
    });

    it('takes a submit, records it with its revision, and then refuses the district’s text changes until it is returned', async () => {
      const p = makeProposal({ district: '渝北区', title: '渝北区助餐二', sections: { background: BACKGROUND } });
      const submitted = { ...p, status: 'submitted' as const, updatedAt: later(500) };
      expect((await fed.ok('sync.push', { items: [{ proposal: submitted, baseRev: null }] }, yubei)).results[0]).toMatchObject({ status: 'accepted' });
      const events = await fed.store.db.query<{ kind: string; body: { hash?: string; action?: string } }>('SELECT kind, body FROM review_events WHERE proposal_id = $1 ORDER BY seq', [p.id]);
      expect(events.map((e) => `${e.kind}:${e.body.action ?? ''}`)).toEqual(['revision:', 'transition:submit']);
      expect(events[0]!.body.hash).toBe(contentHash(submitted));
      const edited = withBackground(submitted, `${BACKGROUND}（审核中偷偷改的）`);
      const { results } = await fed.ok('sync.push', { items: [{ proposal: edited, baseRev: 1 }] }, yubei);
      expect(results[0]).toMatchObject({ status: 'rejected', code: 'CONFLICT' });
      if (results[0]!.status === 'rejected') expect(results[0]!.message).toContain('正在审核，区县不能修改文字');
      const [row] = await fed.store.db.query<{ doc: Proposal }>('SELECT doc FROM proposal_docs WHERE id = $1', [p.id]);
      expect(row!.doc.sections.background.text).toBe(BACKGROUND);
      expect((await refusedAudits(p.id)).map((a) => a.user_name)).toEqual(['yubei']);
    });
  });

  it('lets a merge retire a proposal and its undo give back only the status it had', async () => {
    const p = makeProposal({ district: '渝北区', title: '并入品牌项目的助餐', sections: { background: BACKGROUND } });
    await fed.ok('sync.push', { items: [{ proposal: p, baseRev: null }] }, yubei);
    const merged = { ...p, status: 'merged' as const, mergedInto: p.id.replace(/.$/, '0'), updatedAt: later(1000) };
    expect((await fed.ok('sync.push', { items: [{ proposal: merged, baseRev: 1 }] }, yubei)).results[0]).toMatchObject({ status: 'accepted', rev: 2 });
    const forged = { ...p, status: 'approved' as const, updatedAt: later(2000) };
    expect((await fed.ok('sync.push', { items: [{ proposal: forged, baseRev: 2 }] }, yubei)).results[0]).toMatchObject({ status: 'rejected', code: 'CONFLICT' });
    const undone = { ...p, updatedAt: later(3000) };
    expect((await fed.ok('sync.push', { items: [{ proposal: undone, baseRev: 2 }] }, yubei)).results[0]).toMatchObject({ status: 'accepted', rev: 3 });
    expect(await serverStatus(p.id)).toBe('draft');
  });

  describe('who decides on the server', () => {
    let id: string;
    beforeAll(async () => {
      const p = makeProposal({ district: '渝北区', title: '渝北区助餐三', status: 'submitted', sections: { background: BACKGROUND } });
      id = p.id;
      await fed.ok('sync.push', { items: [{ proposal: p, baseRev: null }] }, yubei);
    });

    it('refuses a drafter’s approval, a trainer’s, and another district’s answer; a return without a reason; a quote not in the text', async () => {
      expect(await fed.call('review.act', { id, action: 'approve' }, yubei)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '区县不能通过，只有总会审核人可以' } });
      expect(await fed.call('review.act', { id, action: 'approve' }, trainer)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '培训老师不参与审核' } });
      expect(await fed.call('review.act', { id, action: 'return', reason: '  ' }, reviewer)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '退回修改必须填写理由' } });
      expect(await fed.call('review.comment', { id, section: 'background', quote: '不存在的一句话', body: '请核实' }, reviewer)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      const { events } = await fed.ok('review.comment', { id, section: 'background', quote: '三百二十人', body: '人数的来源？' }, reviewer);
      const commentId = events.find((e) => e.kind === 'comment')!.kind === 'comment' ? (events.find((e) => e.kind === 'comment') as { commentId: string }).commentId : '';
      expect(await fed.call('review.answer', { id, commentId, answer: '不是我们的' }, jiangbei)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await serverStatus(id)).toBe('submitted');
      const audits = await refusedAudits(id);
      expect(audits.map((a) => `${a.user_name} ${a.action}`)).toEqual(expect.arrayContaining(['yubei review.approve', 'peixun review.approve', 'shenhe review.return', 'shenhe review.comment', 'jiangbei review.answer']));
    });

    it('lets the reviewer decide: the status is the server’s, each desk that may see it pulls the events, a drafter only its district’s', async () => {
      const out = await fed.ok('review.act', { id, action: 'approve' }, reviewer);
      expect(out.proposal.proposal.status).toBe('approved');
      expect(await serverStatus(id)).toBe('approved');
      const transition = out.events.find((e) => e.kind === 'transition');
      expect(transition).toMatchObject({ action: 'approve', from: 'submitted', to: 'approved', role: 'reviewer', by: 'shenhe' });
      const idsFor = async (token: string) => (await fed.ok('review.pull', { cursor: 0 }, token)).events.filter((e) => e.proposalId === id).map((e) => e.kind);
      expect(await idsFor(yubei)).toEqual(['revision', 'transition', 'comment', 'transition']);
      expect(await idsFor(reviewer)).toEqual(['revision', 'transition', 'comment', 'transition']);
      expect(await idsFor(jiangbei)).toEqual([]);
      expect(await idsFor(trainer)).toEqual([]);
      // Frozen now: the district cannot push new text over the approved revision.
      const [row] = await fed.store.db.query<{ doc: Proposal; rev: number }>('SELECT doc, rev FROM proposal_docs WHERE id = $1', [id]);
      const { results } = await fed.ok('sync.push', { items: [{ proposal: withBackground(row!.doc, '改过的背景'), baseRev: row!.rev }] }, yubei);
      if (results[0]!.status !== 'rejected') throw new Error('应被拒绝');
      expect(results[0]!.message).toContain('已通过并冻结，如需修改请先「发起变更」');
    });
  });

  describe('decisions and comments reach the district on its next sync', () => {
    let district: Desk & { close(): void };
    let federation: Desk & { close(): void };
    let id: string;

    beforeAll(async () => {
      await fed.user('yubei2', '渝北区', 'drafter');
      district = desk({ keep: true });
      federation = desk({ keep: true });
      await district.sync.connect(fed.server.url, 'yubei2', PASSWORD);
      await district.sync.sync();
      await federation.sync.connect(fed.server.url, ACCOUNTS.reviewer.name, PASSWORD);
      await federation.sync.sync();
    }, BOOT);
    afterAll(() => {
      district?.close();
      federation?.close();
    });

    it('a district submits; the reviewer (on the server) comments on a passage and returns it with reasons', async () => {
      const p = district.lib.proposals.insert(makeProposal({ district: '渝北区', title: '龙溪街道长者助餐', sections: { background: BACKGROUND } }));
      id = p.id;
      await district.call('review.act', { id, action: 'submit', reason: '', sections: [] });
      await district.sync.sync();
      expect(await serverStatus(id)).toBe('submitted');

      await federation.sync.sync();
      expect((await federation.call('review.queue', {})).items.map((i) => i.id)).toContain(id);
      await federation.call('review.comment', { id, section: 'background', quote: '三百二十人', body: '请附上民政部门的名册' });
      const returned = await federation.call('review.act', { id, action: 'return', reason: '受益人数缺少依据', sections: ['background'] });
      expect(returned.status).toBe('returned');
      expect(returned.log.map((e) => `${e.action}/${e.origin}/${e.by}`)).toEqual(['submit/server/yubei2', 'return/server/shenhe']);
      expect(await serverStatus(id)).toBe('returned');
      // Nothing about it was decided on the reviewer's desk itself: no desk-made entry, no signature.
      expect(returned.log.every((e) => e.signature === null)).toBe(true);
    });

    it('the district’s next sync brings the return, its reasons and the comment anchored to revision 1; it answers, fixes and resubmits', async () => {
      await district.sync.sync();
      const state = await district.call('review.state', { id });
      expect(state.status).toBe('returned');
      expect(state.log.map((e) => `${e.action}/${e.origin}`)).toEqual(['submit/desk', 'return/server']);
      expect(state.log[1]).toMatchObject({ by: 'shenhe', role: 'reviewer', reason: '受益人数缺少依据', sections: ['background'], revision: 1 });
      expect(state.comments).toHaveLength(1);
      expect(state.comments[0]).toMatchObject({ revision: 1, section: 'background', quote: '三百二十人', body: '请附上民政部门的名册', by: 'shenhe', resolvedAt: null });
      // The server's revision is the one this desk submitted (same content hash), not a second copy.
      expect(state.revisions.map((r) => r.n)).toEqual([1]);

      await district.call('review.resolveComment', { id, commentId: state.comments[0]!.id, answer: '已附名册，见附件' });
      const current = district.lib.proposals.get(id);
      district.lib.proposals.save(withBackground(current, BACKGROUND.replace('三百二十人', '三百四十人（名册见附件）')));
      await district.call('review.act', { id, action: 'submit', reason: '', sections: [] });
      await district.sync.sync();
      expect(await serverStatus(id)).toBe('submitted');
      const answers = await fed.store.db.query<{ body: { answer: string } }>(`SELECT body FROM review_events WHERE proposal_id = $1 AND kind = 'answer'`, [id]);
      expect(answers.map((a) => a.body.answer)).toEqual(['已附名册，见附件']);
      expect(district.lib.db.prepare('SELECT count(*) AS n FROM review_outbox').get()).toEqual({ n: 0 });
    });

    it('the reviewer sees the answer and revision 2, approves on the server; the district’s copy is frozen at revision 2 after its sync', async () => {
      await federation.sync.sync();
      const before = await federation.call('review.state', { id });
      expect(before.comments[0]).toMatchObject({ resolution: '已附名册，见附件' });
      expect(before.revisions.map((r) => r.n)).toEqual([2, 1]);
      const diff = await federation.call('review.compare', { id, from: 1, to: 2 });
      expect(diff.sections.find((s) => s.section === 'background')!.parts.filter((x) => x.op === 'insert').map((x) => x.text).join('')).toContain('四');
      await federation.call('review.act', { id, action: 'approve', reason: '', sections: [] });

      await district.sync.sync();
      const after = await district.call('review.state', { id });
      expect(after.status).toBe('approved');
      expect(after.frozen).toMatchObject({ n: 2, hash: district.lib.review.revisions(id)[0]!.hash });
      expect(after.log.map((e) => `${e.action}/${e.origin}`)).toEqual(['submit/desk', 'return/server', 'submit/desk', 'approve/server']);
      expect(refusalOf(() => district.lib.proposals.save(withBackground(district.lib.proposals.get(id), '冻结后又改')))).toContain('已冻结');

      // Syncing again applies nothing twice.
      await district.sync.sync();
      await federation.sync.sync();
      expect((await district.call('review.state', { id })).log).toHaveLength(4);
      expect((await federation.call('review.state', { id })).log.map((e) => e.action)).toEqual(['submit', 'return', 'submit', 'approve']);
      expect((await federation.call('review.state', { id })).comments).toHaveLength(1);
    });

    it('an amendment (变更) started and resubmitted between two syncs reaches the server as both steps, and a new review starts', async () => {
      await district.call('review.act', { id, action: 'amend', reason: '', sections: [] });
      district.lib.proposals.save(withBackground(district.lib.proposals.get(id), `${BACKGROUND}变更：增加送餐上门。`));
      await district.call('review.act', { id, action: 'submit', reason: '', sections: [] });
      const summary = await district.sync.sync();
      expect(summary.rejected).toBe(0);
      expect(district.sync.state.rejected()).toEqual([]);
      expect(await serverStatus(id)).toBe('submitted');
      const steps = await fed.store.db.query<{ body: { action: string; from: string; to: string } }>(
        `SELECT body FROM review_events WHERE proposal_id = $1 AND kind = 'transition' ORDER BY seq`,
        [id],
      );
      expect(steps.map((e) => `${e.body.action}:${e.body.from}>${e.body.to}`).slice(-2)).toEqual(['amend:approved>draft', 'submit:draft>submitted']);

      await federation.sync.sync();
      expect((await federation.call('review.queue', {})).items.find((i) => i.id === id)).toMatchObject({ status: 'submitted', revision: 3 });
      // Until the amendment is approved, revision 2 is the approved one on both desks.
      expect((await federation.call('review.state', { id })).frozen?.n).toBe(2);
      await district.sync.sync();
      const mine = await district.call('review.state', { id });
      expect(mine.frozen?.n).toBe(2);
      expect(mine.log.map((e) => `${e.action}/${e.origin}`).slice(-2)).toEqual(['amend/desk', 'submit/desk']);
      expect(mine.revisions.map((r) => r.n)).toEqual([3, 2, 1]);
    });

    it('a submission withdrawn (撤回), edited and submitted again between two syncs arrives as both steps with the new text', async () => {
      await district.call('review.act', { id, action: 'withdraw', reason: '', sections: [] });
      district.lib.proposals.save(withBackground(district.lib.proposals.get(id), `${BACKGROUND}撤回后补充：每周三增加理发服务。`));
      await district.call('review.act', { id, action: 'submit', reason: '', sections: [] });
      expect((await district.sync.sync()).rejected).toBe(0);
      const steps = await fed.store.db.query<{ body: { action: string } }>(`SELECT body FROM review_events WHERE proposal_id = $1 AND kind = 'transition' ORDER BY seq`, [id]);
      expect(steps.map((e) => e.body.action).slice(-2)).toEqual(['withdraw', 'submit']);
      const [row] = await fed.store.db.query<{ status: string; doc: Proposal }>('SELECT status, doc FROM proposal_docs WHERE id = $1', [id]);
      expect(row!.status).toBe('submitted');
      expect(row!.doc.sections.background.text).toContain('每周三增加理发服务');
    });

    it('a page of events is applied whole or not at all, with its cursor', async () => {
      const fresh = desk();
      try {
        await fresh.sync.connect(fed.server.url, ACCOUNTS.yubei.name, PASSWORD);
        // Proposals and review events of the first sync: then undo the review part to pull it again with a failure planted.
        await fresh.sync.sync();
        const logBefore = (fresh.lib.db.prepare('SELECT count(*) AS n FROM review_log').get() as { n: number }).n;
        expect(logBefore).toBeGreaterThan(0);
        fresh.lib.db.exec(`DELETE FROM review_server_events; DELETE FROM review_sync; DELETE FROM review_comments`);
        fresh.lib.db.exec(`CREATE TEMP TRIGGER fail_comment BEFORE INSERT ON review_comments BEGIN SELECT RAISE(ABORT, 'planted failure'); END`);
        const server = fresh.sync.state.server()!;
        await expect(pullReviews(new FederationHttp(server.url, fresh.sync.state.token()!), fresh.lib, server)).rejects.toThrow('planted failure');
        expect(fresh.lib.db.prepare('SELECT count(*) AS n FROM review_server_events').get()).toEqual({ n: 0 });
        expect(fresh.lib.db.prepare('SELECT count(*) AS n FROM review_sync').get()).toEqual({ n: 0 });
        expect((fresh.lib.db.prepare('SELECT count(*) AS n FROM review_log').get() as { n: number }).n).toBe(logBefore);
      } finally {
        fresh.close();
      }
    });
  });
});
