import type { Drill } from '../../shared/api/methods/stats';
import { DISTRICTS, FOCUS_AREAS, focusAreaLabel, platformLabel, PLATFORM_IDS, STATUSES } from '../../shared/domain/catalog';
import { assertNotFuture, parsePeriod, previousName, previousPeriod, samePeriodLastYear, type Period } from '../../shared/stats/period';
import { STATS_REPORT_VERSION, statsQuerySchema, type StatsFigures, type StatsQuery, type StatsReport, type StatsRow } from '../../shared/stats/report';
import type { Cell, PlatformAggRow, ProposalAggRow, RaisedAggRow, Scope, StatsSource, StatusAggRow } from './source';
import { reportSummary } from './summary';

export const FEDERATION_SCOPE = '全市（联合会）';

const emptyFigures = (): StatsFigures => ({
  created: 0,
  statuses: Object.fromEntries(STATUSES.map((s) => [s.id, 0])),
  live: 0,
  ended: 0,
  targetFen: 0,
  raisedFen: null,
  donations: null,
});

/** Numbers from either database as JS numbers (PostgreSQL returns bigint sums as strings). */
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

const addOrNull = (a: number | null, b: unknown): number | null => (b === null || b === undefined ? a : (a ?? 0) + Number(b));

type Keyed<T> = T & { key: string };

/** Add rows of the three kinds up into figures per key (several cells may share a key). */
function figuresByKey(props: Keyed<ProposalAggRow>[], statuses: Keyed<StatusAggRow>[], raised: Keyed<RaisedAggRow>[]): Map<string, StatsFigures> {
  const out = new Map<string, StatsFigures>();
  const at = (key: string) => out.get(key) ?? out.set(key, emptyFigures()).get(key)!;
  for (const r of props) {
    const f = at(r.key);
    f.created += num(r.created);
    f.live += num(r.live);
    f.ended += num(r.ended);
    f.targetFen += num(r.targetFen);
  }
  for (const r of statuses) {
    const f = at(r.key);
    f.statuses[r.status] = (f.statuses[r.status] ?? 0) + num(r.n);
  }
  for (const r of raised) {
    const f = at(r.key);
    f.raisedFen = addOrNull(f.raisedFen, r.raisedFen);
    f.donations = addOrNull(f.donations, r.donations);
  }
  return out;
}

type CellRows = [(ProposalAggRow & Cell)[], (StatusAggRow & Cell)[], (RaisedAggRow & Cell)[]];
const cellRows = (src: StatsSource, s: Scope): Promise<CellRows> => Promise.all([src.proposals(s), src.statuses(s), src.raised(s)]);

/** The database's per-district-and-area rows, added up by district, by focus area or all together. */
function rollUp(rows: CellRows, keyOf: (c: Cell) => string): Map<string, StatsFigures> {
  const keyed = <T extends Cell>(list: T[]) => list.map((r) => ({ ...r, key: keyOf(r) }));
  return figuresByKey(keyed(rows[0]), keyed(rows[1]), keyed(rows[2]));
}

const totalOf = (rows: CellRows): StatsFigures => rollUp(rows, () => '').get('') ?? emptyFigures();

/** Rows in catalogue order first (every known key, so an empty district still shows as 0), then any others. */
function rows(map: Map<string, StatsFigures>, known: readonly string[], label: (k: string) => string, keepEmpty: boolean): StatsRow[] {
  const keys = [...known, ...[...map.keys()].filter((k) => !known.includes(k)).sort()];
  return keys
    .filter((k) => map.has(k) || keepEmpty)
    .map((k) => ({ key: k, label: label(k), ...(map.get(k) ?? emptyFigures()) }));
}

const districtLabel = (d: string) => d || '未填写区县';
const areaLabel = (a: string) => (a ? focusAreaLabel(a) : '未选领域');

function isEmpty(t: StatsFigures): boolean {
  return t.created === 0 && t.live === 0 && Object.values(t.statuses).every((n) => n === 0);
}

export const DRILL_LIMIT = 500;

/** The projects behind a figure of the report for the same period and scope. */
export async function drillProjects(src: StatsSource, query: StatsQuery, drill: Drill, now: Date = new Date()) {
  const q = statsQuerySchema.parse(query);
  const period = parsePeriod(q.period);
  assertNotFuture(period, now);
  await src.prepare();
  return src.projects({ period, district: q.district?.trim() || null }, drill, DRILL_LIMIT);
}

