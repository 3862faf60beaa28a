import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProposal } from './helpers/proposals';
import { editJson, revised, zipPackage } from './helpers/handbook';
import { coreUnderTest } from './helpers/core';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** Version 1.1: one change to the general budget page, one to the 助餐 template, one to another template. */
const v11 = revised('1.1', (pkg) => {
  pkg.steps.find((s) => s.id === 'budget')!.page.mistakes.push('把配捐当成确定的收入写进预算。');
  const meals = pkg.templates.find((t) => t.id === 'elderly-meals')!;
  meals.budget.tips[0] = '补贴总餐数 = 人数 × 每周天数 × 周数；节假日停餐的要扣除。';
  pkg.templates.find((t) => t.id === 'industry-agri')!.budget.tips.push('只与助农产业有关的改动。');
});

describe('change notice after a handbook update', () => {
  it('keeps the template version a proposal started from, and lists what changed for it', async () => {
    const { call, lib } = coreUnderTest();
    const p = await call('handbook.createFromTemplate', { templateId: 'elderly-meals', title: '青山镇助餐' });
    expect((await call('handbook.changes', { proposal: p })).changed).toBe(false);

    await call('handbook.import', { dataBase64: b64(zipPackage(v11)) });
    const stored = lib.proposals.get(p.id);
    expect(stored.template).toEqual({ id: 'elderly-meals', version: '1.0' });

    const notice = await call('handbook.changes', { proposal: stored });
    expect(notice).toMatchObject({ changed: true, from: { version: '1.0', known: true, basis: 'template' }, to: { version: '1.1' } });
    expect(notice.changelog.map((c) => c.version)).toEqual(['1.1']);
    expect(notice.steps.map((s) => s.step)).toEqual(['budget']);
    const items = notice.steps[0]!.items;
    expect(items).toContainEqual({ scope: 'handbook', part: '常见错误', kind: 'added', before: null, after: '把配捐当成确定的收入写进预算。' });
    expect(items).toContainEqual(
      expect.objectContaining({ scope: 'template', part: '预算提示', kind: 'changed', after: '补贴总餐数 = 人数 × 每周天数 × 周数；节假日停餐的要扣除。' }),
    );
    // The change to another area's template does not concern this proposal.
    expect(JSON.stringify(notice)).not.toContain('只与助农产业有关的改动');
  });

  it('forgets changes the user has acknowledged, and notices the next ones', async () => {
    const { call } = coreUnderTest();
    const p = await call('handbook.createFromTemplate', { templateId: 'elderly-meals' });
    await call('handbook.import', { dataBase64: b64(zipPackage(v11)) });
    expect(await call('handbook.acknowledge', { proposalId: p.id })).toEqual({ proposalId: p.id, version: '1.1' });
    const after = await call('handbook.changes', { proposal: p });
    expect(after).toMatchObject({ changed: false, from: { version: '1.1', basis: 'acknowledged' }, steps: [] });

    const v12 = structuredClone(v11);
    v12.version = '1.2';
    v12.changelog.unshift({ version: '1.2', date: '2027-05-01', summary: '风险页补充' });
    v12.steps.find((s) => s.id === 'risks')!.page.tips.push('每个风险写明负责人。');
    await call('handbook.import', { dataBase64: b64(zipPackage(v12)) });
    const next = await call('handbook.changes', { proposal: p });
    expect(next.changed).toBe(true);
    expect(next.steps.map((s) => s.step)).toEqual(['risks']);
    expect(next.changelog.map((c) => c.version)).toEqual(['1.2']);
  });

  it('sees changes a trainer made by editing the files', async () => {
    const { call, templatesDir } = coreUnderTest();
    const p = await call('handbook.createFromTemplate', { templateId: 'children-care' });
    editJson(join(templatesDir, 'handbook/steps/09-images.json'), (d) => {
      (d.page as { mistakes: string[] }).mistakes.push('用 AI 生成的“受益人”图片冒充现场照片。');
    });
    editJson(join(templatesDir, 'handbook/handbook.json'), (d) => {
      d.version = '1.0.1';
      (d.changelog as unknown[]).unshift({ version: '1.0.1', date: '2027-02-01', summary: '图片页补充 AI 图片' });
    });
    const notice = await call('handbook.changes', { proposal: p });
    expect(notice).toMatchObject({ changed: true, from: { version: '1.0' }, to: { version: '1.0.1' } });
    expect(notice.steps).toEqual([
      expect.objectContaining({ step: 'images', items: [expect.objectContaining({ kind: 'added', after: '用 AI 生成的“受益人”图片冒充现场照片。' })] }),
    ]);
  });

  it('says so when a proposal has no recorded version, or one this machine never saw', async () => {
    const { call } = coreUnderTest();
    const plain = await call('handbook.changes', { proposal: makeProposal() });
    expect(plain).toMatchObject({ from: null, changed: false });
    expect(plain.message).toContain('没有记录所依据的手册版本');

    await call('handbook.import', { dataBase64: b64(zipPackage(v11)) });
    const foreign = makeProposal({ template: { id: 'elderly-meals', version: '0.9' } });
    const notice = await call('handbook.changes', { proposal: foreign });
    expect(notice).toMatchObject({ changed: true, from: { version: '0.9', known: false }, steps: [] });
    expect(notice.changelog.map((c) => c.version)).toEqual(['1.1', '1.0']);
  });
});
