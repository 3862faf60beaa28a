import { findPlaceholders, PLACEHOLDER_PATTERN } from '../../shared/domain/placeholders';
import { countChars } from '../../shared/rules/count';

/**
 * Plain-text measures the quality checks use. They are deliberately simple and explainable: a
 * user must be able to see from the note why a check passed or not.
 */

/** The text the user wrote: placeholders removed. */
export function ownText(text: string): string {
  return text.replace(PLACEHOLDER_PATTERN, '').trim();
}

export function placeholderCount(text: string): number {
  return findPlaceholders(text).length;
}

/** Characters without whitespace and punctuation, as a reader judges how much was written. */
export function ownChars(text: string): number {
  return countChars(ownText(text), 'charsNoPunct');
}

// Dates are not quantities: 2024年3月5日, 2024-03-05, 3月5日.
const DATES = /\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?)?|\d{4}[-./]\d{1,2}(?:[-./]\d{1,2})?|\d{1,2}\s*月\s*\d{1,2}\s*[日号]/g;
const QUANTITY =
  /\d+(?:[.,]\d+)*\s*(?:万|千|百)?\s*(?:人次|名|人|户|位|个|所|座|村|镇|乡|社区|盏|次|元|岁|%|％|公里|千米|米|小时|分钟|天|日|周|个月|年|餐|份|辆|张|本|斤|公斤|千克|亩|吨|家|支|场|期|间|台|套|条|棵|株|箱|只|头|床|平方米|㎡|倍|成|项|门|节|班|批|处)/g;

/** Numbers with a unit (126名, 35%, 2.3公里), not counting dates. */
export function quantities(text: string): string[] {
  return ownText(text).replace(DATES, ' ').match(QUANTITY) ?? [];
}

/** Every number written in the text, as numbers (1,200 → 1200). */
export function numbersIn(text: string): number[] {
  return (ownText(text).replace(DATES, ' ').match(/\d+(?:,\d{3})*(?:\.\d+)?/g) ?? []).map((n) => Number(n.replace(/,/g, '')));
}

const SOURCE = /调研|走访|摸底|摸排|踏勘|实地|测量|统计|数据来源|来源[:：]|据.{0,20}(?:统计|数据|资料|报告|台账)|截至|普查|台账|建档|问卷|访谈|入户|登记/;
export const hasSource = (text: string): boolean => SOURCE.test(ownText(text));

export const VAGUE_WORDS = ['很多', '许多', '大量', '众多', '一些', '不少', '非常', '十分', '极其', '等等', '若干', '广大', '无数', '特别困难'];
export function vagueWords(text: string): string[] {
  const t = ownText(text);
  return VAGUE_WORDS.filter((w) => t.includes(w));
}

const CRITERIA = /筛选|标准|条件|评估|认定|名单|审核|核实|核查|入户|优先|符合|建档|公示/;
export const hasCriteria = (text: string): boolean => CRITERIA.test(ownText(text));

const TRACK_RECORD = /20\d{2}\s*年|近\s*\d+\s*年|累计|曾经?|已(?:经)?(?:为|在|连续|开展|服务|完成|实施)|连续\s*\d+\s*年|先后/;
export const hasTrackRecord = (text: string): boolean => TRACK_RECORD.test(ownText(text)) && quantities(text).length > 0;

/** Lines (or ；-separated items) long enough to be a risk with its response. */
export function items(text: string): string[] {
  return ownText(text)
    .split(/\n|；|;/)
    .map((s) => s.trim())
    .filter((s) => countChars(s, 'charsNoPunct') >= 8);
}
const RESPONSE = /应对|措施|预案|解决|如果|若|一旦|则|将|由|及时|调整|改为|备用|替补|暂停|退还|保险|提前|安排|协调|启用|补充/;
export const isRiskWithResponse = (item: string): boolean => RESPONSE.test(item);
const NO_RISK = /(?:没有|无|不存在)(?:任何)?风险|风险(?:很|较|极)?小/;
export const deniesRisk = (text: string): boolean => NO_RISK.test(ownText(text));

const FREQUENT =
  /每(?:个)?(?:天|日|周|月|季度?|两个月|2\s*个月|三个月|3\s*个月|半个月|十五天|旬|次活动后)|每\s*(?:[1-9]|[1-8]\d|9[0-2])\s*天|(?:月度|季度|每期)(?:反馈|报告|更新|披露|公示)|至少每/;
const RARE = /半年|每年|年度|一年一次/;
export const statesFrequentUpdates = (text: string): boolean => FREQUENT.test(ownText(text));
export const statesRareUpdatesOnly = (text: string): boolean => RARE.test(ownText(text)) && !FREQUENT.test(ownText(text));

const CHANNEL = /项目进展|进展|平台|公众号|官网|公示|微信|视频号|群|短信|公告|信息公开/;
const EVIDENCE = /照片|图片|票据|发票|名单|支出|财务|明细|凭证|签收|回访|视频|台账/;
export const statesChannel = (text: string): boolean => CHANNEL.test(ownText(text));
export const statesEvidence = (text: string): boolean => EVIDENCE.test(ownText(text));
const FINAL = /结项|结案|总结报告|年度报告|结束后|完结|审计|决算/;
export const statesFinalReport = (text: string): boolean => FINAL.test(ownText(text));

/** Whole days from a to b (ISO dates). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
}

export const yuan = (fen: number): string => (fen / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 });
