/**
 * How a platform counts the length of a field. Every length limit names its mode, because
 * platforms differ and Chinese text makes the difference large:
 * - `chars`: every character as a reader sees it (a user-perceived character, i.e. a Unicode
 *   grapheme cluster: a Chinese character, a letter, a digit, one emoji even when it is a ZWJ
 *   sequence such as 👨‍👩‍👧 or carries a skin tone or variation selector);
 * - `charsNoPunct`: the same without whitespace and punctuation (full-width and ASCII, including the
 *   ASCII and full-width symbols used as punctuation such as ~ | + = < >); emoji and other symbols
 *   (¥ ℃ ©) still count;
 * - `utf16`: UTF-16 code units, as a browser's `maxlength` counts (an emoji outside the BMP is two).
 */
export const COUNT_MODES = ['chars', 'charsNoPunct', 'utf16'] as const;
export type CountMode = (typeof COUNT_MODES)[number];

export const COUNT_MODE_LABELS: Record<CountMode, string> = {
  chars: '按字符计（含标点空格）',
  charsNoPunct: '按字符计（不含标点空格）',
  utf16: '按 UTF-16 编码单元计',
};

const PUNCT_CLASS = '[\\p{P}\\p{Z}\\s\\p{Cf}$+<=>^`|~＄＋＜＝＞＾｀｜～￣]';
const PUNCT_OR_SPACE = new RegExp(`^${PUNCT_CLASS}$`, 'u');
const PUNCT_ALL = new RegExp(PUNCT_CLASS, 'gu');

/**
 * Characters that can join with their neighbours into one perceived character: combining marks,
 * ZWJ, variation selectors, emoji modifiers and tags, regional indicators, Hangul jamo. Text
 * without them (nearly all Chinese text) is counted by code points, which is much faster.
 */
// Each of these is tested as a single code point on purpose, so the class is not misleading here.
// eslint-disable-next-line no-misleading-character-class
const MAY_JOIN = /[\p{M}\u200d\ufe0e\ufe0f\p{Emoji_Modifier}\p{Regional_Indicator}\u{E0020}-\u{E007F}\u1100-\u11ff\ud7b0-\ud7ff]/u;

let segmenter: Intl.Segmenter | undefined;
function* segments(text: string): Generator<string> {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'grapheme' });
  for (const s of segmenter.segment(text)) yield s.segment;
}

/** What a reader sees as characters, one string each: code points, or grapheme clusters where they join. */
function graphemes(text: string): Iterable<string> {
  return MAY_JOIN.test(text) ? segments(text) : text;
}

/** A surrogate pair (one code point outside the BMP, two UTF-16 units) starts at i. */
function isPairAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return false;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff;
}

function codePoints(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    if (isPairAt(text, i)) {
      n -= 1;
      i += 1;
    }
  }
  return n;
}

function punctuation(text: string): number {
  PUNCT_ALL.lastIndex = 0;
  let n = 0;
  while (PUNCT_ALL.exec(text) !== null) n += 1;
  return n;
}

export function countChars(text: string, mode: CountMode): number {
  if (mode === 'utf16') return text.length;
  if (!MAY_JOIN.test(text)) return codePoints(text) - (mode === 'charsNoPunct' ? punctuation(text) : 0);
  let n = 0;
  for (const ch of segments(text)) {
    if (mode === 'charsNoPunct' && PUNCT_OR_SPACE.test(ch)) continue;
    n += 1;
  }
  return n;
}

/**
 * The UTF-16 offset where the text passes `limit` counted characters, or null when it does not:
 * the start of what a counter shows as over the limit.
 */
export function offsetAfter(text: string, limit: number, mode: CountMode): number | null {
  if (mode === 'utf16') return text.length > limit ? limit : null;
  // Most texts are far from the limit, and a character is at least one UTF-16 unit.
  if (text.length <= limit) return null;
  let n = 0;
  let offset = 0;
  if (mode === 'chars' && !MAY_JOIN.test(text)) {
    for (; offset < text.length; n++) {
      if (n === limit) return offset;
      offset += isPairAt(text, offset) ? 2 : 1;
    }
    return null;
  }
  for (const ch of graphemes(text)) {
    if (!(mode === 'charsNoPunct' && PUNCT_OR_SPACE.test(ch))) {
      if (n === limit) return offset;
      n += 1;
    }
    offset += ch.length;
  }
  return null;
}
