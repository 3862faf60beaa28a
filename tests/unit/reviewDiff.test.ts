import { describe, expect, test } from 'vitest';
import { compareProposals } from '../../src/core/review/compare';
import { structuredChanges } from '../../src/core/review/changes';
import { diffText, sides } from '../../src/core/review/textDiff';
import { makeProposal } from './helpers/proposals';

const changed = (d: ReturnType<typeof diffText>, op: 'insert' | 'delete') => d.parts.filter((p) => p.op === op).map((p) => p.text);

describe('character-level diff of Chinese text', () => {
  test('marks exactly the characters that changed', () => {
    const d = diffText('为独居老人320名提供午餐。每周五天。', '为独居老人340名提供午餐。每周六天。');
    expect(changed(d, 'delete')).toEqual(['2', '五']);
    expect(changed(d, 'insert')).toEqual(['4', '六']);
    expect(d.coarse).toBe(false);
  });

  test('a whole inserted sentence and a deleted one', () => {
    const d = diffText('第一句。第二句。第三句。', '第一句。新增的一句话。第三句。');
    expect(sides(d)).toEqual({ before: '第一句。第二句。第三句。', after: '第一句。新增的一句话。第三句。' });
    expect(d.parts[0]).toEqual({ op: 'equal', text: '第一句。' });
    // The lone 句 both sentences share is shown inside the change, not as a kept scrap.
    expect(changed(d, 'delete')).toEqual(['第二句']);
    expect(changed(d, 'insert')).toEqual(['新增的一句话']);
  });

  test('rebuilds both sides of a long text with scattered edits', () => {
    const base = Array.from({ length: 400 }, (_, i) => `第${i}条：社区长者助餐点每日供餐，由志愿者送达行动不便的老人。`).join('');
    const edited = base.replace(/第(\d*7)条：社区/g, '第$1条：街道').replace('志愿者送达', '专职人员送达');
    const d = diffText(base, edited);
    expect(sides(d)).toEqual({ before: base, after: edited });
    expect(d.coarse).toBe(false);
    expect(changed(d, 'insert').join('')).toContain('街道');
  });

  test('with no time at all, a changed passage is still right but labelled coarse', () => {
    const a = '甲乙丙丁戊。己庚辛壬癸。';
    const b = '子丑寅卯辰。巳午未申酉。';
    const d = diffText(a, b, -1);
    expect(d.coarse).toBe(true);
    expect(sides(d)).toEqual({ before: a, after: b });
  });
});

describe('structured changes in words', () => {
  const before = makeProposal({
    title: '双龙湖长者助餐',
    targetFen: 10_000_000,
    beneficiaries: [{ id: 'b1', type: '独居老人', count: 320, region: '渝北区' }],
    budget: {
      lines: [
        { id: 'l1', item: '餐费补贴', category: '', unitPriceFen: 0, quantity: 0, amountFen: 5_000_000, note: '', origin: null },
        { id: 'l2', item: '宣传物料', category: '', unitPriceFen: 0, quantity: 0, amountFen: 300_000, note: '', origin: null },
      ],
      managementFeePercent: null,
      minimumExecutableFen: null,
      fallbackPlan: '',
    },
    milestones: [
      { id: 'm1', date: '2026-03-01', title: '启动', detail: '' },
      { id: 'm2', date: '2026-04-01', title: '招募志愿者', detail: '' },
      { id: 'm3', date: '2026-05-01', title: '开始供餐', detail: '' },
    ],
    platforms: ['tencent'],
  });
  const after = {
    ...before,
    beneficiaries: [{ id: 'b1', type: '独居老人', count: 340, region: '渝北区' }],
    budget: {
      ...before.budget,
      lines: [{ ...before.budget.lines[0]!, amountFen: 5_200_000 }, { id: 'l3', item: '保温餐箱', category: '', unitPriceFen: 0, quantity: 0, amountFen: 80_000, note: '', origin: null }],
    },
    milestones: [before.milestones[0]!, before.milestones[1]!, { ...before.milestones[2]!, date: '2026-05-15' }],
    platforms: ['tencent' as const, 'alipay' as const],
  };

  test('says what the reviewer needs to see', () => {
    const texts = structuredChanges(before, after).map((c) => c.text);
    expect(texts).toContain('受益人数 320 → 340');
    expect(texts).toContain('预算「餐费补贴」增加 2,000.00 元（50,000.00 → 52,000.00）');
    expect(texts).toContain('预算新增「保温餐箱」800.00 元');
    expect(texts).toContain('预算删除「宣传物料」（原 3,000.00 元）');
    expect(texts).toContain('预算合计 53,000.00 元 → 52,800.00 元');
    expect(texts).toContain('执行计划节点 第 3 条 日期改为 2026-05-15（原 2026-05-01）');
    expect(texts).toContain('新增目标平台：支付宝公益');
    expect(texts.some((t) => t.startsWith('筹款目标'))).toBe(false);
  });

  test('identical revisions have no changes, section by section', () => {
    const cmp = compareProposals(before, before);
    expect(cmp.changes).toEqual([]);
    expect(cmp.sections.every((s) => !s.changed)).toBe(true);
  });

  test('comparison names the changed section with its Chinese label', () => {
    const a = makeProposal({ sections: { plan: '三月启动，五月供餐。' } });
    const b = { ...a, sections: { ...a.sections, plan: { doc: null, text: '三月启动，四月供餐。' } } };
    const cmp = compareProposals(a, b);
    const plan = cmp.sections.find((s) => s.changed)!;
    expect(plan.label).toBe('执行计划');
    expect(plan.parts.filter((p) => p.op !== 'equal').map((p) => `${p.op}:${p.text}`)).toEqual(['delete:五', 'insert:四']);
  });
});
