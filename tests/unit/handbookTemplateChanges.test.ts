import { describe, expect, it } from 'vitest';
import { packageDiff } from '../../src/core/handbook/diff';
import { revised, shippedHandbook } from './helpers/handbook';

describe('a handbook import lists what changed inside each template', () => {
  it('names each changed part of 老年食堂助餐 with the text before and after', () => {
    const before = shippedHandbook();
    const after = revised('1.1', (pkg) => {
      const meals = pkg.templates.find((t) => t.id === 'elderly-meals')!;
      meals.budget.tips[0] = '补贴总餐数 = 人数 × 每周天数 × 周数；节假日停餐的要扣除。';
      meals.pitfalls.push({ step: 'risks', text: '没有写食品安全事故的应急办法。' });
    });
    const oldTip = before.templates.find((t) => t.id === 'elderly-meals')!.budget.tips[0]!;
    const diff = packageDiff(before, after);
    expect(diff.templates.changed.map((t) => t.id)).toEqual(['elderly-meals']);
    expect(diff.templateChanges).toEqual([
      {
        id: 'elderly-meals',
        name: after.templates.find((t) => t.id === 'elderly-meals')!.name,
        items: [
          { scope: 'template', part: '预算提示', kind: 'changed', before: oldTip, after: '补贴总餐数 = 人数 × 每周天数 × 周数；节假日停餐的要扣除。' },
          { scope: 'template', part: '常见坑', kind: 'added', before: null, after: '没有写食品安全事故的应急办法。' },
        ],
      },
    ]);
  });
});
