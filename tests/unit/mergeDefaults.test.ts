import { describe, expect, it } from 'vitest';
import { composeBrand } from '../../src/core/merge/compose';
import { brandTitle } from '../../src/core/merge/brandDefaults';
import { mergeInputSchema } from '../../src/shared/api/methods/dedupe';
import type { Proposal } from '../../src/shared/domain/proposal';
import { makeProposal } from './helpers/proposals';

const org = (name: string) => ({ name, creditCode: '' });
function source(id: string, title: string, district: string, initiator: string, contactName: string, contactAddress: string): Proposal {
  const p = makeProposal({ id, title, district, roles: { initiator: org(initiator), executors: [], fundraiser: org('重庆市慈善总会') } });
  return { ...p, filing: { ...p.filing, contactName, contactAddress } };
}
const compose = (sources: Proposal[], extra: Record<string, unknown> = {}) =>
  composeBrand(sources, mergeInputSchema.parse({ sourceIds: sources.map((s) => s.id), ...extra }), 'brand', '2026-11-30T00:00:00.000Z');

describe('brand project defaults', () => {
  it('proposes a clean title: what the titles share, without 导入副本 or a district name', () => {
    const a = source('a', '渝北区独居老人助餐计划（导入副本）', '渝北区', '渝北区慈善会', '张敏', '渝北区龙溪街道');
    const b = source('b', '石柱县独居老人助餐计划', '石柱土家族自治县', '石柱县慈善会', '李华', '石柱县南宾街道');
    expect(compose([a, b]).brand.title).toBe('独居老人助餐计划');
    expect(brandTitle([source('c', '龙溪街道老年食堂（副本）', '渝北区', '', '', '')])).toBe('龙溪街道老年食堂');
    // Titles with little in common: the first one, cleaned.
    expect(brandTitle([a, source('d', '城口县乡村太阳能路灯', '城口县', '', '', '')])).toBe('独居老人助餐计划');
    // What the reviewer typed wins.
    expect(compose([a, b], { title: '山城银龄助餐行动' }).brand.title).toBe('山城银龄助餐行动');
  });

  it("takes the filing contact from the lead organisation, not from whichever source came first", () => {
    const a = source('a', '渝北区独居老人助餐计划', '渝北区', '渝北区慈善会', '张敏', '渝北区龙溪街道');
    const b = source('b', '石柱县独居老人助餐计划', '石柱土家族自治县', '重庆市慈善总会', '王芳', '渝中区中山四路');
    // The initiators differ, so the common fundraiser (重庆市慈善总会) leads; b is its own project.
    const { brand } = compose([a, b]);
    expect(brand.roles.initiator.name).toBe('重庆市慈善总会');
    expect(brand.filing.contactName).toBe('王芳');
    expect(brand.filing.contactAddress).toBe('渝中区中山四路');
  });

  it('leaves the contact empty, and says so, when no source belongs to the lead organisation', () => {
    const a = source('a', '渝北区独居老人助餐计划', '渝北区', '渝北区慈善会', '张敏', '渝北区龙溪街道');
    const b = source('b', '石柱县独居老人助餐计划', '石柱土家族自治县', '石柱县慈善会', '李华', '石柱县南宾街道');
    const { brand, warnings } = compose([a, b]);
    expect(brand.filing.contactName).toBe('');
    expect(warnings).toContain('请填写牵头单位「重庆市慈善总会」的活动负责人和办公地址（未沿用区县项目的负责人）');
    // When the districts share one initiator, it leads, with its own contact.
    const same = compose([a, { ...b, roles: { ...b.roles, initiator: org('渝北区慈善会') } }]).brand;
    expect(same.filing.contactName).toBe('张敏');
  });
});
