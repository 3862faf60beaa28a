import { describe, expect, it } from 'vitest';
import { buildStatsReport } from '../../src/core/stats/build';
import { LibraryStatsSource } from '../../src/core/stats/sqlite';
import { reportTables } from '../../src/core/stats/tables';
import { statsReportSchema, type StatsReport } from '../../src/shared/stats/report';
import { writeDedupeReport, writeStatsProposals } from './helpers/statsLibrary';
import { CITY, LIBRARY, NOW, Q, W } from './helpers/statsFixture';
import { tmpLibrary } from './helpers/tmp';
import { coreUnderTest } from './helpers/core';
import type { Drill } from '../../src/shared/api/methods/stats';

async function report(period: string, district: string | null = null, withDedupe = true): Promise<StatsReport> {
  const lib = tmpLibrary();
  writeStatsProposals(lib, LIBRARY);
  if (withDedupe) writeDedupeReport(lib, [[{ id: 'G', district: W }, { id: 'H', district: Q }], [{ id: 'A', district: W }, { id: 'J', district: W }]]);
  return buildStatsReport(new LibraryStatsSource(lib), { period, district }, NOW);
}

const row = (rows: StatsReport['byDistrict'], key: string) => rows.find((r) => r.key === key)!;

describe('statistics report on a library with known figures', () => {
  it('counts the federation in 2026 Q3', async () => {
    const r = await report('2026-Q3');
    expect(statsReportSchema.parse(r)).toEqual(r);
    // The API answers what the schema parses (the dispatch checks every output): its field order is what a client sees.
    const parsed = statsReportSchema.parse(r);
    expect(Object.keys(parsed.totals)).toEqual(['created', 'statuses', 'live', 'ended', 'targetFen', 'raisedFen', 'donations']);
    expect(Object.keys(parsed.money[0]!)).toEqual(['platform', 'platformLabel', 'district', 'focusArea', 'focusAreaLabel', 'live', 'targetFen', 'raisedFen', 'donations']);
    expect(r.period).toMatchObject({ start: '2026-07-01', end: '2026-09-30', label: '2026年第三季度' });
    expect(r.totals).toMatchObject({
      created: 4, // A, C, F, J
      live: 2, // A, B
      ended: 1, // B
      targetFen: 1_500_000,
      raisedFen: 170_000,
      donations: 34,
    });
    // Active in Q3 (edited or live): A, B live; C, J drafts; E, F approved; G, H merged into F. D and I are not.
    expect(r.totals.statuses).toMatchObject({ draft: 2, approved: 2, live: 2, merged: 2, closed: 0 });
    expect(Object.values(r.totals.statuses).reduce((a, b) => a + b, 0)).toBe(8);
    expect(r.empty).toBe(false);
  });

  it('breaks the figures down by district, focus area and platform', async () => {
    const r = await report('2026-Q3');
    expect(row(r.byDistrict, W)).toMatchObject({ created: 2, live: 2, ended: 1, targetFen: 1_500_000, raisedFen: 170_000, donations: 34 });
    expect(row(r.byDistrict, W).statuses).toMatchObject({ live: 2, draft: 1, merged: 1, approved: 0 });
    expect(row(r.byDistrict, Q)).toMatchObject({ created: 1, live: 0, targetFen: 0, raisedFen: null, donations: null });
    expect(row(r.byDistrict, Q).statuses).toMatchObject({ draft: 1, approved: 1, merged: 1 });
    expect(row(r.byDistrict, CITY)).toMatchObject({ created: 1, live: 0 });
    // Every district of the catalogue is listed, an idle one with zeros.
    expect(r.byDistrict).toHaveLength(42);
    expect(row(r.byDistrict, '城口县')).toMatchObject({ created: 0, live: 0, raisedFen: null });

    expect(row(r.byFocusArea, 'industry')).toMatchObject({ created: 2, live: 1, targetFen: 1_000_000, raisedFen: 150_000 });
    expect(row(r.byFocusArea, 'elderly')).toMatchObject({ created: 0, live: 1, ended: 1, targetFen: 500_000, raisedFen: 20_000, donations: 4 });
    expect(row(r.byFocusArea, 'industry').label).toBe('产业帮扶');

    expect(row(r.byPlatform, 'tencent')).toMatchObject({ created: 2, live: 2, targetFen: 1_500_000, raisedFen: 170_000, donations: 34 });
    expect(row(r.byPlatform, 'alipay')).toMatchObject({ created: 1, live: 1, targetFen: 500_000, raisedFen: null, donations: null });
    expect(row(r.byPlatform, 'jd')).toMatchObject({ live: 0, raisedFen: null });
  });

  it('gives target and raised per platform × district × focus area', async () => {
    const r = await report('2026-Q3');
    expect(r.money).toEqual([
      { platform: 'alipay', platformLabel: '支付宝公益', district: W, focusArea: 'elderly', focusAreaLabel: '养老帮扶', live: 1, targetFen: 500_000, raisedFen: null, donations: null },
      { platform: 'tencent', platformLabel: '腾讯公益', district: W, focusArea: 'elderly', focusAreaLabel: '养老帮扶', live: 1, targetFen: 500_000, raisedFen: 20_000, donations: 4 },
      { platform: 'tencent', platformLabel: '腾讯公益', district: W, focusArea: 'industry', focusAreaLabel: '产业帮扶', live: 1, targetFen: 1_000_000, raisedFen: 150_000, donations: 30 },
    ]);
  });

  it('compares with the previous quarter and the same quarter last year', async () => {
    const r = await report('2026-Q3');
    expect(r.previous.period).toMatchObject({ id: '2026-Q2', start: '2026-04-01', end: '2026-06-30' });
    expect(r.previous.name).toBe('上季度');
    expect(r.previous.totals).toMatchObject({ created: 2, live: 1, targetFen: 500_000, raisedFen: 20_000 }); // G, H; B
    expect(r.lastYear.period.id).toBe('2025-Q3');
    expect(r.lastYear.totals).toMatchObject({ created: 1, live: 1, targetFen: 300_000, raisedFen: 300_000, donations: 10 }); // E
    expect(r.summary).toBe(
      '2026年第三季度，全市（联合会）共新建项目 4 个，在线项目 2 个，目标金额 15,000.00 元，已筹款 1,700.00 元（捐赠 34 笔）；' +
        '较上季度在线项目增加 1 个（+100.0%），筹款增加 1,500.00 元（+750.0%）；同比在线项目增加 1 个（+100.0%），筹款减少 1,300.00 元（-43.3%）。',
    );
  });

  it('counts a project live from 30 June to 2 July in Q2 and in Q3, not in Q4', async () => {
    const q2 = await report('2026-Q2');
    expect(q2.totals.live).toBe(1);
    expect(row(q2.byFocusArea, 'elderly').live).toBe(1);
    expect(row(q2.byFocusArea, 'elderly').ended).toBe(0);
    const june = await report('2026-06');
    expect(row(june.byFocusArea, 'elderly').live).toBe(1);
    const july = await report('2026-07');
    expect(row(july.byFocusArea, 'elderly')).toMatchObject({ live: 1, ended: 1 });
    const aug = await report('2026-08');
    expect(row(aug.byFocusArea, 'elderly').live).toBe(0);
  });

  it('takes days in Asia/Shanghai', async () => {
    const june = await report('2026-06');
    expect(june.totals.created).toBe(0); // C is 1 July in Chongqing although 30 June in UTC
    const oct = await report('2026-10');
    expect(oct.totals.created).toBe(1); // D
    const day = await report('2026-07-01..2026-07-01');
    expect(row(day.byDistrict, Q).created).toBe(1);
  });

  it('limits everything to one district', async () => {
    const r = await report('2026-Q3', Q);
    expect(r.scopeLabel).toBe(Q);
    expect(r.byDistrict.map((x) => x.key)).toEqual([Q]);
    expect(r.totals).toMatchObject({ created: 1, live: 0, raisedFen: null });
    expect(r.totals.statuses).toMatchObject({ draft: 1, approved: 1, merged: 1, live: 0 });
    expect(r.money).toEqual([]);
    // The brand project sits at the city federation but a 黔江 proposal joined it.
    expect(r.homogeneity).toMatchObject({ brandProjects: 1, clusters: 1, clusteredProposals: 1, clusterDistricts: [{ district: Q, proposals: 1 }] });
  });

  it('reports homogeneity from the last 同质化检查 and the brand projects formed', async () => {
    const r = await report('2026-Q3');
    expect(r.homogeneity).toEqual({
      checked: true,
      checkedAt: '2026-09-01T02:00:00.000Z',
      clusters: 2,
      clusteredProposals: 4,
      clusterDistricts: [{ district: W, proposals: 3 }, { district: Q, proposals: 1 }],
      brandProjects: 1,
      brandSources: 2,
      brandDistricts: [{ district: W, proposals: 1 }, { district: Q, proposals: 1 }].sort((a, b) => a.district.localeCompare(b.district)),
    });
    const none = await report('2026-Q3', null, false);
    expect(none.homogeneity).toMatchObject({ checked: false, clusters: 0 });
    // The model carries disclosure records now; this library has none.
    expect(none.disclosure).toMatchObject({ available: true, records: 0, proposalsWithRecords: 0 });
    expect(none.training.available).toBe(false);
  });

  it('gives an empty report, not NaN, for a period with nothing in it', async () => {
    const r = await report('2024-Q1', '城口县');
    expect(r.empty).toBe(true);
    expect(r.summary).toBe('2024年第一季度，城口县没有项目活动（无新建、在办或在线项目）。');
    expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
    expect(r.byDistrict).toEqual([expect.objectContaining({ key: '城口县', created: 0, live: 0, targetFen: 0, raisedFen: null })]);
  });

  it('refuses a malformed or future period in Chinese', async () => {
    for (const bad of ['2026-Q5', '2026-13', 'abc', '2026-02-30..2026-03-01', '2026-09-01..2026-08-01', '']) {
      await expect(report(bad)).rejects.toThrow(/统计期间|请选择统计期间/);
    }
    await expect(report('2027-Q1')).rejects.toThrow('尚未开始');
    // The running quarter has begun: it is reported, not refused.
    expect((await report('2026-Q4')).totals.created).toBe(1);
  });

  it('counts disclosure records once proposals carry them', async () => {
    const lib = tmpLibrary();
    writeStatsProposals(lib, [
      { id: 'X', district: W, focusArea: null, status: 'live', createdAt: '2026-07-01T02:00:00Z', disclosures: [{}, {}] },
      { id: 'Y', district: Q, focusArea: null, status: 'live', createdAt: '2026-07-01T02:00:00Z', disclosures: [] },
    ]);
    const r = await buildStatsReport(new LibraryStatsSource(lib), { period: '2026-Q3' }, NOW);
    expect(r.disclosure).toEqual({ available: true, records: 2, proposalsWithRecords: 1 });
  });
});

