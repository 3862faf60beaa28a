import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStatsReport } from '../../src/core/stats/build';
import { LibraryStatsSource } from '../../src/core/stats/sqlite';
import { FederationStatsSource } from '../../src/federation/stats';
import { DATABASES, startFederationWithAccounts, type Sessions, type TestFederation } from './helpers/federation';
import { LIBRARY, NOW, Q, W } from './helpers/statsFixture';
import { writeServerStatsProposals, writeStatsProposals } from './helpers/statsLibrary';
import { tmpLibrary } from './helpers/tmp';

describe.each(DATABASES)('statistics on the federation server (%s)', (kind) => {
  let fed: TestFederation;
  let as: Sessions;
  beforeAll(async () => {
    ({ fed, as } = await startFederationWithAccounts(kind));
    // The server has no recycle bin: a deleted desk proposal never reaches it.
    await writeServerStatsProposals(fed.store.db, LIBRARY);
  }, 60_000);
  afterAll(async () => fed?.close());

  it('answers reviewers with the hand-counted figures, the same as a desktop library holding the same proposals', async () => {
    const reviewer = as.reviewer;
    const r = await fed.ok('stats.report', { period: '2026-Q3', district: null }, reviewer);
    expect(r.source).toBe('federation');
    expect(r.totals).toMatchObject({ created: 4, live: 2, ended: 1, targetFen: 1_500_000, raisedFen: 170_000, donations: 34 });
    expect(r.totals.statuses).toMatchObject({ draft: 2, approved: 2, live: 2, merged: 2 });
    expect(r.previous.totals).toMatchObject({ created: 2, live: 1 });
    expect(r.lastYear.totals).toMatchObject({ created: 1, live: 1, raisedFen: 300_000 });
    expect(r.homogeneity).toMatchObject({ checked: false, brandProjects: 1, brandDistricts: expect.arrayContaining([{ district: W, proposals: 1 }, { district: Q, proposals: 1 }]) });

    const lib = tmpLibrary();
    writeStatsProposals(lib, LIBRARY);
    const desk = await buildStatsReport(new LibraryStatsSource(lib), { period: '2026-Q3' }, NOW);
    expect(r.byDistrict).toEqual(desk.byDistrict);
    expect(r.byFocusArea).toEqual(desk.byFocusArea);
    expect(r.byPlatform).toEqual(desk.byPlatform);
    expect(r.money).toEqual(desk.money);

    const district = await fed.ok('stats.report', { period: '2026-07-01..2026-07-01', district: Q }, reviewer);
    expect(district.totals.created).toBe(1); // C: 00:30 on 1 July in Chongqing
    const src = new FederationStatsSource(fed.store.db);
    const drill = await src.projects({ period: r.period, district: null }, { measure: 'live', dimension: 'platform', key: 'tencent' }, 100);
    expect(drill.items.map((p) => p.id).sort()).toEqual(['A', 'B']);
    expect(drill.items.find((p) => p.id === 'B')).toMatchObject({ targetFen: 500_000, raisedFen: 20_000 });
  });

  it('refuses drafters and bad periods in Chinese', async () => {
    // A drafter of a district that has proposals in the figures: still not the whole city's.
    const drafter = await fed.user('zhuanxie', W, 'drafter');
    const refused = await fed.call('stats.report', { period: '2026-Q3', district: null }, drafter);
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '只有总会审核人和管理员可以查看全市统计报表' } });
    const bad = await fed.call('stats.report', { period: '2026-Q7', district: null }, as.admin);
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(bad.ok ? '' : bad.error.message).toContain('统计期间「2026-Q7」无效');
  });
});
