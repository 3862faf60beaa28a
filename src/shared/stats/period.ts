import { AppError } from '../errors';

/**
 * Report periods (统计期间) as the federation names them: a month, a quarter, a half-year, a year or
 * any range of days. Dates are calendar days in Asia/Shanghai (UTC+8, no daylight saving), both ends
 * included, written YYYY-MM-DD so SQL compares them as text.
 */
export type PeriodKind = 'month' | 'quarter' | 'half' | 'year' | 'range';

export interface Period {
  /** What the user typed, normalised: 2026-10, 2026-Q3, 2026-H1, 2026, 2026-03-01..2026-05-31. */
  id: string;
  kind: PeriodKind;
  /** 2026年第三季度 */
  label: string;
  start: string;
  end: string;
}

const QUARTER_NAMES = ['一', '二', '三', '四'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const ymd = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const monthEnd = (y: number, m: number) => ymd(y, m, daysInMonth(y, m));

/** Whole months from month m1 to month m2 of year y. */
function months(id: string, kind: PeriodKind, label: string, y: number, m1: number, m2: number): Period {
  return { id, kind, label, start: ymd(y, m1, 1), end: monthEnd(y, m2) };
}

const FORMAT_HINT = '应为 2026-10（月）、2026-Q3（季度）、2026-H1（半年）、2026（年）或 2026-01-01..2026-03-31（任意日期范围）';

function bad(input: string, why = ''): AppError {
  return new AppError('INVALID_INPUT', `统计期间「${input}」无效${why ? `：${why}` : ''}。${FORMAT_HINT}`);
}

function validDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

const YEAR_MIN = 2000;
const YEAR_MAX = 2100;

/** Parse a period string; a malformed one is refused with a Chinese message saying what is accepted. */
export function parsePeriod(raw: string): Period {
  const input = raw.trim().toUpperCase();
  let m: RegExpExecArray | null;
  const year = (s: string) => {
    const y = Number(s);
    if (y < YEAR_MIN || y > YEAR_MAX) throw bad(raw, `年份应在 ${YEAR_MIN}—${YEAR_MAX} 之间`);
    return y;
  };
  if ((m = /^(\d{4})$/.exec(input))) {
    const y = year(m[1]!);
    return months(`${y}`, 'year', `${y}年`, y, 1, 12);
  }
  if ((m = /^(\d{4})-Q([1-4])$/.exec(input))) {
    const [y, q] = [year(m[1]!), Number(m[2])];
    return months(`${y}-Q${q}`, 'quarter', `${y}年第${QUARTER_NAMES[q - 1]}季度`, y, q * 3 - 2, q * 3);
  }
  if ((m = /^(\d{4})-H([12])$/.exec(input))) {
    const [y, h] = [year(m[1]!), Number(m[2])];
    return months(`${y}-H${h}`, 'half', `${y}年${h === 1 ? '上' : '下'}半年`, y, h * 6 - 5, h * 6);
  }
  if ((m = /^(\d{4})-(\d{1,2})$/.exec(input))) {
    const [y, mo] = [year(m[1]!), Number(m[2])];
    if (mo < 1 || mo > 12) throw bad(raw, '月份应在 1—12 之间');
    return months(`${y}-${pad(mo)}`, 'month', `${y}年${mo}月`, y, mo, mo);
  }
  if ((m = /^(\d{4}-\d{2}-\d{2})\s*(?:\.\.|~|至)\s*(\d{4}-\d{2}-\d{2})$/.exec(input))) {
    const [start, end] = [m[1]!, m[2]!];
    if (!validDate(start) || !validDate(end)) throw bad(raw, '日期不存在');
    year(start.slice(0, 4));
    year(end.slice(0, 4));
    if (start > end) throw bad(raw, '开始日期晚于结束日期');
    return { id: `${start}..${end}`, kind: 'range', label: `${chineseDate(start)}至${chineseDate(end)}`, start, end };
  }
  throw bad(raw);
}

/** 2026-07-01 → 2026年7月1日 */
export function chineseDate(d: string): string {
  return `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
}

/** Today's date in Asia/Shanghai. */
export function shanghaiToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** A period that has not begun yet has nothing to count: say so instead of showing zeros. */
export function assertNotFuture(p: Period, now: Date = new Date()): void {
  const today = shanghaiToday(now);
  if (p.start > today) {
    throw new AppError('INVALID_INPUT', `统计期间「${p.label}」尚未开始（今天是${chineseDate(today)}），没有可统计的数据。`);
  }
}

function addDays(d: string, n: number): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

/** The period just before: the previous month, quarter, half-year or year; for a range, as many days before it. */
export function previousPeriod(p: Period): Period {
  const y = Number(p.start.slice(0, 4));
  const mo = Number(p.start.slice(5, 7));
  switch (p.kind) {
    case 'year':
      return parsePeriod(String(y - 1));
    case 'half':
      return parsePeriod(mo === 1 ? `${y - 1}-H2` : `${y}-H1`);
    case 'quarter': {
      const q = (mo + 2) / 3;
      return parsePeriod(q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`);
    }
    case 'month':
      return parsePeriod(mo === 1 ? `${y - 1}-12` : `${y}-${mo - 1}`);
    case 'range': {
      const days = Math.round((Date.parse(p.end) - Date.parse(p.start)) / 86_400_000) + 1;
      return parsePeriod(`${addDays(p.start, -days)}..${addDays(p.start, -1)}`);
    }
  }
}

/** The same period a year before (同比). 29 February becomes 28 February. */
export function samePeriodLastYear(p: Period): Period {
  const back = (d: string) => {
    const y = Number(d.slice(0, 4)) - 1;
    const mo = Number(d.slice(5, 7));
    return ymd(y, mo, Math.min(Number(d.slice(8, 10)), daysInMonth(y, mo)));
  };
  if (p.kind === 'range') return parsePeriod(`${back(p.start)}..${back(p.end)}`);
  return parsePeriod(p.id.replace(/^\d{4}/, String(Number(p.id.slice(0, 4)) - 1)));
}

/** What the comparison periods are called in Chinese reports. */
export function previousName(p: Period): string {
  return { month: '上月', quarter: '上季度', half: '上一个半年', year: '上年', range: '上一期' }[p.kind];
}
