import { describe, expect, it } from 'vitest';
import { assessProposal } from '../../src/core/handbook/assess';
import type { Finding } from '../../src/shared/rules/finding';
import { shippedHandbook } from './helpers/handbook';
import { makeProposal } from './helpers/proposals';

const hb = shippedHandbook();
const finding = (pack: string, rule: string, field: string, severity: Finding['severity'], message: string, start = 0): Finding => ({
  ruleId: `${pack}.${rule}`,
  severity,
  pack,
  field,
  range: field.startsWith('sections.') ? { start, end: start + 4 } : null,
  message,
  fix: '',
  source: { kind: 'platform', title: '测试', verified: true },
});

describe('a problem is scored once, however many platforms report it', () => {
  const p = makeProposal({ title: '青山镇独居老人暖心送餐计划', summary: '为 120 名高龄独居老人每周送餐 5 次', sections: { plan: '第一阶段【请填写：时间】，第二阶段【请填写：时间】，第三阶段【请填写：时间】。' } });
  const base = assessProposal(p, hb);

  it('one small picture, warned about by five platforms: one line naming them, one point', () => {
    const small = ['tencent', 'alipay', 'weibo', 'jd', 'douyin'].map((pack) => finding(pack, 'images.size', 'images.0', 'warning', '图片尺寸偏小，上线后可能模糊'));
    const a = assessProposal(p, hb, small);
    const images = a.steps.find((s) => s.id === 'images')!;
    expect(images.findings).toHaveLength(1);
    expect(images.findings[0]!.packs).toEqual(['tencent', 'alipay', 'weibo', 'jd', 'douyin']);
    expect(images.reasons.filter((r) => r.includes('图片尺寸偏小'))).toEqual(['规则警告：图片尺寸偏小，上线后可能模糊（腾讯公益、支付宝公益、新浪微公益、京东公益、字节跳动公益（抖音））']);
    expect(base.score - a.score).toBe(Math.min(1, base.steps.find((s) => s.id === 'images')!.earned));
  });

  it('three placeholders left in one section are one problem, not three', () => {
    const left = [0, 12, 24].map((at) => finding('legal', 'placeholders', 'sections.plan', 'error', '还有模板占位符没有填写', at));
    const one = assessProposal(p, hb, left.slice(0, 1));
    const three = assessProposal(p, hb, left);
    expect(three.score).toBe(one.score);
    expect(three.steps.find((s) => s.id === 'plan')!.findings).toHaveLength(1);
  });

  it('the same rule on two different parts is two problems; the worst severity counts', () => {
    const a = assessProposal(p, hb, [finding('legal', 'consent', 'images.0', 'warning', '缺少肖像授权'), finding('alipay', 'consent', 'images.0', 'error', '缺少肖像授权'), finding('legal', 'consent', 'images.1', 'error', '缺少肖像授权')]);
    const found = a.steps.find((s) => s.id === 'images')!.findings;
    expect(found.map((f) => [f.severity, f.packs])).toEqual([
      ['error', ['legal', 'alipay']],
      ['error', ['legal']],
    ]);
  });
});

describe('a short section is described in the counter\'s terms too', () => {
  it('names every character (as the counter counts) and the own characters the check counts', () => {
    // 13 characters as the counter counts them (punctuation included); 11 without punctuation.
    const a = assessProposal(makeProposal({ sections: { background: '老人很多，。需求迫切吃饭难' } }), hb);
    const note = a.steps.flatMap((s) => s.checks).find((c) => c.id === 'need.text')!.note;
    expect(note).toBe('「项目背景与需求」正文 13 字（与字数计数器一样，含标点、空格和占位符），其中自己写的只有 11 字，偏短（建议自己写的至少 150 字，不计标点和空格）');
  });
});
