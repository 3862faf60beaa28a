/**
 * How a platform counts the length of a field. Every length limit names its mode, because
 * platforms differ and Chinese text makes the difference large:
 * - `chars`: every character as a reader sees it (a Unicode code point; an emoji is one);
 * - `charsNoPunct`: characters without whitespace and punctuation (full-width and ASCII);
 * - `utf16`: UTF-16 code units, as a browser's `maxlength` counts (an emoji outside the BMP is two).
 */
export const COUNT_MODES = ['chars', 'charsNoPunct', 'utf16'] as const;
export type CountMode = (typeof COUNT_MODES)[number];

export const COUNT_MODE_LABELS: Record<CountMode, string> = {
  chars: '按字符计（含标点空格）',
  charsNoPunct: '按字符计（不含标点空格）',
  utf16: '按 UTF-16 编码单元计',
};

const PUNCT_OR_SPACE = /[\p{P}\p{S}\p{Z}\s]/u;

export function countChars(text: string, mode: CountMode): number {
  if (mode === 'utf16') return text.length;
  let n = 0;
  for (const ch of text) {
    if (mode === 'charsNoPunct' && PUNCT_OR_SPACE.test(ch)) continue;
    n += 1;
  }
  return n;
}
