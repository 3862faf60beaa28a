import { lastsOver, monthsSpanned } from '../dates';
import type { KindCompiler } from './types';
import { scan } from './types';

export const milestones: KindCompiler<'milestones'> = (rule) => (view, emit) => {
  const list = view.p.milestones;
  if (list.length < rule.minCount) {
    emit({ field: 'milestones', detail: `至少需要 ${rule.minCount} 个带日期的执行节点，当前 ${list.length} 个` });
  }
  const { start, end } = view.p.projectPeriod;
  if (rule.withinProjectPeriod && list.some((m) => m.date) && (!start || !end)) {
    emit({ field: 'projectPeriod', detail: '未填写项目执行周期，无法核对节点日期' });
  }
  list.forEach((m, i) => {
    const name = m.title || `第 ${i + 1} 个节点`;
    if (!m.date) return emit({ field: `milestones.${i}`, detail: `「${name}」没有日期` });
    if (!rule.withinProjectPeriod || !start || !end) return;
    if (m.date < start || m.date > end) {
      emit({ field: `milestones.${i}`, detail: `「${name}」的日期 ${m.date} 不在项目执行周期 ${start} 至 ${end} 之内` });
    }
  });
};

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

function cnNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (s === '十') return 10;
  if (s.startsWith('十')) return 10 + (CN_DIGITS[s[1]!] ?? 0);
  if (s.endsWith('十')) return (CN_DIGITS[s[0]!] ?? 1) * 10;
  if (s.length === 3 && s[1] === '十') return (CN_DIGITS[s[0]!] ?? 1) * 10 + (CN_DIGITS[s[2]!] ?? 0);
  return CN_DIGITS[s] ?? NaN;
}

const UNIT_MONTHS: Record<string, number> = { 周: 0.25, 星期: 0.25, 礼拜: 0.25, 半月: 0.5, 月: 1, 季: 3, 季度: 3, 半年: 6, 年: 12 };

/** 每月 / 每季度 / 每三个月 / 按季度 / 月度披露 … : how often, in months. */
const FREQUENCY =
  /(?:每|按|逐)\s*隔?\s*(?:一\s*)?(?:个\s*)?(周|星期|礼拜|半个?月|季度?|半年|月|年)|每\s*隔?\s*([0-9]+|[一二两三四五六七八九十]+)\s*(?:个\s*)?(周|星期|月|季度?|年)|(月度|季度|半年度|年度)(?:披露|公示|公开|反馈|报告|更新)/gu;

function frequencyMonths(m: RegExpExecArray): number {
  if (m[1]) return UNIT_MONTHS[m[1].replace('个', '')] ?? NaN;
  if (m[2] && m[3]) return cnNumber(m[2]) * (UNIT_MONTHS[m[3]] ?? NaN);
  const word = m[4]!;
  return word === '月度' ? 1 : word === '季度' ? 3 : word === '半年度' ? 6 : 12;
}

/** The most frequent disclosure the texts promise. */
export function statedFrequency(texts: { field: string; text: string }[]): { months: number; field: string; start: number; end: number } | null {
  let best: { months: number; field: string; start: number; end: number } | null = null;
  const re = new RegExp(FREQUENCY.source, FREQUENCY.flags);
  for (const { field, text } of texts) {
    scan(re, text, (m) => {
      const months = frequencyMonths(m);
      if (!Number.isFinite(months) || months <= 0) return;
      if (!best || months < best.months) best = { months, field, start: m.index, end: m.index + m[0].length };
    });
  }
  return best;
}

const describeMonths = (n: number) => (n < 1 ? `${Math.round(n * 4)} 周` : `${n} 个月`);

export const disclosure: KindCompiler<'disclosure'> = (rule) => (view, emit) => {
  const periods = [
    { what: '项目执行', ...view.p.projectPeriod },
    { what: '筹款', ...view.p.fundraisingPeriod },
  ].filter((x): x is { what: string; start: string; end: string } => !!x.start && !!x.end && lastsOver(x.start, x.end, rule.overMonths));
  const long = periods[0];
  if (!long) return;
  const span = `${long.what}周期约 ${monthsSpanned(long.start, long.end)} 个月，超过 ${rule.overMonths} 个月`;
  const found = statedFrequency(rule.fields.map((field) => ({ field, text: view.text(field) })));
  if (!found) return emit({ field: rule.fields[0]!, detail: `${span}，但未写明多久披露一次进展（至少每 ${rule.everyMonths} 个月一次）` });
  if (found.months > rule.everyMonths) {
    emit({
      field: found.field,
      range: { start: found.start, end: found.end },
      detail: `${span}，写明的披露频率为每 ${describeMonths(found.months)}，应至少每 ${rule.everyMonths} 个月一次`,
    });
  }
};
