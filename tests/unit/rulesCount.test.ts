import { describe, expect, it } from 'vitest';
import { countChars, offsetAfter } from '../../src/shared/rules/count';

describe('countChars: 字数 in each counting mode', () => {
  // Each row: text, chars, charsNoPunct, utf16.
  const cases: [string, string, number, number, number][] = [
    ['Chinese', '乡村小学图书角', 7, 7, 7],
    ['Chinese with full-width punctuation', '你好，世界！「善策」。', 11, 6, 11],
    ['Latin words and a space', 'Hello world', 11, 10, 11],
    ['ASCII punctuation and symbols used as punctuation', 'a,b.c!d?e~f|g+h', 15, 8, 15],
    ['digits, ASCII and full-width', '2026年１２月', 8, 8, 8],
    ['whitespace of every kind', '一 二\u3000三\n四\t五', 9, 5, 9],
    ['a simple emoji outside the BMP', '加油😀', 3, 3, 4],
    ['an emoji ZWJ sequence (family)', '家庭👨‍👩‍👧', 3, 3, 10],
    ['an emoji with a skin tone', '点赞👍🏽', 3, 3, 6],
    ['a flag (two regional indicators)', '中国🇨🇳', 3, 3, 6],
    ['a heart with a variation selector', '爱心❤️', 3, 3, 4],
    ['a letter with a combining accent', 'cafe\u0301', 4, 4, 5],
    ['symbols that are not punctuation still count', '¥100，℃', 6, 5, 6],
    ['empty', '', 0, 0, 0],
  ];
  for (const [name, text, chars, noPunct, utf16] of cases) {
    it(name, () => {
      expect(countChars(text, 'chars')).toBe(chars);
      expect(countChars(text, 'charsNoPunct')).toBe(noPunct);
      expect(countChars(text, 'utf16')).toBe(utf16);
    });
  }

  it('mixed text: every kind of character at once', () => {
    const text = '重庆 Chongqing 2026：加油💪🏻！👩‍🏫 老师。';
    expect(countChars(text, 'utf16')).toBe(text.length);
    // 重庆(2) space Chongqing(9) space 2026(4) ：(1) 加油(2) 💪🏻(1) ！(1) 👩‍🏫(1) space 老师(2) 。(1)
    expect(countChars(text, 'chars')).toBe(2 + 1 + 9 + 1 + 4 + 1 + 2 + 1 + 1 + 1 + 1 + 2 + 1);
    expect(countChars(text, 'charsNoPunct')).toBe(2 + 9 + 4 + 2 + 1 + 1 + 2);
  });
});

describe('offsetAfter: where a text passes its limit', () => {
  it('is null within the limit and the UTF-16 offset of the first character over it', () => {
    expect(offsetAfter('一二三', 3, 'chars')).toBeNull();
    expect(offsetAfter('一二三四五', 3, 'chars')).toBe(3);
    expect(offsetAfter('😀😀😀😀', 3, 'chars')).toBe(6);
    expect(offsetAfter('👨‍👩‍👧一二', 2, 'chars')).toBe('👨‍👩‍👧一'.length);
    expect(offsetAfter('一二三四', 3, 'utf16')).toBe(3);
  });

  it('skips punctuation when the mode does not count it', () => {
    // 甲，乙，丙，丁: the fourth counted character is 丁 at offset 6.
    expect(offsetAfter('甲，乙，丙，丁', 3, 'charsNoPunct')).toBe(6);
    expect(offsetAfter('甲，乙，丙，', 3, 'charsNoPunct')).toBeNull();
  });

  it('agrees with countChars on where the limit falls', () => {
    const text = '善策帮助区县小专家编写募捐方案😀，并按平台规则检查。';
    for (const mode of ['chars', 'charsNoPunct', 'utf16'] as const) {
      const n = countChars(text, mode);
      expect(offsetAfter(text, n, mode)).toBeNull();
      const at = offsetAfter(text, n - 1, mode)!;
      expect(countChars(text.slice(0, at), mode)).toBe(n - 1);
    }
  });
});
