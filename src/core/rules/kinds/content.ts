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
      for (const ph of findPlaceholders(text).slice(0, MAX_HITS_PER_FIELD)) {
        emit({ field, range: { start: ph.start, end: ph.end }, detail: `「${ph.text}」` });
      }
    }
  };
};

/**
 * Web addresses: with a scheme or www., or a bare domain under a common top-level domain. An
 * e-mail address is contact information, which a fundraising page must show, so it is left alone.
 * An address is made of URL characters only, so it stops where Chinese text (or a closing bracket)
 * follows it: 「https://a.cn/x了解更多」 marks the address, not the words after it.
 */
const URL_CHARS = "[A-Za-z0-9\\-._~:/?#@!$&*+,;=%]";
const LINK = new RegExp(
  `(?:https?://|www\\.)${URL_CHARS}+|(?<![\\p{L}\\p{N}@._-])[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\\.(?:com|cn|net|org|top|xyz|shop|vip|cc|io|me|info|site|store|link)(?![a-z0-9@-])(?:/${URL_CHARS}*)?`,
  'giu',
);
/** Sentence punctuation typed in ASCII after an address is not part of it. */
const TRAILING = /[.,;:!?*]+$/u;

/** Hosts of shops and paid services, and words around a link that say it sells something. */
const COMMERCIAL_HOSTS = ['taobao.com', 'tmall.com', 'item.jd.com', 'mall.jd.com', 'shop.jd.com', 'pinduoduo.com', 'yangkeduo.com', 'weidian.com', 'youzan.com', '1688.com', 'vip.com', 'suning.com', 'dangdang.com', 'amazon.cn', 'kuaishou.com/shop', 'haohuo.jinritemai.com', 'jinritemai.com', 'xiaohongshu.com/goods', 'dianping.com', 'meituan.com/deal'];
const COMMERCIAL_URL = /(?:^|[/.])(?:shop|store|mall|item|goods|product|buy|cart|deal)s?(?:[/.?=_-]|$)/iu;
const COMMERCIAL_WORDS = /购买|购物|下单|选购|抢购|店铺|网店|小店|商城|商品|旗舰店|优惠|折扣|团购|付费|收费|课程报名|会员/u;

function isCommercialLink(link: string, before: string, hosts: readonly string[]): boolean {
  const bare = link.replace(/^https?:\/\//iu, '').toLowerCase();
  const host = bare.split(/[/?#]/u)[0]!;
  if (hosts.some((h) => (h.includes('/') ? bare.startsWith(h) || bare.includes(`.${h}`) : host === h || host.endsWith(`.${h}`)))) return true;
  return COMMERCIAL_URL.test(bare) || COMMERCIAL_WORDS.test(before);
}

export const noAdsOrLinks: KindCompiler<'noAdsOrLinks'> = (rule) => {
  const fields = selectFields(rule.fields);
  const ads = rule.phrases.length > 0 ? phraseRegExp(rule.phrases) : null;
  const links = new RegExp(LINK.source, LINK.flags);
  const hosts = [...COMMERCIAL_HOSTS, ...rule.commercialHosts];
  return (view, emit) => {
    if (rule.links !== 'none') {
      for (const field of fields) {
        const text = view.text(field);
        if (text === '') continue;
        scan(links, text, (m) => {
          const link = m[0].replace(TRAILING, '');
          // The clause before the link: 「点击购买：taobao…」 sells, 「详见官网」 does not.
          const before = text.slice(Math.max(0, m.index - 20), m.index).split(/[。！？\n]/u).pop() ?? '';
          const commercial = isCommercialLink(link, before, hosts);
          if (rule.links === 'commercial' && !commercial) return;
          if (rule.links === 'other' && commercial) return;
          emit({ field, range: { start: m.index, end: m.index + link.length }, detail: `${commercial ? '商业活动链接' : '链接'}「${link}」` });
        });
      }
    }
    if (ads) scanFields(view, fields, ads, emit, (m) => `「${m}」`);
  };
};

// Personal information. Digit runs are matched whole (never inside a longer run), and an ID number
// must pass its check digit, so budget amounts, dates and order numbers do not raise alarms.
// Typed in groups (510103 1990 0307 1234) counts too: the separators are dropped before the check.
const ID_NUMBER = /(?<![0-9A-Za-z])\d(?:[ -]?\d){16}[ -]?[\dXx](?![0-9A-Za-z])/gu;
const PHONE = /(?<![\d.])(?:(?:\+?86[-\s]?)?1[3-9]\d(?:[-\s]?\d{4}){2}|0\d{2,3}-?\d{7,8})(?!\d|\.\d)/gu;
const NUM = '[0-9０-９一二三四五六七八九十百零〇]+';
const ADDRESS = new RegExp(
  [
    // 家住……/住址：…… up to the end of the clause
    '(?:家住|住在|住址[:：]|现住|居住在|现居)[^，。；;,、\\n]{2,40}',
    // 3栋2单元501室, 5号楼3单元, 2单元302
    `(?:${NUM}(?:栋|幢|号楼|座))?${NUM}单元${NUM}(?:室|号|户)?`,
    `${NUM}(?:栋|幢|号楼)${NUM}(?:室|号|户)`,
    // rural: ……村3组12号
    `村${NUM}(?:组|社)${NUM}号`,
  ].join('|'),
  'gu',
);

const PRIVACY_DETAIL = { idNumber: '身份证号', phone: '电话号码', address: '疑似住址' } as const;

/** Full-width digits and letters as ASCII, one code unit for one, so ranges still fit the text. */
const halfWidth = (text: string) => text.replace(/[０-９Ａ-Ｚａ-ｚ]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/** A promise not to publish (不公开学生的住址、电话) or to protect the data is not the data itself. */
const PROTECTING = /(?:不|勿|禁止|严禁|避免|隐去|隐藏|保护|保密|脱敏|遮挡|打码)[^。；;\n]{0,12}$/u;

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
      const typed = halfWidth(text);
      for (const { kind, re } of detectors) {
        scan(re, typed, (m) => {
          if (kind === 'idNumber' && !isValidIdNumber(m[0])) return;
          if (kind === 'address' && PROTECTING.test(typed.slice(Math.max(0, m.index - 16), m.index))) return;
          emit({ field, range: { start: m.index, end: m.index + m[0].length }, detail: `${label(kind)}「${text.slice(m.index, m.index + m[0].length)}」` });
        });
      }
    }
  };
};
