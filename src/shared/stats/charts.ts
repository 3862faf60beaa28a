import type { StatsFigures, StatsReport, StatsRow } from './report';

/**
 * The report's charts as ECharts options: plain data, so the 统计 screen (canvas) and the DOCX
 * (rendered to SVG on the server) draw exactly the same charts from the same report. Each chart
 * keeps the keys of its categories so a click can open the projects behind a bar.
 */
export interface StatsChart {
  id: 'statuses' | 'money' | 'comparison';
  title: string;
  /** What each category is: a district name, a focus-area id or a platform id; null for periods. */
  dimension: 'district' | 'focusArea' | 'platform' | null;
  keys: string[];
  option: Record<string, unknown>;
}

export const CHART_FONT = 'Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif';
const yuan = (fen: number | null) => (fen === null ? 0 : Math.round(fen) / 100);

const base = (title: string, empty: boolean) => ({
  animation: false,
  textStyle: { fontFamily: CHART_FONT },
  title: { text: title, subtext: empty ? '本期暂无数据' : '', left: 'center', textStyle: { fontSize: 15 } },
  legend: { bottom: 0 },
  tooltip: { trigger: 'axis' },
  grid: { left: 60, right: 20, top: 60, bottom: 70 },
});

const active = (f: StatsFigures) => f.created > 0 || f.live > 0 || Object.values(f.statuses).some((n) => n > 0);

/** Proposals by status, stacked: by district for the federation, by focus area for one district. */
function statusChart(r: StatsReport): StatsChart {
  const byArea = r.district !== null;
  const rows: StatsRow[] = (byArea ? r.byFocusArea : r.byDistrict).filter(active);
  return {
    id: 'statuses',
    title: byArea ? '各领域项目状态' : '各区县项目状态',
    dimension: byArea ? 'focusArea' : 'district',
    keys: rows.map((x) => x.key),
    option: {
      ...base(byArea ? '各领域项目状态' : '各区县项目状态', rows.length === 0),
      xAxis: { type: 'category', data: rows.map((x) => x.label), axisLabel: { interval: 0, rotate: rows.length > 6 ? 40 : 0 } },
      yAxis: { type: 'value', name: '项目数', minInterval: 1 },
      series: r.statuses.map((s) => ({ name: s.label, type: 'bar', stack: 'status', data: rows.map((x) => x.statuses[s.id] ?? 0) })),
    },
  };
}

/** Target against raised for every platform with a live project. */
function moneyChart(r: StatsReport): StatsChart {
  const rows = r.byPlatform.filter((x) => x.live > 0);
  return {
    id: 'money',
    title: '各平台目标金额与已筹金额（元）',
    dimension: 'platform',
    keys: rows.map((x) => x.key),
    option: {
      ...base('各平台目标金额与已筹金额（元）', rows.length === 0),
      xAxis: { type: 'category', data: rows.map((x) => x.label), axisLabel: { interval: 0, rotate: rows.length > 5 ? 30 : 0 } },
      yAxis: { type: 'value', name: '元' },
      series: [
        { name: '目标金额', type: 'bar', data: rows.map((x) => yuan(x.targetFen)) },
        { name: '已筹金额', type: 'bar', data: rows.map((x) => yuan(x.raisedFen)) },
      ],
    },
  };
}

/** This period against the previous one and the same period last year. */
function comparisonChart(r: StatsReport): StatsChart {
  const periods = [
    { name: r.lastYear.name, f: r.lastYear.totals },
    { name: r.previous.name, f: r.previous.totals },
    { name: '本期', f: r.totals },
  ];
  return {
    id: 'comparison',
    title: '本期与上期、去年同期对比',
    dimension: null,
    keys: [],
    option: {
      ...base('本期与上期、去年同期对比', false),
      xAxis: { type: 'category', data: periods.map((p) => p.name) },
      yAxis: [
        { type: 'value', name: '项目数', minInterval: 1 },
        { type: 'value', name: '已筹（元）' },
      ],
      series: [
        { name: '新建项目', type: 'bar', data: periods.map((p) => p.f.created) },
        { name: '在线项目', type: 'bar', data: periods.map((p) => p.f.live) },
        { name: '已筹金额（元）', type: 'line', yAxisIndex: 1, data: periods.map((p) => yuan(p.f.raisedFen)) },
      ],
    },
  };
}

export function reportCharts(r: StatsReport): StatsChart[] {
  return [statusChart(r), moneyChart(r), comparisonChart(r)];
}
