import { describe, expect, it } from 'vitest';
import { checkDraft, checkProposal } from '../../src/core/rules/engine';
import { fieldText } from '../../src/shared/rules/fieldSources';
import type { Finding } from '../../src/shared/rules/finding';
import type { Proposal } from '../../src/shared/domain/proposal';
import { creditCode, completeProposal, FUNDRAISER_CODE, image, packOf, ruleOf } from './helpers/rules';

/** The findings one rule produces for a proposal. */
function run(p: Proposal, rule: Record<string, unknown>, extra: Record<string, unknown> = {}): Finding[] {
  const [result] = checkProposal(p, [packOf([rule], extra)]);
  return result!.findings;
}

/** The text a finding's range selects. */
function selected(p: Proposal, f: Finding): string {
  return fieldText(p, f.field as never).slice(f.range!.start, f.range!.end);
}

const withSection = (id: 'background' | 'plan' | 'disclosure' | 'aboutUs', text: string) => {
  const p = completeProposal();
  p.sections = { ...p.sections, [id]: { doc: null, text } };
  return p;
};

describe('content rules', () => {
  it('phrases: finds each phrase with its range, in the public texts only', () => {
    const rule = ruleOf('phrases', { phrases: ['悲惨', '家徒四壁'], fields: 'public' }, 'warning');
    expect(run(completeProposal(), rule)).toEqual([]);

    const p = withSection('background', '他们的生活很悲惨，家徒四壁。');
    p.filing = { ...p.filing, remainderPlan: '悲惨' }; // not public text
    const found = run(p, rule);
    expect(found.map((f) => [f.field, selected(p, f), f.severity])).toEqual([
      ['sections.background', '悲惨', 'warning'],
      ['sections.background', '家徒四壁', 'warning'],
    ]);
    expect(found[0]!.message).toBe('测试规则 phrases：「悲惨」');
    expect(found[0]!.fix).toBe('修改');
    expect(found[0]!.source.title).toBe('测试用来源');
    expect(found[0]!.pack).toBe('tencent');
  });

  it('phrases: a list of fields limits where it looks', () => {
    const p = withSection('background', '悲惨');
    p.sections = { ...p.sections, plan: { doc: null, text: '悲惨' } };
    const found = run(p, ruleOf('phrases', { phrases: ['悲惨'], fields: ['sections.plan'] }));
    expect(found.map((f) => f.field)).toEqual(['sections.plan']);
  });

  it('pattern: a regular expression, with ranges in UTF-16 offsets after emoji', () => {
    const rule = ruleOf('pattern', { pattern: '(?:助农|助老)[^。]{0,10}(?:购买|下单)' });
    expect(run(completeProposal(), rule)).toEqual([]);
    const p = withSection('plan', '😀😀助农产品请购买，谢谢。');
    const [f] = run(p, rule);
    expect(f!.range).toEqual({ start: 4, end: 11 });
    expect(selected(p, f!)).toBe('助农产品请购买');
  });

  it('pattern: an invalid or empty-matching expression is refused when the pack is read', () => {
    expect(() => packOf([ruleOf('pattern', { pattern: '(未闭合' })])).toThrow(/正则表达式无效/);
    expect(() => packOf([ruleOf('pattern', { pattern: 'a*' })])).toThrow(/匹配空文本/);
  });

  it('placeholders: every 【请填写：…】 left from a template, in any written part', () => {
    const rule = ruleOf('placeholders', { fields: 'all' });
    expect(run(completeProposal(), rule)).toEqual([]);
    const p = withSection('goals' as never, '');
    p.sections = { ...p.sections, goals: { doc: null, text: '建成【请填写：数量】个图书角' } };
    p.filing = { ...p.filing, region: '【请选择：募捐地域】' };
    const found = run(p, rule);
    expect(found.map((f) => [f.field, selected(p, f)])).toEqual([
      ['filing.region', '【请选择：募捐地域】'],
      ['sections.goals', '【请填写：数量】'],
    ]);
  });

  it('noAdsOrLinks: web addresses and commercial phrases, but not e-mail addresses', () => {
    const rule = ruleOf('noAdsOrLinks', { phrases: ['扫码购买'] });
    const ok = withSection('aboutUs', '联系邮箱：info@cqcs.org.cn，电话见备案。');
    expect(run(ok, rule)).toEqual([]);
    const p = withSection('aboutUs', '详见 https://shop.example.com/item?id=1 或 www.cqcs.org，扫码购买助农产品，访问 taobao.com/abc。');
    const found = run(p, rule);
    expect(found.map((f) => selected(p, f))).toEqual(['https://shop.example.com/item?id=1', 'www.cqcs.org', 'taobao.com/abc', '扫码购买']);
  });

  it('privacy: ID numbers only with a valid check digit, phone numbers, home addresses', () => {
    const rule = ruleOf('privacy', { detect: ['idNumber', 'phone', 'address'] });
    // A budget amount, an order number, a date and an office address raise nothing.
    const ok = withSection('background', '项目预算202611220000012345元的一部分；订单号110105194912310021；2026-01-01；总会地址渝北区慈善大厦。');
    expect(run(ok, rule)).toEqual([]);
    const p = withSection(
      'background',
      '受助儿童小明（身份证11010519491231002X），母亲电话138 0013 8000，座机023-67891234，家住幸福村3组12号，小红家3栋2单元501室。',
    );
    const found = run(p, rule);
    expect(found.map((f) => selected(p, f))).toEqual([
      '11010519491231002X',
      '138 0013 8000',
      '023-67891234',
      '家住幸福村3组12号',
      '3栋2单元501室',
    ]);
    expect(found[0]!.message).toContain('身份证号');
  });
});

