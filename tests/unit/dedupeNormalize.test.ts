import { describe, expect, it } from 'vitest';
import { DISTRICT_MARK, normalizeText, normalizedString } from '../../src/core/dedupe/normalize';

const mark = String.fromCodePoint(DISTRICT_MARK);

describe('normalization for the duplicate check', () => {
  it('folds full-width letters and digits, lower-cases, and drops whitespace and punctuation', () => {
    expect(normalizedString('ＡＢＣ１２３，　项目 背景！\n（二）“关爱”')).toBe('abc123项目背景二关爱');
  });

  it('drops template placeholders but keeps the text around them', () => {
    expect(normalizedString('本项目帮助【请填写：受益老人人数】名老人')).toBe('本项目帮助名老人');
    expect(normalizedString('例如【示例：每周三次送餐】')).toBe('例如');
  });

  it('replaces district names and their short forms with one marker, longest name first', () => {
    expect(normalizedString('城口县留守儿童')).toBe(`${mark}留守儿童`);
    expect(normalizedString('城口留守儿童')).toBe(`${mark}留守儿童`);
    expect(normalizedString('石柱土家族自治县的老人')).toBe(`${mark}的老人`);
    expect(normalizedString('城口县留守儿童')).toBe(normalizedString('巫溪县留守儿童'));
    expect(normalizedString('城口县', { keepDistricts: true })).toBe('城口县');
  });

  it('maps every kept character back to where it was written', () => {
    const text = '一、在城口县，为 ＡＢ 老人【请填写：人数】送餐。';
    const t = normalizeText(text, { offsets: true });
    const kept: string[] = [];
    for (let i = 0; i < t.length; i++) kept.push(text.slice(t.start[i], t.end[i]));
    expect(kept).toEqual(['一', '在', '城口县', '为', 'Ａ', 'Ｂ', '老', '人', '送', '餐']);
  });

  it('reads characters outside the BMP as one character', () => {
    const text = '𠀀𠀁好';
    const t = normalizeText(text, { offsets: true });
    expect(t.length).toBe(3);
    expect(text.slice(t.start[1], t.end[1])).toBe('𠀁');
  });
});
