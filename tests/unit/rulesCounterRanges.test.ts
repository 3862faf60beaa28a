import { describe, expect, it } from 'vitest';
import type { FieldCounterDto } from '../../src/shared/api/methods/rules';
import { shiftRanges } from '../../src/shared/rules/rangeShift';
import { countersFor, tightestCounter } from '../../src/shared/rules/tightestCounter';

function counter(init: Partial<FieldCounterDto>): FieldCounterDto {
  return { pack: 'tencent', fieldId: 'title', label: '项目名称', sources: ['title'], current: 10, max: 25, min: null, mode: 'chars', state: 'ok', verified: false, ...init };
}

describe('tightestCounter', () => {
  it('shows the worst state first, then the limit closest to being used up', () => {
    const roomy = counter({ pack: 'tencent', current: 10, max: 40 });
    const tight = counter({ pack: 'alipay', current: 10, max: 12 });
    expect(tightestCounter([roomy, tight])).toBe(tight);

    const over = counter({ pack: 'weibo', current: 31, max: 30, state: 'over' });
    expect(tightestCounter([tight, over, roomy])).toBe(over);
    const near = counter({ pack: 'jd', current: 23, max: 25, state: 'near' });
    expect(tightestCounter([roomy, near])).toBe(near);
  });

  it('compares limits by the share used, since platforms count in different modes', () => {
    // 20 of 100 UTF-16 units is roomier than 18 of 20 characters, though 20 > 18.
    const utf16 = counter({ pack: 'douyin', current: 20, max: 100, mode: 'utf16' });
    const chars = counter({ pack: 'tencent', current: 18, max: 20 });
    expect(tightestCounter([utf16, chars])).toBe(chars);
  });

  it('puts a minimum not yet reached (amber) above a limit that is fine', () => {
    const fine = counter({ current: 10, max: 25 });
    const under = counter({ pack: 'lianquan', current: 10, max: null, min: 50, state: 'under' });
    expect(tightestCounter([fine, under])).toBe(under);
    expect(tightestCounter([])).toBeNull();
  });

  it('finds the counters of a field by their first source only', () => {
    const intro = counter({ fieldId: 'intro', sources: ['sections.background', 'sections.goals'] });
    const title = counter({});
    expect(countersFor([intro, title], 'sections.background')).toEqual([intro]);
    expect(countersFor([intro, title], 'sections.goals')).toEqual([]);
    expect(countersFor([intro, title], 'title')).toEqual([title]);
  });
});

describe('shiftRanges', () => {
  const before = '报名请联系13812345678，也可加微信。';
  const phone = { start: 5, end: 16, id: 'phone' };
  const wechat = { start: 19, end: 22, id: 'wechat' };

  it('keeps every range when the text is unchanged', () => {
    expect(shiftRanges([phone, wechat], before, before)).toEqual([phone, wechat]);
  });

  it('moves ranges after an insertion and keeps those before it', () => {
    const after = `${before.slice(0, 17)}周一至周五${before.slice(17)}`; // typed after the phone number
    const [p, w] = shiftRanges([phone, wechat], before, after);
    expect(after.slice(p!.start, p!.end)).toBe('13812345678');
    expect(after.slice(w!.start, w!.end)).toBe('加微信');
    expect(w!.id).toBe('wechat');
  });

  it('moves ranges back after a deletion before them', () => {
    const after = before.slice(2); // 「报名」 deleted
    const shifted = shiftRanges([phone, wechat], before, after);
    expect(shifted.map((r) => after.slice(r.start, r.end))).toEqual(['13812345678', '加微信']);
  });

  it('drops a range the edit touched, so no mark lands on the wrong characters', () => {
    const after = before.replace('13812345678', '1381234567'); // a digit deleted inside the number
    const shifted = shiftRanges([phone, wechat], before, after);
    expect(shifted.map((r) => r.id)).toEqual(['wechat']);
    expect(after.slice(shifted[0]!.start, shifted[0]!.end)).toBe('加微信');
  });

  it('copes with repeated text around the edit', () => {
    const text = '加微信加微信';
    const marks = [
      { start: 0, end: 3, id: 'a' },
      { start: 3, end: 6, id: 'b' },
    ];
    const after = '加微信加微信加微信'; // the same phrase typed again at the end
    const shifted = shiftRanges(marks, text, after);
    for (const r of shifted) expect(after.slice(r.start, r.end)).toBe('加微信');
    expect(shifted.length).toBeGreaterThan(0);
  });
});
