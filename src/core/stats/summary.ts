import type { StatsFigures, StatsReport } from '../../shared/stats/report';
import { documentYuan } from '../export/money';

export const yuanText = (fen: number) => `${documentYuan(fen)} 元`;

/** 增加 3 个（+20.0%） / 减少 2 个（-10.0%） / 持平; no percent against zero (never NaN or Infinity). */
export function changeText(now: number, before: number, unit: (n: number) => string): string {
  if (now === before) return '持平';
  const diff = now - before;
  const pct = before > 0 ? `（${diff > 0 ? '+' : ''}${((diff / before) * 100).toFixed(1)}%）` : '';
  return `${diff > 0 ? '增加' : '减少'} ${unit(Math.abs(diff))}${pct}`;
}

const projects = (n: number) => `${n} 个`;

function changes(now: StatsFigures, before: StatsFigures): string {
  const parts = [`在线项目${changeText(now.live, before.live, projects)}`];
  if (now.raisedFen !== null && before.raisedFen !== null) parts.push(`筹款${changeText(now.raisedFen, before.raisedFen, yuanText)}`);
  return parts.join('，');
}

/** The generated sentence at the top of every report: 2026年第三季度，全市（联合会）共上线项目 n 个，筹款 x 元，同比 … */
export function reportSummary(r: Omit<StatsReport, 'summary'>): string {
  const head = `${r.period.label}，${r.scopeLabel}`;
  if (r.empty) return `${head}没有项目活动（无新建、在办或在线项目）。`;
  const t = r.totals;
  const money = t.raisedFen === null ? '筹款数据暂无' : `已筹款 ${yuanText(t.raisedFen)}${t.donations !== null ? `（捐赠 ${t.donations} 笔）` : ''}`;
  return (
    `${head}共新建项目 ${t.created} 个，在线项目 ${t.live} 个，目标金额 ${yuanText(t.targetFen)}，${money}；` +
    `较${r.previous.name}${changes(t, r.previous.totals)}；同比${changes(t, r.lastYear.totals)}。`
  );
}
