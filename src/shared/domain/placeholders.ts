/**
 * Template text that is not yet about the user's project is written as a placeholder with a prompt:
 * 【请填写：受益老人人数】 or 【示例：……】 in the handbook's templates. Writers use other forms too:
 * 【请填写受益人数】 without a colon, [请填写], ［待补充］, 〔请选择〕, 【XX】, （请填写学校名称）. All
 * are caught; only the round brackets need an explicit request (请/待…), because prose uses
 * 「（例如图书、文具）」 for real examples.
 */
const PROMPT = '(?:请|待|在此|此处)?(?:填写|填入|补充|选择|输入|修改|替换|完善)|示例|例如|举例|[XxＸｘ×]{2,}|某某';
const REQUEST = '(?:请|待|在此|此处)(?:填写|填入|补充|选择|输入|修改|替换|完善)';
/** Opening bracket, closing bracket, the characters they enclose (no bracket, no line break), the prompt. */
const PAIRS: [string, string, string, string][] = [
  ['【', '】', '[^【】\\n]', PROMPT],
  ['\\[', '\\]', '[^\\[\\]\\n]', PROMPT],
  ['［', '］', '[^［］\\n]', PROMPT],
  ['〔', '〕', '[^〔〕\\n]', PROMPT],
  ['〖', '〗', '[^〖〗\\n]', PROMPT],
  ['｛', '｝', '[^｛｝\\n]', PROMPT],
  ['\\{', '\\}', '[^{}\\n]', PROMPT],
  ['[（(]', '[）)]', '[^（()）\\n]', REQUEST],
];

export const PLACEHOLDER_PATTERN = new RegExp(
  PAIRS.map(([open, close, inner, prompt]) => `${open}\\s*(?:${prompt})\\s*[：:]?${inner}{0,200}${close}`).join('|'),
  'gu',
);

export function findPlaceholders(text: string): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  for (const m of text.matchAll(PLACEHOLDER_PATTERN)) out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  return out;
}

export function placeholder(prompt: string): string {
  return `【请填写：${prompt}】`;
}