/**
 * The statistics report for a period and scope. A malformed period string or one that has not begun
 * is refused with a Chinese message; a period with nothing in it gives a report marked `empty`.
 */
export async function buildStatsReport(src: StatsSource, query: StatsQuery, now: Date = new Date()): Promise<StatsReport> {
  const q = statsQuerySchema.parse(query);
  const period: Period = parsePeriod(q.period);
  assertNotFuture(period, now);
  const district = q.district?.trim() || null;
  const scope: Scope = { period, district };
  const prevPeriod = previousPeriod(period);
  await src.prepare();
  const yoyPeriod = samePeriodLastYear(period);

  const [cells, platProps, platStatuses, platMoney, money, brands, disclosures, dedupe, prevCells, yoyCells] = await Promise.all([
    cellRows(src, scope),
    src.platformProposals(scope),
    src.platformStatuses(scope),
    src.platformMoney(scope),
    src.money(scope),
    src.brands(scope),
    src.disclosures(scope),
    src.lastDedupeReport(),
    cellRows(src, { period: prevPeriod, district }),
    cellRows(src, { period: yoyPeriod, district }),
  ]);
  const byDistrict = rollUp(cells, (c) => c.district);
  const byArea = rollUp(cells, (c) => c.focusArea);
  const total = totalOf(cells);

  // Platforms: created and statuses from the platforms a proposal plans; live, target and money from its listings.
  const byPlatform = figuresByKey(platProps, platStatuses, platMoney);
  for (const r of platMoney as PlatformAggRow[]) Object.assign(byPlatform.get(r.key)!, { live: num(r.live), targetFen: num(r.targetFen) });

  const inScope = (m: { district: string }) => district === null || m.district === district;
  const clusters = (dedupe?.clusters ?? []).filter((c) => c.members.some(inScope));
  const clusterDistricts = new Map<string, number>();
  for (const c of clusters) for (const m of c.members) if (inScope(m)) clusterDistricts.set(m.district, (clusterDistricts.get(m.district) ?? 0) + 1);

  const report: Omit<StatsReport, 'summary'> = {
    version: STATS_REPORT_VERSION,
    generatedAt: now.toISOString(),
    source: src.kind,
    period,
    district,
    scopeLabel: district ?? FEDERATION_SCOPE,
    statuses: STATUSES.map(({ id, label }) => ({ id, label })),
    totals: total,
    byDistrict: rows(byDistrict, district ? [district] : DISTRICTS, districtLabel, true),
    byFocusArea: rows(byArea, FOCUS_AREAS.map((f) => f.id), areaLabel, true),
    byPlatform: rows(byPlatform, PLATFORM_IDS, platformLabel, true),
    money: money.map((r) => ({
      platform: r.platform,
      platformLabel: platformLabel(r.platform),
      district: r.district,
      focusArea: r.focusArea,
      focusAreaLabel: areaLabel(r.focusArea),
      live: num(r.live),
      targetFen: num(r.targetFen),
      raisedFen: numOrNull(r.raisedFen),
      donations: numOrNull(r.donations),
    })),
    previous: { name: previousName(period), period: prevPeriod, totals: totalOf(prevCells) },
    lastYear: { name: '去年同期', period: yoyPeriod, totals: totalOf(yoyCells) },
    homogeneity: {
      checked: dedupe !== null,
      checkedAt: dedupe?.generatedAt ?? null,
      clusters: clusters.length,
      clusteredProposals: [...clusterDistricts.values()].reduce((a, b) => a + b, 0),
      clusterDistricts: [...clusterDistricts].map(([d, n]) => ({ district: d, proposals: n })).sort((a, b) => b.proposals - a.proposals || a.district.localeCompare(b.district)),
      brandProjects: brands.brandProjects,
      brandSources: brands.brandDistricts.reduce((a, b) => a + b.proposals, 0),
      brandDistricts: brands.brandDistricts,
    },
    disclosure: disclosures
      ? { available: true, ...disclosures }
      : { available: false, note: '暂无数据：项目尚未登记信息披露记录（上线后的披露日程功能提供后自动统计应披露、按时、逾期）。' },
    training: { available: false, note: '暂无数据：善策尚未记录培训、工作坊和样稿。' },
    empty: isEmpty(total),
  };
  return { ...report, summary: reportSummary(report) };
}