describe('the tables both report files print', () => {
  it('lays out the overview, the breakdowns, the money detail and homogeneity with their headers and totals', async () => {
    const r = await report('2026-Q3');
    const tables = new Map(reportTables(r).map((t) => [t.sheet, t]));
    const headers = (sheet: string) => tables.get(sheet)!.columns.map((c) => `${c.header}:${c.kind}`);

    const overview = tables.get('概况')!;
    expect(headers('概况')).toEqual(['期间:text', '日期:date', '新建:count', '在线:count', '本期结束:count', '目标金额（元）:yuan', '已筹金额（元）:yuan', '捐赠笔数:count']);
    expect(overview.rows.map((row) => row.slice(0, 2))).toEqual([['本期', '2026-07-01至2026-09-30'], [r.previous.name, '2026-04-01至2026-06-30'], [r.lastYear.name, '2025-07-01至2025-09-30']]);
    expect(overview).toMatchObject({ totalRow: false, idleRows: [false, false, false] });

    expect(headers('区县筹款')).toEqual(['区县:text', '在线项目:count', '目标金额（元）:yuan', '已筹金额（元）:yuan', '捐赠笔数:count']);
    const districts = tables.get('区县项目数')!;
    // An idle district may be left out of the document; the total row never is.
    expect(districts.idleRows[districts.rows.findIndex((row) => row[0] === '城口县')]).toBe(true);
    expect(districts.rows.at(-1)![0]).toBe('合计');
    expect(districts).toMatchObject({ totalRow: true });
    expect(districts.idleRows.at(-1)).toBe(false);

    const money = tables.get('平台区县领域筹款')!;
    expect(headers('平台区县领域筹款')).toEqual(['平台:text', '区县:text', '领域:text', '在线项目:count', '目标金额（元）:yuan', '已筹金额（元）:yuan', '捐赠笔数:count']);
    expect(money.totalRow).toBe(false);
    expect(money.idleRows).toEqual(money.rows.map(() => false));

    const homogeneity = tables.get('同质化与品牌项目')!;
    expect(headers('同质化与品牌项目')).toEqual(['区县:text', '同质化项目:count', '并入品牌项目:count']);
    expect(homogeneity.rows.at(-1)).toEqual(['合计', 4, r.homogeneity.brandSources]);
    expect(homogeneity.totalRow).toBe(true);
    expect(homogeneity.idleRows).toEqual(homogeneity.rows.map(() => false));
  });
});

