import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { focusAreaLabel } from '../../src/shared/domain/catalog';
import { packageJson } from '../../src/core/handbook/readPackage';
import { makeProposal } from './helpers/proposals';
import { revised, shippedHandbook, zipPackage } from './helpers/handbook';
import { coreUnderTest } from './helpers/core';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('handbook API', () => {
  it('gives the current handbook with its ten steps', async () => {
    const { call } = coreUnderTest();
    const hb = await call('handbook.get', {});
    expect(hb.version).toBe(shippedHandbook().version);
    expect(hb.steps.map((s) => s.title)).toHaveLength(10);
    expect(hb.source).toBe('files');
    expect(hb.warnings).toEqual([]);
  });

  it('shows the guide of the focused section with the template’s own prompts', async () => {
    const { call } = coreUnderTest();
    const about = await call('handbook.guide', { sectionId: 'aboutUs' });
    expect(about.step).toMatchObject({ id: 'capacity', order: 6 });
    expect(about.section).toEqual({ id: 'aboutUs', label: '关于我们' });
    // 关于我们 has a page of its own, not the 执行能力 page.
    expect(about.page).toEqual(shippedHandbook().steps[5]!.sectionPages.aboutUs);
    expect(about.area).toBeNull();

    const need = await call('handbook.guide', { sectionId: 'background', templateId: 'public-lights' });
    expect(need.step.id).toBe('need');
    expect(need.area!.templateName).toBe('公共服务 · 点亮乡村太阳能路灯');
    expect(need.area!.prompts.join()).toContain('无照明路段');

    const budget = await call('handbook.guide', { stepId: 'budget', focusArea: 'health' });
    expect(budget.section).toBeNull();
    expect(budget.area!.examples.join()).toContain('医疗费用救助');
    expect(budget.area!.pitfalls).toEqual([]);

    const res = await coreUnderTest().dispatch('handbook.guide', {});
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('lists templates for the 新建项目 picker, filtered by focus area', async () => {
    const { call } = coreUnderTest();
    const all = await call('handbook.templates', {});
    expect(all.items).toHaveLength(shippedHandbook().templates.length);
    const elderly = await call('handbook.templates', { focusArea: 'elderly' });
    expect(elderly.items.map((t) => t.name)).toEqual(expect.arrayContaining(['养老帮扶 · 老年食堂助餐', '养老帮扶 · 失能老人上门助浴']));
    expect(elderly.items.every((t) => t.focusAreaLabel === focusAreaLabel('elderly'))).toBe(true);
    const one = await call('handbook.template', { id: 'elderly-bath' });
    expect(one.template.budget.categories.map((c) => c.name)).toContain('助浴服务');
  });

  it('creates a proposal from a template in the library, recording the template version', async () => {
    const { call, lib } = coreUnderTest();
    const p = await call('handbook.createFromTemplate', { templateId: 'community-sunshine', title: '桂花社区阳光基金', district: '南岸区' });
    expect(p).toMatchObject({ title: '桂花社区阳光基金', district: '南岸区', focusArea: 'community', template: { id: 'community-sunshine', version: '1.0' } });
    expect(lib.proposals.get(p.id).template).toEqual({ id: 'community-sunshine', version: '1.0' });
    const untitled = await call('handbook.createFromTemplate', { templateId: 'community-sunshine' });
    expect(untitled.title).toContain('【请填写：');
    const missing = await coreUnderTest().dispatch('handbook.createFromTemplate', { templateId: 'no-such-template' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('assesses an unsaved proposal, with and without rule findings', async () => {
    const { call } = coreUnderTest();
    const p = makeProposal({ title: '测试', sections: { plan: '只写了一句话。' } });
    const plain = await call('handbook.assess', { proposal: p });
    expect(plain.usedFindings).toBe(false);
    expect(plain.steps).toHaveLength(10);
    const finding = {
      ruleId: 'tencent.plan.length',
      severity: 'error' as const,
      pack: 'tencent',
      field: 'sections.plan',
      range: null,
      message: '执行计划过短',
      fix: '补充执行计划',
      source: { kind: 'platform' as const, title: '腾讯公益', verified: false },
    };
    const withFindings = await call('handbook.assess', { proposal: { ...p, sections: { ...p.sections, plan: { doc: null, text: '一'.repeat(120) } } }, findings: [finding] });
    expect(withFindings.usedFindings).toBe(true);
    const plan = withFindings.steps.find((s) => s.id === 'plan')!;
    expect(plan.status).toBe('problem');
    expect(plan.findings).toEqual([expect.objectContaining({ ruleId: 'tencent.plan.length', penalty: 2 })]);
    expect(plan.reasons[0]).toBe('规则错误：执行计划过短');
  });

  it('imports a revised package through the API, all or nothing', async () => {
    const { call, dispatch } = coreUnderTest();
    const broken = await dispatch('handbook.import', { json: '{"format":"shance-handbook","formatVersion":1}' });
    expect(broken).toMatchObject({ ok: false, error: { code: 'FILE_INVALID' } });
    expect((await call('handbook.get', {})).version).toBe('1.0');

    const out = await call('handbook.import', { dataBase64: b64(zipPackage(revised('1.1'))) });
    expect(out).toMatchObject({ version: '1.1', imported: true });
    const viaJson = await call('handbook.import', { json: packageJson(revised('1.2')), dryRun: true });
    expect(viaJson).toMatchObject({ version: '1.2', previousVersion: '1.1', imported: false });
    expect((await call('handbook.get', {})).version).toBe('1.1');
    expect((await call('handbook.versions', {})).items.map((v) => [v.version, v.source, v.current])).toEqual([
      ['1.1', 'import', true],
      ['1.0', 'files', false],
    ]);
    const both = await dispatch('handbook.import', { json: '{}', dataBase64: '' });
    expect(both).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('exports the current handbook as a zip a trainer can edit and import again', async () => {
    const { call } = coreUnderTest();
    const out = await call('handbook.export', {});
    expect(out.fileName).toBe('善策手册-1.0.zip');
    const files = unzipSync(Buffer.from(out.dataBase64, 'base64'));
    expect(Object.keys(files)).toContain('handbook/steps/05-budget.json');
    const meta = JSON.parse(strFromU8(files['handbook/handbook.json']!)) as { version: string };
    expect(meta.version).toBe('1.0');
    // Re-importing the export unchanged is recognised as the same handbook.
    expect(await call('handbook.import', { dataBase64: out.dataBase64 })).toMatchObject({ unchanged: true });
  });
});
