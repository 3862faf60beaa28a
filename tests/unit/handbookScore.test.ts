import { describe, expect, it } from 'vitest';
import { assessProposal } from '../../src/core/handbook/assess';
import { sampleImageRef, sampleToProposal } from '../../src/core/handbook/samples';
import { quantities } from '../../src/core/handbook/textMeasures';
import type { Assessment } from '../../src/shared/handbook/assessment';
import type { CheckId } from '../../src/shared/handbook/checks';
import type { Finding } from '../../src/shared/rules/finding';
import { makeProposal } from './helpers/proposals';
import { shippedHandbook } from './helpers/handbook';

const hb = shippedHandbook();
const check = (a: Assessment, id: CheckId) => a.steps.flatMap((s) => s.checks).find((c) => c.id === id)!;
const step = (a: Assessment, id: string) => a.steps.find((s) => s.id === id)!;

const line = (item: string, unit: number, qty: number, amount: number, note = '按询价') => ({
  id: `l-${item}`,
  item,
  category: '类别',
  unitPriceFen: unit,
  quantity: qty,
  amountFen: amount,
  note,
  origin: null,
});

describe('quality checks', () => {
  it('counts quantities with units, not dates', () => {
    expect(quantities('2026 年 9 月统计，全镇 3,120 人，独居 412 人，占 13.2%，距镇上 11 公里。')).toEqual(['3,120 人', '412 人', '13.2%', '11 公里']);
    expect(quantities('2027年3月5日启动，2027-04-01 反馈')).toEqual([]);
    // Numbers inside a placeholder are the template's, not the user's.
    expect(quantities('共【请填写：人数，如 120 名】老人')).toEqual([]);
  });

  it('explains a budget that does not add up to the target, with the amounts', () => {
    const p = makeProposal({ targetFen: 20_000_000, budget: { lines: [line('餐费补贴', 600, 28_800, 17_280_000), line('设备', 280_000, 2, 560_000)], managementFeePercent: null, minimumExecutableFen: null, fallbackPlan: '' } });
    const a = assessProposal(p, hb);
    const total = check(a, 'budget.total');
    expect(total.state).toBe('wrong');
    expect(total.note).toBe('预算明细合计 178,400 元，筹款目标 200,000 元，相差 21,600 元');
    expect(step(a, 'budget').status).toBe('problem');
    const fixed = assessProposal({ ...p, targetFen: 17_840_000 }, hb);
    expect(check(fixed, 'budget.total').state).toBe('pass');
    expect(fixed.score).toBeGreaterThan(a.score);
  });

  it('catches a line whose amount is not unit price × quantity', () => {
    const p = makeProposal({ budget: { lines: [line('蜂箱', 30_000, 200, 5_000_000)], managementFeePercent: null, minimumExecutableFen: null, fallbackPlan: '' } });
    expect(check(assessProposal(p, hb), 'budget.math')).toMatchObject({ state: 'wrong', earned: 0 });
  });

  it('wants dated milestones inside the project period', () => {
    const base = { projectPeriod: { start: '2027-03-01', end: '2027-12-31' } };
    const undated = makeProposal({ ...base, milestones: [{ id: 'm1', date: null, title: '启动', detail: '' }] });
    expect(check(assessProposal(undated, hb), 'plan.dated').state).toBe('missing');
    const outside = makeProposal({
      ...base,
      milestones: [
        { id: 'm1', date: '2027-03-10', title: '启动', detail: '' },
        { id: 'm2', date: '2028-02-01', title: '结项', detail: '' },
      ],
    });
    const r = check(assessProposal(outside, hb), 'plan.inPeriod');
    expect(r.state).toBe('wrong');
    expect(r.note).toContain('结项 2028-02-01');
  });

  it('treats a child’s photo without guardian consent as a problem', () => {
    const image = {
      id: 'i1',
      sha256: 'c'.repeat(64),
      fileName: 'a.jpg',
      mime: 'image/jpeg' as const,
      width: 800,
      height: 600,
      bytes: 1000,
      caption: '孩子们',
      source: '',
      isCover: true,
      focalPoint: { x: 0.5, y: 0.5 },
      consent: { identifiablePeople: true, portraitConsent: true, minors: true, guardianConsent: false },
    };
    const a = assessProposal(makeProposal({ images: [image] }), hb);
    expect(check(a, 'images.consent')).toMatchObject({ state: 'wrong', note: '1 张有未成年人的图片没有监护人授权' });
    expect(step(a, 'images').status).toBe('problem');
  });

  it('holds a long project to the legal minimum of quarterly disclosure', () => {
    const long = { projectPeriod: { start: '2027-01-01', end: '2027-12-31' } };
    const rare = assessProposal(makeProposal({ ...long, sections: { disclosure: '每半年在平台公开一次支出明细和照片，项目结束后公开结项报告。' } }), hb);
    expect(check(rare, 'disclosure.frequency')).toMatchObject({ state: 'wrong' });
    expect(check(rare, 'disclosure.frequency').advice).toContain('至少每 3 个月');
    const monthly = assessProposal(makeProposal({ ...long, sections: { disclosure: '每月在平台公开一次支出明细和照片，项目结束后公开结项报告。' } }), hb);
    expect(check(monthly, 'disclosure.frequency').state).toBe('pass');
  });

  it('does not give points for a template’s labels until its placeholders are replaced', () => {
    const p = makeProposal({ sections: { risks: '1. 风险：食品安全。应对：【请填写：如食材验收、留样】\n2. 风险：人数变化。应对：【请填写：办法】' } });
    expect(check(assessProposal(p, hb), 'risks.responses')).toMatchObject({ state: 'missing', earned: 0 });
  });

  it('never shows full points or a top grade for unfinished or contradictory work', () => {
    // 149 of the 150 characters the background needs: almost there, but not full points.
    const p = makeProposal({ sections: { background: '一'.repeat(149) } });
    const c = check(assessProposal(p, hb), 'need.text');
    expect(c.state).toBe('missing');
    expect(c.earned).toBeLessThan(c.points);

    // A strong sample with one photo lacking consent still scores high, but is graded 待完善.
    const s = hb.samples.find((x) => x.id === 'elderly-meals-strong')!;
    const refs = s.images.map((img, i) => sampleImageRef(img, i, { sha256: 'd'.repeat(64), width: 1200, height: 900, bytes: 1 }));
    const strong = sampleToProposal(s, hb.version, refs, '2027-01-01T00:00:00.000Z');
    expect(assessProposal(strong, hb).grade).toBe('优秀');
    strong.images[1]!.consent = { identifiablePeople: true, portraitConsent: false, minors: false, guardianConsent: false };
    const flawed = assessProposal(strong, hb);
    expect(flawed.score).toBeGreaterThanOrEqual(85);
    expect(flawed.grade).toBe('待完善');
  });

  it('explains itself: what earned points, what to do next, step by step', () => {
    const a = assessProposal(makeProposal({ title: '青山镇独居老人暖心送餐计划' }), hb);
    expect(a.max).toBe(100);
    expect(a.steps).toHaveLength(10);
    expect(a.steps.reduce((s, st) => s + st.earned, 0)).toBe(a.score);
    expect(step(a, 'need').earnedFor).toContainEqual(expect.stringContaining('项目名称具体（+2）'));
    expect(a.next).toHaveLength(3);
    expect(a.next[0]!.advice.length).toBeGreaterThan(5);
    expect(a.headline).toMatch(/^得分 \d+\/100（起步），0\/10 步已完成。最该先改：第 \d+ 步/);
    expect(a.usedFindings).toBe(false);
  });

  it('takes rule findings as an optional input: listed under their step, costing points', () => {
    const p = makeProposal({ title: '青山镇独居老人暖心送餐计划', summary: '为 120 名高龄独居老人每周送餐 5 次' });
    const base = assessProposal(p, hb);
    const finding = (field: string | null, severity: Finding['severity']): Finding => ({
      ruleId: `r.${severity}`,
      severity,
      pack: 'legal',
      field,
      range: null,
      message: `${severity} 信息`,
      fix: '',
      source: { kind: 'law', title: '慈善法', verified: true },
    });
    const a = assessProposal(p, hb, [finding('title', 'error'), finding('summary', 'warning'), finding('title', 'info'), finding(null, 'error')]);
    expect(a.usedFindings).toBe(true);
    expect(step(a, 'need').status).toBe('problem');
    expect(step(a, 'need').findings.map((f) => f.penalty)).toEqual([2, 1, 0]);
    expect(a.score).toBe(base.score - 3);
    expect(a.generalFindings).toEqual([expect.objectContaining({ message: 'error 信息', penalty: 0 })]);
    expect(assessProposal(p, hb, []).score).toBe(base.score);
  });

  it('uses the weights the handbook data gives', () => {
    const p = makeProposal({ title: '青山镇独居老人暖心送餐计划' });
    const reweighted = assessProposal(p, { ...hb, scoring: { weights: { 'need.title': 10 } } });
    expect(check(reweighted, 'need.title')).toMatchObject({ points: 10, earned: 10 });
    expect(reweighted.max).toBe(108);
  });
});
