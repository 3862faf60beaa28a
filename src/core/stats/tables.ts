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

/** Columns from [header, kind] pairs, so a table's layout reads as one list. */
const columns = (...spec: [header: string, kind: CellKind][]): StatsColumn[] => spec.map(([header, kind]) => ({ header, kind }));

/** A table printed whole: none of its rows is left out as idle. */
function wholeTable(sheet: string, title: string, cols: StatsColumn[], rows: Cell[][], totalRow: boolean): StatsTable {
  return { sheet, title, columns: cols, rows, totalRow, idleRows: rows.map(() => false) };
}

const countCols = (r: StatsReport, name: string): StatsColumn[] =>
  columns([name, 'text'], ['新建', 'count'], ...r.statuses.map((s): [string, CellKind] => [s.label, 'count']), ['在线', 'count'], ['本期结束', 'count']);
const countCells = (r: StatsReport, label: string, f: StatsFigures): Cell[] => [
  label,
  f.created,
  ...r.statuses.map((s) => f.statuses[s.id] ?? 0),
  f.live,
  f.ended,
];
const MONEY_COLS = columns(['在线项目', 'count'], ['目标金额（元）', 'yuan'], ['已筹金额（元）', 'yuan'], ['捐赠笔数', 'count']);
const moneyCols = (name: string): StatsColumn[] => [...columns([name, 'text']), ...MONEY_COLS];
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
  const cols = columns(
    ['期间', 'text'],
    ['日期', 'date'],
    ['新建', 'count'],
    ['在线', 'count'],
    ['本期结束', 'count'],
    ['目标金额（元）', 'yuan'],
    ['已筹金额（元）', 'yuan'],
    ['捐赠笔数', 'count'],
  );
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
  const rows = [line('本期', r.period, r.totals), line(r.previous.name, r.previous.period, r.previous.totals), line(r.lastYear.name, r.lastYear.period, r.lastYear.totals)];
  return wholeTable('概况', '总体情况及对比', cols, rows, false);
}

function moneyDetail(r: StatsReport): StatsTable {
  return wholeTable(
    '平台区县领域筹款',
    '按平台、区县、领域统计的筹款',
    [...columns(['平台', 'text'], ['区县', 'text'], ['领域', 'text']), ...MONEY_COLS],
    r.money.map((m) => [m.platformLabel, m.district || '未填写区县', m.focusAreaLabel, m.live, m.targetFen, m.raisedFen, m.donations]),
    false,
  );
}

function homogeneity(r: StatsReport): StatsTable {
  const h = r.homogeneity;
  const districts = new Set([...h.clusterDistricts.map((d) => d.district), ...h.brandDistricts.map((d) => d.district)]);
  const n = (list: { district: string; proposals: number }[], d: string) => list.find((x) => x.district === d)?.proposals ?? 0;
  const rows: Cell[][] = [...districts].map((d) => [d || '未填写区县', n(h.clusterDistricts, d), n(h.brandDistricts, d)]);
  const cols = columns(['区县', 'text'], ['同质化项目', 'count'], ['并入品牌项目', 'count']);
  return wholeTable('同质化与品牌项目', '同质化项目与品牌项目（按区县）', cols, [...rows, ['合计', h.clusteredProposals, h.brandSources]], true);
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
