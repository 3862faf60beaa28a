import type { StatsFigures, StatsReport, StatsRow } from '../../shared/stats/report';

/**
 * The report as tables, the one layout both files print: the XLSX gives each its own sheet, the DOCX
 * sets them under its headings. Money cells hold fen; each file formats them as yuan its own way.
 */
/** 'date': text that never wraps. */
export type CellKind = 'text' | 'date' | 'count' | 'yuan';
export interface StatsColumn {
  header: string;
  kind: CellKind;
}
/** Null: 暂无数据 (no listing has the figure recorded yet). */
export type Cell = string | number | null;
export interface StatsTable {
  /** Sheet name (at most 31 characters, as Excel requires). */
  sheet: string;
  title: string;
  columns: StatsColumn[];
  rows: Cell[][];
  /** The last row is a total (printed bold). */
  totalRow: boolean;
  /** Rows whose figures are all zero or empty may be left out of the printed document. */
  idleRows: boolean[];
}

export const NO_DATA = '暂无数据';

const countCols = (r: StatsReport, name: string): StatsColumn[] => [
  { header: name, kind: 'text' },
  { header: '新建', kind: 'count' },
  ...r.statuses.map((s) => ({ header: s.label, kind: 'count' as const })),
  { header: '在线', kind: 'count' },
  { header: '本期结束', kind: 'count' },
];
const countCells = (r: StatsReport, label: string, f: StatsFigures): Cell[] => [
  label,
  f.created,
  ...r.statuses.map((s) => f.statuses[s.id] ?? 0),
  f.live,
  f.ended,
];
const moneyCols = (name: string): StatsColumn[] => [
  { header: name, kind: 'text' },
  { header: '在线项目', kind: 'count' },
  { header: '目标金额（元）', kind: 'yuan' },
  { header: '已筹金额（元）', kind: 'yuan' },
  { header: '捐赠笔数', kind: 'count' },
];
const moneyCells = (label: string, f: StatsFigures): Cell[] => [label, f.live, f.targetFen, f.raisedFen, f.donations];

const idle = (f: StatsFigures) => f.created === 0 && f.live === 0 && Object.values(f.statuses).every((n) => n === 0);

function dimensionTables(r: StatsReport, rows: StatsRow[], what: string, name: string, withTotal: boolean): StatsTable[] {
  const total = withTotal ? [{ label: '合计', f: r.totals }] : [];
  const all = [...rows.map((x) => ({ label: x.label, f: x as StatsFigures })), ...total];
  return [
    {
      sheet: `${what}项目数`,
      title: `按${what}统计的项目数`,
      columns: countCols(r, name),
      rows: all.map((x) => countCells(r, x.label, x.f)),
      totalRow: withTotal,
      idleRows: all.map((x, i) => i < rows.length && idle(x.f)),
    },
    {
      sheet: `${what}筹款`,
      title: `按${what}统计的筹款`,
      columns: moneyCols(name),
      rows: all.map((x) => moneyCells(x.label, x.f)),
      totalRow: withTotal,
      idleRows: all.map((x, i) => i < rows.length && idle(x.f)),
    },
  ];
}

/** The figures and their comparison periods, one line each. */
function overview(r: StatsReport): StatsTable {
  const cols: StatsColumn[] = [
    { header: '期间', kind: 'text' },
    { header: '日期', kind: 'date' },
    { header: '新建', kind: 'count' },
    { header: '在线', kind: 'count' },
    { header: '本期结束', kind: 'count' },
    { header: '目标金额（元）', kind: 'yuan' },
    { header: '已筹金额（元）', kind: 'yuan' },
    { header: '捐赠笔数', kind: 'count' },
  ];
  const line = (name: string, p: StatsReport['period'], f: StatsFigures): Cell[] => [
    name,
    `${p.start}至${p.end}`,
    f.created,
    f.live,
    f.ended,
    f.targetFen,
    f.raisedFen,
    f.donations,
  ];
  return {
    sheet: '概况',
    title: '总体情况及对比',
    columns: cols,
    rows: [line('本期', r.period, r.totals), line(r.previous.name, r.previous.period, r.previous.totals), line(r.lastYear.name, r.lastYear.period, r.lastYear.totals)],
    totalRow: false,
    idleRows: [false, false, false],
  };
}

function moneyDetail(r: StatsReport): StatsTable {
  return {
    sheet: '平台区县领域筹款',
    title: '按平台、区县、领域统计的筹款',
    columns: [
      { header: '平台', kind: 'text' },
      { header: '区县', kind: 'text' },
      { header: '领域', kind: 'text' },
      ...moneyCols('').slice(1),
    ],
    rows: r.money.map((m) => [m.platformLabel, m.district || '未填写区县', m.focusAreaLabel, m.live, m.targetFen, m.raisedFen, m.donations]),
    totalRow: false,
    idleRows: r.money.map(() => false),
  };
}

function homogeneity(r: StatsReport): StatsTable {
  const h = r.homogeneity;
  const districts = new Set([...h.clusterDistricts.map((d) => d.district), ...h.brandDistricts.map((d) => d.district)]);
  const n = (list: { district: string; proposals: number }[], d: string) => list.find((x) => x.district === d)?.proposals ?? 0;
  const rows: Cell[][] = [...districts].map((d) => [d || '未填写区县', n(h.clusterDistricts, d), n(h.brandDistricts, d)]);
  return {
    sheet: '同质化与品牌项目',
    title: '同质化项目与品牌项目（按区县）',
    columns: [
      { header: '区县', kind: 'text' },
      { header: '同质化项目', kind: 'count' },
      { header: '并入品牌项目', kind: 'count' },
    ],
    rows: [...rows, ['合计', h.clusteredProposals, h.brandSources]],
    totalRow: true,
    idleRows: rows.map(() => false).concat(false),
  };
}

export function reportTables(r: StatsReport): StatsTable[] {
  return [
    overview(r),
    ...dimensionTables(r, r.byDistrict, '区县', '区县', r.district === null),
    ...dimensionTables(r, r.byFocusArea, '领域', '项目领域', true),
    // A project listed on several platforms counts on each: no total row that would double-count.
    ...dimensionTables(r, r.byPlatform, '平台', '平台', false),
    moneyDetail(r),
    homogeneity(r),
  ];
}
