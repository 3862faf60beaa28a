import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_NOTE } from '../../src/core/sync/askServer';
import { applyProposal } from '../../src/federation/proposals';
import { LIBRARY, Q, W } from './helpers/statsFixture';
import { writeServerStatsProposals } from './helpers/statsLibrary';
import { makeListing, makeProposal } from './helpers/proposals';
import { desk, type Desk } from './helpers/syncDesk';
import { PASSWORD, startSyncServer } from './helpers/syncServer';

/**
 * The desk's 统计 and 披露日程 for the whole federation: asked of a real federation server (PGlite)
 * when the desk is logged in, the desk's own library otherwise, with the note saying so.
 */

const CITY = '市慈善总会（本级）';
const J = '江北区';
// Live since 2025 on 支付宝公益 for 4 months (no platform clock): 结项 disclosure due 2025-08-31, long overdue whenever this runs.
const ONLY_ON_SERVER = makeProposal({ title: '江北 助学', district: J, status: 'live', projectPeriod: { start: '2025-02-01', end: '2025-05-31' }, fundraisingPeriod: { start: '2025-02-01', end: '2025-05-31' }, listings: [makeListing('alipay', '2025-02-01')] });

let fed: Awaited<ReturnType<typeof startSyncServer>>;
const desks: (Desk & { close(): void })[] = [];
beforeAll(async () => {
  fed = await startSyncServer([
    { name: 'shenhe', district: CITY, role: 'reviewer' },
    { name: 'wanzhou', district: W, role: 'drafter' },
  ]);
  await writeServerStatsProposals(fed.store.db, LIBRARY);
  await fed.store.db.transaction((tx) => applyProposal(tx, ONLY_ON_SERVER, null, 'seed', J));
}, 180_000);
afterAll(async () => {
  for (const d of desks) d.close();
  await fed?.stop();
});

/** A desk logged in as `user`, its first sync done; other districts' synced copies dropped, so what it shows of them came from the server. */
async function loggedIn(user: string): Promise<Desk> {
  const d = desk();
  desks.push(d);
  await d.sync.connect(fed.server.url, user, PASSWORD);
  await d.sync.sync().catch(() => undefined);
  d.lib.db.exec('DELETE FROM remote_proposals');
  return d;
}

describe('统计 on a connected desk', () => {
  it('shows the server\'s federation report, its drill-down lists and its export, and says the figures are the server\'s', async () => {
    const d = await loggedIn('shenhe');
    const r = await d.call('stats.report', { period: '2026-Q3', district: null, fromServer: true });
    expect(r.origin).toEqual({ source: 'server', note: null });
    expect(r.source).toBe('federation');
    // Counted by hand from the fixture (see tests/unit/helpers/statsFixture.ts).
    expect(r.totals).toMatchObject({ created: 4, live: 2, ended: 1, targetFen: 1_500_000, raisedFen: 170_000, donations: 34 });

    const drill = await d.call('stats.projects', { period: '2026-Q3', district: null, drill: { measure: 'live', dimension: 'platform', key: 'tencent' }, fromServer: true });
    expect(drill.origin.source).toBe('server');
    expect(drill.items.map((p) => [p.id, p.title]).sort()).toEqual([['A', '项目A'], ['B', '项目B']]);
    expect(drill.notHere.sort()).toEqual(['A', 'B']);

    const file = await d.call('stats.export', { period: '2026-Q3', district: null, format: 'xlsx', fromServer: true });
    expect(file.origin.source).toBe('server');
    expect(Buffer.from(file.dataBase64, 'base64').subarray(0, 2).toString()).toBe('PK');

    // Not asked: the desk's own library, as before. The first sync brought only its own district's F (市慈善总会本级).
    const own = await d.call('stats.report', { period: '2026-Q3', district: null });
    expect(own).toMatchObject({ source: 'library', origin: { source: 'local', note: null } });
    expect(own.totals.created).toBe(1);
  });

  it('falls back to the library with a note when the server refuses (a drafter) or cannot be reached', async () => {
    const drafter = await loggedIn('wanzhou');
    const refused = await drafter.call('stats.report', { period: '2026-Q3', district: null, fromServer: true });
    expect(refused.source).toBe('library');
    expect(refused.origin.source).toBe('local');
    expect(refused.origin.note).toBe('总会服务器未提供：只有总会审核人和管理员可以查看全市统计报表。以下为本机数据');

    const offline = desk();
    desks.push(offline);
    // Logged in once, the server now gone: a port nothing listens on.
    offline.sync.state.saveLogin('http://127.0.0.1:9', { name: 'shenhe', district: CITY, role: 'reviewer' }, 'token', new Date(Date.now() + 3_600_000).toISOString());
    const r = await offline.call('stats.report', { period: '2026-Q3', district: null, fromServer: true });
    expect(r.origin).toEqual({ source: 'local', note: LOCAL_NOTE });
    expect(LOCAL_NOTE).toBe('未连接总会服务器，以下为本机数据');
    const never = desk();
    desks.push(never);
    expect((await never.call('stats.projects', { period: '2026-Q3', district: null, drill: { measure: 'live', dimension: 'all', key: '' }, fromServer: true })).origin.note).toBe(LOCAL_NOTE);
    // A malformed period is refused in Chinese whichever answers.
    await expect(offline.call('stats.report', { period: '2026-Q9', district: null, fromServer: true })).rejects.toThrow('统计期间「2026-Q9」无效');
  });
});

describe('披露日程 on a connected desk', () => {
  it('lists every district\'s due disclosures from the server for a reviewer, none of them in the desk\'s library', async () => {
    const d = await loggedIn('shenhe');
    const all = await d.call('disclosure.due', { withinDays: 14, district: null, fromServer: true });
    expect(all.origin).toEqual({ source: 'server', note: null });
    const jiangbei = all.items.filter((i) => i.proposalId === ONLY_ON_SERVER.id);
    expect(jiangbei.map((i) => [i.clock, i.due, i.state, i.district])).toEqual([['completion', '2025-08-31', 'veryLate', J]]);
    // The fixture's E (黔江区, fundraising ended 2025-09-30) owes its completion disclosure 3 months on, by 2025-12-30.
    expect(all.items.find((i) => i.proposalId === 'E')).toMatchObject({ clock: 'completion', due: '2025-12-30', district: Q });
    expect(all.notHere).toContain(ONLY_ON_SERVER.id);
    expect(all.notHere).toContain('E');
    // The desk's own list is empty: its library holds none of them.
    expect((await d.call('disclosure.due', { withinDays: 14, district: null })).items).toEqual([]);
  });

  it('shows a drafter\'s desk its own list for the whole federation, saying why, and the server\'s for its own district', async () => {
    const d = await loggedIn('wanzhou');
    const all = await d.call('disclosure.due', { withinDays: 14, district: null, fromServer: true });
    expect(all.origin.source).toBe('local');
    expect(all.origin.note).toContain('总会服务器只向总会审核人和管理员提供其他区县的披露日程');
    const own = await d.call('disclosure.due', { withinDays: 14, district: W, fromServer: true });
    expect(own.origin.source).toBe('server');
    expect(own.items.every((i) => i.district === W)).toBe(true);
    expect(own.items.some((i) => i.proposalId === 'A')).toBe(true);
  });
});