describe('presence and length', () => {
  it('required: each empty field is named; lists count by their items', () => {
    const rule = ruleOf('required', { fields: ['filing.region', 'milestones', 'budget.fallbackPlan'] });
    expect(run(completeProposal(), rule)).toEqual([]);
    const p = completeProposal({ milestones: [] });
    p.filing = { ...p.filing, region: '   ' };
    const found = run(p, rule);
    expect(found.map((f) => f.field)).toEqual(['filing.region', 'milestones']);
    expect(found[0]!.message).toContain('「募捐地域」未填写');
  });

  it('length: over the maximum selects the overflow; under the minimum says by how much', () => {
    const rule = ruleOf('length', { field: 'summary', max: 10, mode: 'charsNoPunct' });
    expect(run(completeProposal({ summary: '一二三，四五六七八九十' }), rule)).toEqual([]);
    const p = completeProposal({ summary: '一二三，四五六七八九十甲' });
    const [f] = run(p, rule);
    expect(selected(p, f!)).toBe('甲');
    expect(f!.message).toContain('当前 11 字，上限 10 字');
    const [g] = run(completeProposal({ summary: '短' }), ruleOf('length', { field: 'summary', min: 5, mode: 'chars' }));
    expect(g!.message).toContain('至少 5 字');
  });

  it("a platform field's own limits: required, maximum across joined parts, minimum, and counters", () => {
    const fields = [
      { id: 'title', label: '项目名称', order: 1, from: ['title'], required: true, source: { kind: 'platform', title: '平台', verified: true } },
      {
        id: 'intro',
        label: '项目介绍',
        order: 2,
        from: ['sections.background', 'sections.goals'],
        maxLength: { limit: 12, mode: 'chars', source: { kind: 'federation', title: '总会默认值', verified: false } },
        minLength: { limit: 3, mode: 'chars', source: { kind: 'federation', title: '总会默认值', verified: false } },
      },
    ];
    const pack = packOf([], { fields });
    const good = completeProposal({ title: '图书角' });
    good.sections = { ...good.sections, background: { doc: null, text: '甲乙丙丁' }, goals: { doc: null, text: '一二三四五' } };
    // 4 + 2 (the blank line between parts) + 5 = 11 of 12: near the limit.
    const draft = checkDraft(good, [pack]);
    expect(draft.results[0]!.findings).toEqual([]);
    expect(draft.counters).toEqual([
      expect.objectContaining({ fieldId: 'intro', current: 11, max: 12, min: 3, state: 'near', verified: false, sources: ['sections.background', 'sections.goals'] }),
    ]);

    const bad = completeProposal({ title: '' });
    bad.sections = { ...bad.sections, background: { doc: null, text: '甲乙丙丁' }, goals: { doc: null, text: '一二三四五六七八' } };
    const out = checkDraft(bad, [pack]);
    const [req, max] = out.results[0]!.findings;
    expect(req).toMatchObject({ ruleId: 'fields.title.required', field: 'title', severity: 'error' });
    // The 13th character is 七, the 7th of the second part: the overflow is selected there.
    expect(max).toMatchObject({ ruleId: 'fields.intro.maxLength', field: 'sections.goals', range: { start: 6, end: 8 }, severity: 'error' });
    expect(max!.source.verified).toBe(false);
    expect(out.counters[0]).toMatchObject({ current: 14, state: 'over' });

    const short = completeProposal();
    short.sections = { ...short.sections, background: { doc: null, text: '甲' }, goals: { doc: null, text: '' } };
    const under = checkDraft(short, [pack]);
    expect(under.results[0]!.findings.map((f) => [f.ruleId, f.severity])).toEqual([['fields.intro.minLength', 'warning']]);
    expect(under.counters[0]!.state).toBe('under');
  });

  it('fundraisingPeriod: present, in order, and no longer than allowed', () => {
    const rule = ruleOf('fundraisingPeriod', { maxMonths: 12 });
    expect(run(completeProposal(), rule)).toEqual([]);
    expect(run(completeProposal({ fundraisingPeriod: { start: '2026-01-01', end: null } }), rule)[0]!.message).toContain('未填写结束日期');
    expect(run(completeProposal({ fundraisingPeriod: { start: '2026-05-01', end: '2026-04-01' } }), rule)[0]!.message).toContain('早于');
    expect(run(completeProposal({ fundraisingPeriod: { start: '2026-01-01', end: '2027-02-01' } }), rule)[0]!.message).toContain('超过 12 个月');
  });

  it('filingContents: each missing item of the 募捐方案, where to write it', () => {
    const rule = ruleOf('filingContents', { items: ['region', 'contact', 'bankAccount', 'cost', 'remainder', 'beneficiaries'] });
    expect(run(completeProposal(), rule)).toEqual([]);
    const p = completeProposal({ beneficiaries: [] });
    p.filing = { ...p.filing, contactAddress: '', donationMethod: '通过平台捐赠' };
    p.budget = { ...p.budget, managementFeePercent: null };
    const found = run(p, rule);
    expect(found.map((f) => f.field)).toEqual(['filing.contactName', 'filing.donationMethod', 'budget.managementFeePercent', 'beneficiaries']);
    expect(found[1]!.message).toContain('银行账户');
  });

  it('manualCheck: always listed, as info only', () => {
    expect(run(completeProposal(), ruleOf('manualCheck', {}, 'info'))).toMatchObject([{ severity: 'info', field: null }]);
    expect(() => packOf([ruleOf('manualCheck', {}, 'error')])).toThrow(/只能是 info/);
  });
});

