import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeProposal } from './helpers/proposals';
import { DATABASES, PASSWORD, startTestFederation, type TestFederation } from './helpers/federation';
import { desk } from './helpers/syncDesk';

const BOOT = 180_000;

// A desk's sync pulls proposals and then, only when the pull says some wait, review events: most
// syncs have none, and each request saved is one fewer in the queue when 42 desks sync at once.
describe.each(DATABASES)('the pull says whether review events wait, on %s', (kind) => {
  let fed: TestFederation;
  beforeAll(async () => {
    fed = await startTestFederation(kind);
  }, BOOT);
  afterAll(async () => fed?.close(), BOOT);
  afterEach(() => vi.restoreAllMocks());

  it('past the desk’s review cursor, counting only the events that account may see', async () => {
    const wushan = await fed.user('wushan', '巫山县', 'drafter');
    const fengjie = await fed.user('fengjie', '奉节县', 'drafter');
    const reviewer = await fed.user('shenhe1', '市慈善总会（本级）', 'reviewer');
    const trainer = await fed.user('peixun1', '市慈善总会（本级）', 'trainer');
    const waiting = async (token: string, reviewCursor = 0) => (await fed.ok('sync.pull', { cursor: 0, changes: true, reviewCursor }, token)).reviews;

    expect(await waiting(wushan)).toBe(false);
    expect(await waiting(reviewer)).toBe(false);
    // Not asked, not said (older desks).
    expect('reviews' in (await fed.ok('sync.pull', { cursor: 0 }, wushan))).toBe(false);

    const p = makeProposal({ district: '巫山县', title: '巫山县留守儿童课后托管' });
    await fed.ok('sync.push', { items: [{ proposal: p, baseRev: null }] }, wushan);
    const [submitted] = (await fed.ok('sync.push', { items: [{ proposal: { ...p, status: 'submitted' }, baseRev: 1 }] }, wushan)).results;
    expect(submitted?.status).toBe('accepted');

    expect(await waiting(wushan)).toBe(true);
    expect(await waiting(reviewer)).toBe(true);
    expect(await waiting(fengjie)).toBe(false);
    expect(await waiting(trainer)).toBe(false);
    // Once the desk has them, nothing waits.
    const { cursor, events } = await fed.ok('review.pull', { cursor: 0 }, wushan);
    expect(events.map((e) => e.kind)).toEqual(['revision', 'transition']);
    expect(await waiting(wushan, cursor)).toBe(false);
  });

  it('a desk asks review.pull only when the pull says events wait, and a decision still arrives', async () => {
    await fed.user('chengkou', '城口县', 'drafter');
    const reviewer = await fed.user('shenhe2', '市慈善总会（本级）', 'reviewer');
    const district = desk();
    const reviewPulls = () => fetchSpy.mock.calls.filter(([url]) => String(url).endsWith('/api/review.pull')).length;
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    await district.sync.connect(fed.server.url, 'chengkou', PASSWORD);
    await district.sync.sync();
    await district.sync.sync();
    expect(reviewPulls()).toBe(0);

    const p = district.lib.proposals.insert(makeProposal({ district: '城口县', title: '城口县山区学生营养午餐' }));
    await district.call('review.act', { id: p.id, action: 'submit', reason: '', sections: [] });
    await district.sync.sync();
    // Its own submit is a review event: brought down once, then nothing waits again.
    expect(reviewPulls()).toBe(1);
    await district.sync.sync();
    expect(reviewPulls()).toBe(1);

    await fed.ok('review.act', { id: p.id, action: 'return', reason: '请补充学生名单', sections: [] }, reviewer);
    await district.sync.sync();
    expect(reviewPulls()).toBe(2);
    expect((await district.call('review.state', { id: p.id })).status).toBe('returned');
  });
});
