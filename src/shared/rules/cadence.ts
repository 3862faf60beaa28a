/**
 * How often a project discloses its progress (信息披露频率), as the writer states it in a structured
 * field. The law's quarterly rule is checked against this field, never against words found anywhere
 * in the text: a plan may say an activity happens 每月 while disclosure happens 每半年.
 */
export const CADENCES = ['monthly', 'quarterly', 'halfYearly', 'yearly', 'atEnd', 'other'] as const;
export type Cadence = (typeof CADENCES)[number];

export const CADENCE_LABELS: Record<Cadence, string> = {
  monthly: '每月',
  quarterly: '每季度',
  halfYearly: '每半年',
  yearly: '每年',
  atEnd: '结项时一次',
  other: '其他（自填）',
};

/** Months between two disclosures; Infinity for once at the end; null when the writer's own words say it. */
export const CADENCE_MONTHS: Record<Cadence, number | null> = {
  monthly: 1,
  quarterly: 3,
  halfYearly: 6,
  yearly: 12,
  atEnd: Infinity,
  other: null,
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

/**
 * 每月 / 每季度 / 每三个月 / 按季度 / 月度披露 … : how often, in months. A unit must not run on into
 * another word: 按年级分配 is about school years, 每月份 / 按月龄 are not cadences either.
 */
const UNIT_END = '(?![级龄份初末底中终度]|[0-9０-９])';
const FREQUENCY = new RegExp(
  `(?:每|按|逐)\\s*隔?\\s*(?:一\\s*)?(?:个\\s*)?(周|星期|礼拜|半个?月|季度?|半年|月|年)${UNIT_END}` +
    `|每\\s*隔?\\s*([0-9]+|[一二两三四五六七八九十]+)\\s*(?:个\\s*)?(周|星期|月|季度?|年)${UNIT_END}` +
    '|(月度|季度|半年度|年度)(?:披露|公示|公开|反馈|报告|更新)',
  'gu',
);

function frequencyMonths(m: RegExpExecArray): number {
  if (m[1]) return UNIT_MONTHS[m[1].replace('个', '')] ?? NaN;
  if (m[2] && m[3]) return cnNumber(m[2]) * (UNIT_MONTHS[m[3]] ?? NaN);
  const word = m[4]!;
  return word === '月度' ? 1 : word === '季度' ? 3 : word === '半年度' ? 6 : 12;
}

export interface StatedFrequency {
  months: number;
  start: number;
  end: number;
}

/** The most frequent cadence one text states, with where it says so. */
export function statedFrequency(text: string): StatedFrequency | null {
  let best: StatedFrequency | null = null;
  const re = new RegExp(FREQUENCY.source, FREQUENCY.flags);
  for (const m of text.matchAll(re)) {
    const months = frequencyMonths(m);
    if (!Number.isFinite(months) || months <= 0) continue;
    if (!best || months < best.months) best = { months, start: m.index, end: m.index + m[0].length };
  }
  return best;
}

const ONLY_AT_END = /(?:结项|项目结束|执行结束|完成)(?:后|时)[^。；\n]{0,12}(?:公开|披露|公示|报告)/u;

/**
 * A best guess of the structured cadence from the disclosure plan's own words (never the whole
 * proposal), used once for proposals written before the field existed. Null when the text says nothing.
 */
export function guessCadence(disclosureText: string): Cadence | null {
  const f = statedFrequency(disclosureText);
  if (f) {
    if (f.months <= 1) return 'monthly';
    if (f.months <= 3) return 'quarterly';
    if (f.months <= 6) return 'halfYearly';
    if (f.months <= 12) return 'yearly';
    return 'other';
  }
  return ONLY_AT_END.test(disclosureText) ? 'atEnd' : null;
}