describe('structural rules', () => {
  it('budgetSum: the lines add up to the target', () => {
    const rule = ruleOf('budgetSum');
    expect(run(completeProposal(), rule)).toEqual([]);
    const [f] = run(completeProposal({ targetFen: 5_000_000 }), rule);
    expect(f).toMatchObject({ field: 'budget', severity: 'error' });
    expect(f!.message).toContain('明细合计 47,000.00 元，筹款目标 50,000.00 元，相差 3,000.00 元');
    expect(run(completeProposal({ targetFen: null }), rule)[0]!.field).toBe('targetFen');
  });

  it('budgetLineArithmetic: amount = unit price × quantity, within a fen', () => {
    const rule = ruleOf('budgetLineArithmetic');
    const p = completeProposal();
    p.budget.lines.push({ id: 'b4', item: '运费', category: '', unitPriceFen: 333, quantity: 1.5, amountFen: 500, note: '', origin: null });
    expect(run(p, rule)).toEqual([]);
    p.budget.lines[1] = { ...p.budget.lines[1]!, amountFen: 1_500_000 };
    const [f] = run(p, rule);
    expect(f!.field).toBe('budget.lines.1');
    expect(f!.message).toContain('「书架」单价 800.00 元 × 数量 20 = 16,000.00 元，金额却填为 15,000.00 元');
  });

  it('managementFee: stated and at most the maximum', () => {
    const rule = ruleOf('managementFee', { maxPercent: 5 });
    expect(run(completeProposal(), rule)).toEqual([]);
    const none = completeProposal();
    none.budget = { ...none.budget, managementFeePercent: null };
    expect(run(none, rule)[0]!.message).toContain('未填写');
    const high = completeProposal();
    high.budget = { ...high.budget, managementFeePercent: 8 };
    expect(run(high, rule)[0]!.message).toContain('当前 8%，上限 5%');
  });

  it('milestones: dated, enough of them, inside the project period', () => {
    const rule = ruleOf('milestones', { minCount: 2 });
    expect(run(completeProposal(), rule)).toEqual([]);
    const p = completeProposal({
      milestones: [
        { id: 'm1', date: null, title: '采购', detail: '' },
        { id: 'm2', date: '2028-01-01', title: '验收', detail: '' },
      ],
    });
    expect(run(p, rule).map((f) => [f.field, f.message.split('：')[1]])).toEqual([
      ['milestones.0', '「采购」没有日期'],
      ['milestones.1', '「验收」的日期 2028-01-01 不在项目执行周期 2026-01-01 至 2027-06-30 之内'],
    ]);
    expect(run(completeProposal({ milestones: [] }), rule)[0]!.message).toContain('至少需要 2 个');
    expect(run(completeProposal({ projectPeriod: { start: null, end: null } }), rule)[0]!.field).toBe('projectPeriod');
  });

  it('disclosure: a period over 6 months needs the structured cadence to be at least quarterly', () => {
    const rule = ruleOf('disclosure', { overMonths: 6, everyMonths: 3 });
    expect(run(completeProposal(), rule)).toEqual([]);
    const withCadence = (cadence: 'monthly' | 'quarterly' | 'halfYearly' | 'yearly' | 'atEnd' | null) => {
      const p = completeProposal();
      p.disclosurePlan = cadence === null ? { cadence: null, note: '', guessed: false } : { cadence, note: '', guessed: false };
      return p;
    };
    expect(run(withCadence('monthly'), rule)).toEqual([]);
    const half = run(withCadence('halfYearly'), rule);
    expect(half.map((f) => [f.field, f.severity])).toEqual([['disclosurePlan', 'error']]);
    expect(half[0]!.message).toContain('每 6 个月披露一次，应至少每 3 个月一次');
    expect(run(withCadence('atEnd'), rule)[0]!.message).toContain('只在结项时披露');
    expect(run(withCadence(null), rule)[0]!.message).toContain('未选择多久披露一次');

    // Six months exactly is not over six months: no disclosure cadence is required.
    const short = withCadence(null);
    short.projectPeriod = { start: '2026-01-01', end: '2026-07-01' };
    short.fundraisingPeriod = { start: '2026-01-01', end: '2026-07-01' };
    expect(run(short, rule)).toEqual([]);
    short.projectPeriod = { start: '2026-01-01', end: '2026-07-02' };
    expect(run(short, rule)).toHaveLength(1);
  });

  it('imageSpec: count, minimum size, aspect, file size and format against the pack specs', () => {
    const spec = {
      id: 'cover',
      label: '封面图',
      role: 'cover',
      minCount: 1,
      maxCount: 1,
      aspect: { w: 16, h: 9 },
      minWidth: 800,
      minHeight: 450,
      output: { width: 1200, height: 675 },
      maxBytes: 1_000_000,
      formats: ['image/jpeg'],
      source: { kind: 'federation', title: '默认', verified: false },
    };
    const rule = ruleOf('imageSpec', { checks: ['count', 'minSize', 'aspect', 'bytes', 'format'] });
    expect(run(completeProposal(), rule, { images: [spec] })).toEqual([]);

    const noCover = completeProposal();
    noCover.images = noCover.images.map((i) => ({ ...i, isCover: false }));
    expect(run(noCover, rule, { images: [spec] })[0]!.message).toContain('需要至少 1 张，当前 0 张');

    const p = completeProposal();
    p.images = [image({ isCover: true, width: 600, height: 600, bytes: 2_000_000, mime: 'image/png' }), ...p.images.slice(1)];
    const found = run(p, rule, { images: [spec] });
    expect(found.map((f) => f.field)).toEqual(['images.0', 'images.0', 'images.0', 'images.0']);
    expect(found[0]!.message).toContain('600×600 像素');
    expect(found[1]!.message).toContain('16:9');
    expect(found[2]!.message).toContain('上限 1.0 MB');
    expect(found[3]!.message).toContain('只接受 JPEG');
  });

  it('consent: portrait consent for identifiable people, guardian consent for minors', () => {
    const rule = ruleOf('consent');
    expect(run(completeProposal(), rule)).toEqual([]);
    const p = completeProposal();
    p.images = [
      image({ consent: { identifiablePeople: true, portraitConsent: false, minors: false, guardianConsent: false } }),
      image({ consent: { identifiablePeople: true, portraitConsent: true, minors: true, guardianConsent: false } }),
    ];
    const found = run(p, rule);
    expect(found.map((f) => [f.field, f.message.includes('监护人')])).toEqual([
      ['images.0', false],
      ['images.1', true],
    ]);
  });

  it('creditCode: the organisation is named and its code passes GB 32100-2015', () => {
    const rule = ruleOf('creditCode', { role: 'fundraiser' });
    expect(run(completeProposal(), rule)).toEqual([]);
    const bad = completeProposal();
    bad.roles = { ...bad.roles, fundraiser: { name: '', creditCode: FUNDRAISER_CODE.slice(0, 17) + (FUNDRAISER_CODE[17] === '0' ? '1' : '0') } };
    const found = run(bad, rule);
    expect(found.map((f) => f.field)).toEqual(['fundraiser.name', 'fundraiser.creditCode']);
    expect(found[1]!.message).toContain('校验位不符');
    // An optional organisation's empty code is fine; a wrong one is not.
    const optional = ruleOf('creditCode', { role: 'initiator', requireName: false, requireCode: false });
    const noCode = completeProposal();
    noCode.roles = { ...noCode.roles, initiator: { name: '', creditCode: '' } };
    expect(run(noCode, optional)).toEqual([]);
    noCode.roles.initiator.creditCode = '1234';
    expect(run(noCode, optional)[0]!.message).toContain('应为 18 位');
  });

  it('filingNumber: present is an error when missing; a format mismatch is only a warning', () => {
    const rule = ruleOf('filingNumber', { formatSeverity: 'warning' });
    expect(run(completeProposal(), rule)).toEqual([]);
    const missing = completeProposal();
    missing.filing = { ...missing.filing, number: '' };
    expect(run(missing, rule)).toMatchObject([{ severity: 'error', field: 'filing.number' }]);

    const odd = completeProposal();
    odd.filing = { ...odd.filing, number: '渝民募备2026第12号' };
    expect(run(odd, rule)).toMatchObject([{ severity: 'warning' }]);

    const badCode = completeProposal();
    badCode.filing = { ...badCode.filing, number: '53330000501874065BA18023' };
    expect(run(badCode, rule)[0]!.message).toContain('校验位不符');

    const other = completeProposal();
    other.filing = { ...other.filing, number: '53330000501874064BA18023' };
    const [f] = run(other, rule);
    expect(f).toMatchObject({ severity: 'warning' });
    expect(f!.message).toContain('与公募支持方的统一社会信用代码');
    other.roles = { ...other.roles, fundraiser: { name: '某基金会', creditCode: '53330000501874064B' } };
    expect(run(other, rule)).toEqual([]);
  });

  it('an unknown rule kind is refused with a Chinese message', () => {
    expect(() => packOf([ruleOf('freeCode', { code: 'return true' })])).toThrow(/未知的规则类型/);
  });

  it('checks are pure: the same proposal gives the same findings, and the proposal is not changed', () => {
    const p = withSection('background', '家徒四壁【请填写：人数】');
    const before = JSON.stringify(p);
    const pack = packOf([ruleOf('phrases', { phrases: ['家徒四壁'] }), ruleOf('placeholders')]);
    const a = checkProposal(p, [pack]);
    const b = checkProposal(p, [pack]);
    expect(a).toEqual(b);
    expect(JSON.stringify(p)).toBe(before);
    expect(creditCode('91500000MA5U12345')).toHaveLength(18);
  });
});
