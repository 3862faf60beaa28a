import { parsePeriod, shanghaiToday, type PeriodKind } from '../../../../shared/stats/period';

export const KINDS: { value: Exclude<PeriodKind, 'range'>; label: string }[] = [
  { value: 'month', label: '月度' },
  { value: 'quarter', label: '季度' },
  { value: 'half', label: '半年' },
  { value: 'year', label: '年度' },
];

/** The periods of a kind from the current one back three years, newest first, as the picker offers them. */
export function periodOptions(kind: Exclude<PeriodKind, 'range'>, now = new Date()): { value: string; label: string }[] {
  const today = shanghaiToday(now);
  const year = Number(today.slice(0, 4));
  const ids: string[] = [];
  for (let y = year; y >= year - 3; y--) {
    if (kind === 'year') ids.push(String(y));
    if (kind === 'half') ids.push(`${y}-H2`, `${y}-H1`);
    if (kind === 'quarter') ids.push(`${y}-Q4`, `${y}-Q3`, `${y}-Q2`, `${y}-Q1`);
    if (kind === 'month') for (let m = 12; m >= 1; m--) ids.push(`${y}-${String(m).padStart(2, '0')}`);
  }
  return ids.map(parsePeriod).filter((p) => p.start <= today).map((p) => ({ value: p.id, label: p.label }));
}

/** The period being reported by default: the current quarter. */
export function defaultPeriod(now = new Date()): string {
  return periodOptions('quarter', now)[0]!.value;
}