describe('drill-down to the projects behind a figure', () => {
  it('lists the projects counted, through the API', async () => {
    const core = coreUnderTest();
    writeStatsProposals(core.lib, LIBRARY);
    const ids = async (drill: Drill, district: string | null = null) =>
      (await core.call('stats.projects', { period: '2026-Q3', district, drill })).items.map((p) => p.id).sort();
    expect(await ids({ measure: 'created', dimension: 'all', key: '' })).toEqual(['A', 'C', 'F', 'J']);
    expect(await ids({ measure: 'live', dimension: 'platform', key: 'tencent' })).toEqual(['A', 'B']);
    expect(await ids({ measure: 'live', dimension: 'platform', key: 'alipay' })).toEqual(['B']);
    expect(await ids({ measure: 'created', dimension: 'platform', key: 'alipay' })).toEqual(['J']);
    expect(await ids({ measure: 'ended', dimension: 'focusArea', key: 'elderly' })).toEqual(['B']);
    expect(await ids({ measure: 'status:merged', dimension: 'district', key: Q })).toEqual(['H']);
    expect(await ids({ measure: 'status:draft', dimension: 'all', key: '' }, Q)).toEqual(['C']);
    const b = (await core.call('stats.projects', { period: '2026-Q3', district: null, drill: { measure: 'live', dimension: 'all', key: '' } })).items.find((p) => p.id === 'B')!;
    expect(b).toMatchObject({ targetFen: 500_000, raisedFen: 20_000, title: '项目B' });
    await expect(core.call('stats.report', { period: '2026-Q9', district: null })).rejects.toThrow('统计期间「2026-Q9」无效');
    expect((await core.call('stats.report', { period: '2026-Q3', district: W })).totals.live).toBe(2);
  });
});
