import { findPlaceholders } from '../../../shared/domain/placeholders';
import { isValidIdNumber } from '../../../shared/rules/checkCodes';
import { compilePattern, selectFields } from '../../../shared/rules/ruleKinds';
import type { FieldSource } from '../../../shared/rules/fieldSources';
import type { ProposalView } from '../view';
import { scanWithBudget } from '../regexSafety';
import { scan, MAX_HITS_PER_FIELD, type Emit, type KindCompiler } from './types';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One regular expression for a list of phrases; longer phrases first so the longest match wins. */
export function phraseRegExp(phrases: readonly string[]): RegExp {
  const unique = [...new Set(phrases)].sort((a, b) => b.length - a.length);
  return new RegExp(unique.map(escape).join('|'), 'giu');
}

function scanFields(view: ProposalView, fields: readonly FieldSource[], re: RegExp, emit: Emit, detail = (m: string) => `「${m}」`): void {
  for (const field of fields) {
    const text = view.text(field);
    if (text === '') continue;
    scan(re, text, (m) => emit({ field, range: { start: m.index, end: m.index + m[0].length }, detail: detail(m[0]) }));
  }
}

export const phrases: KindCompiler<'phrases'> = (rule) => {
  const re = phraseRegExp(rule.phrases);
  const fields = selectFields(rule.fields);
  return (view, emit) => scanFields(view, fields, re, emit);
};

export const pattern: KindCompiler<'pattern'> = (rule) => {
  const re = compilePattern(rule.pattern, rule.flags);
  const fields = selectFields(rule.fields);
  // A pack's own expression: run with a time budget (see regexSafety), unlike the built-in ones.
  return (view, emit) => {
    const hits = scanWithBudget(re, fields.map((f) => view.text(f)), MAX_HITS_PER_FIELD);
    for (const [f, start, text] of hits) emit({ field: fields[f]!, range: { start, end: start + text.length }, detail: `「${text}」` });
  };
};

export const placeholders: KindCompiler<'placeholders'> = (rule) => {
  const fields = selectFields(rule.fields);
  return (view, emit) => {
    for (const field of fields) {
      const text = view.text(field);
      if (!text.includes('【')) continue;
      for (const ph of findPlaceholders(text).slice(0, MAX_HITS_PER_FIELD)) {
        emit({ field, range: { start: ph.start, end: ph.end }, detail: `「${ph.text}」` });
      }
    }
  };
};

/**
 * Web addresses: with a scheme or www., or a bare domain under a common top-level domain. An
 * e-mail address is contact information, which a fundraising page must show, so it is left alone.
 */
const LINK =
  /(?:https?:\/\/|www\.)[^\s，。；、！？）)】」』"'”’<>]+|(?<![\p{L}\p{N}@._-])[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.(?:com|cn|net|org|top|xyz|shop|vip|cc|io|me|info|site|store|link)(?![a-z0-9@-])(?:\/[^\s，。；、！？）)】」』"'”’<>]*)?/giu;

export const noAdsOrLinks: KindCompiler<'noAdsOrLinks'> = (rule) => {
  const fields = selectFields(rule.fields);
  const ads = rule.phrases.length > 0 ? phraseRegExp(rule.phrases) : null;
  const links = new RegExp(LINK.source, LINK.flags);
  return (view, emit) => {
    scanFields(view, fields, links, emit, (m) => `链接「${m}」`);
    if (ads) scanFields(view, fields, ads, emit, (m) => `「${m}」`);
  };
};

// Personal information. Digit runs are matched whole (never inside a longer run), and an ID number
// must pass its check digit, so budget amounts, dates and order numbers do not raise alarms.
const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/gu;
const PHONE = /(?<![\d.])(?:(?:\+?86[-\s]?)?1[3-9]\d(?:[-\s]?\d{4}){2}|0\d{2,3}-?\d{7,8})(?!\d|\.\d)/gu;
const NUM = '[0-9０-９一二三四五六七八九十百零〇]+';
const ADDRESS = new RegExp(
  [
    // 家住……/住址：…… up to the end of the clause
    '(?:家住|住在|住址[:：]?|现住|居住在|现居)[^，。；;,\\n]{2,40}',
    // 3栋2单元501室, 5号楼3单元, 2单元302
    `(?:${NUM}(?:栋|幢|号楼|座))?${NUM}单元${NUM}(?:室|号|户)?`,
    `${NUM}(?:栋|幢|号楼)${NUM}(?:室|号|户)`,
    // rural: ……村3组12号
    `村${NUM}(?:组|社)${NUM}号`,
  ].join('|'),
  'gu',
);

const PRIVACY_DETAIL = { idNumber: '身份证号', phone: '电话号码', address: '疑似住址' } as const;

export const privacy: KindCompiler<'privacy'> = (rule) => {
  const fields = selectFields(rule.fields);
  const detectors = rule.detect.map((kind) => {
    const re = kind === 'idNumber' ? ID_NUMBER : kind === 'phone' ? PHONE : ADDRESS;
    return { kind, re: new RegExp(re.source, re.flags) };
  });
  // A rule that looks for one kind says what it is in its message; one that looks for several names each hit.
  const label = (kind: (typeof rule.detect)[number]) => (detectors.length > 1 ? PRIVACY_DETAIL[kind] : '');
  return (view, emit) => {
    for (const field of fields) {
      const text = view.text(field);
      if (text === '') continue;
      for (const { kind, re } of detectors) {
        scan(re, text, (m) => {
          if (kind === 'idNumber' && !isValidIdNumber(m[0])) return;
          emit({ field, range: { start: m.index, end: m.index + m[0].length }, detail: `${label(kind)}「${m[0]}」` });
        });
      }
    }
  };
};
