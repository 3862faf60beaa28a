import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { Library } from '../../src/core/library/library';
import { workshopPathFor } from '../../src/core/handbook/workshop';
import { textToDoc } from '../../src/shared/domain/richText';
import { makeProposal } from './helpers/proposals';
import { shippedHandbook } from './helpers/handbook';
import { coreUnderTest } from './helpers/core';

describe('培训模式 (workshop)', () => {
  it('lists every sample, strong and flawed, marked as samples', async () => {
    const { call } = coreUnderTest();
    const { items } = await call('workshop.samples', {});
    expect(items).toHaveLength(shippedHandbook().samples.length);
    expect(items.every((s) => !s.opened)).toBe(true);
    const children = await call('workshop.samples', { focusArea: 'children' });
    expect(children.items.map((s) => s.kind).sort()).toEqual(['flawed', 'strong']);
  });

  it('keeps samples in a separate workshop library: never in the real list, search or bundle export', async () => {
    const { call, dispatch, lib } = coreUnderTest();
    const opened = await call('workshop.open', { sampleId: 'elderly-alone-flawed' });
    expect(opened.proposal.id).toBe('sample-elderly-alone-flawed');
    expect(opened.proposal.title.startsWith('【培训样例】')).toBe(true);
    expect(opened.sample.opened).toBe(true);

    const wsPath = workshopPathFor(lib.path);
    expect(wsPath).toBe(join(dirname(lib.path), 'library.workshop.db'));
    expect(existsSync(wsPath)).toBe(true);
    const ws = Library.open(wsPath);
    try {
      expect(ws.proposals.get('sample-elderly-alone-flawed').title).toBe(opened.proposal.title);
      // The stand-in pictures are real images stored in the workshop library.
      for (const img of opened.proposal.images) expect(ws.images.has(img.sha256)).toBe(true);
    } finally {
      ws.close();
    }

    // The UI shows workshop pictures through workshop.image; the real library does not have them.
    const picture = await call('workshop.image', { sha256: opened.proposal.images[0]!.sha256 });
    expect(picture.mime).toBe('image/jpeg');
    expect(Buffer.from(picture.dataBase64, 'base64').subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(await dispatch('image.get', { sha256: opened.proposal.images[0]!.sha256 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    expect(lib.proposals.count()).toBe(0);
    expect((await call('proposal.list', { query: '暖心送餐' })).total).toBe(0);
    expect(await dispatch('bundle.export', { ids: null })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await dispatch('proposal.get', { id: 'sample-elderly-alone-flawed' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const real = await call('handbook.createFromTemplate', { templateId: 'elderly-alone', title: '真实项目' });
    const bundle = await call('bundle.export', { ids: null });
    const manifest = JSON.parse(strFromU8(unzipSync(Buffer.from(bundle.dataBase64, 'base64'))['manifest.json']!)) as { proposals: { id: string }[] };
    expect(manifest.proposals.map((p) => p.id)).toEqual([real.id]);
  });

  it('refuses to mix the two: no real proposal into the workshop, no sample into the library', async () => {
    const { call, dispatch, lib } = coreUnderTest();
    const { proposal } = await call('workshop.open', { sampleId: 'industry-flawed' });
    const intruder = await dispatch('workshop.save', { proposal: makeProposal({ title: '真实项目' }) });
    expect(intruder).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const leak = await dispatch('proposal.save', { proposal });
    expect(leak).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(lib.proposals.count()).toBe(0);
    const unopened = await dispatch('workshop.save', { proposal: { ...proposal, id: 'sample-health-flawed' } });
    expect(unopened).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('shows a planted problem as fixed and the score rising once the trainee fixes it, and resets the exercise', async () => {
    const { call } = coreUnderTest();
    const { proposal, status } = await call('workshop.open', { sampleId: 'elderly-alone-flawed' });
    expect(status).toMatchObject({ kind: 'flawed', fixed: 0, total: 4 });
    expect(status.problems.map((p) => p.whereLabel)).toEqual(['项目背景与需求', '执行计划节点', '项目预算', '信息披露与反馈计划']);

    // The trainee writes a feedback plan in the editor; the unsaved draft is checked as it is.
    const text = '1. 每月 5 日前在腾讯公益项目进展中公开：上月送餐份数、探访次数、支出明细和票据照片；\n2. 2028 年 4 月 30 日前公开结项报告，含资金使用明细和回访结果。';
    const draft = { ...proposal, sections: { ...proposal.sections, disclosure: { doc: textToDoc(text), text } }, updatedAt: new Date(Date.now() + 1000).toISOString() };
    const live = await call('workshop.status', { sampleId: 'elderly-alone-flawed', proposal: draft });
    expect(live.problems.find((p) => p.id === 'no-feedback')!.fixed).toBe(true);
    expect(live.fixed).toBe(1);
    expect(live.assessment.score).toBeGreaterThan(status.assessment.score);

    const saved = await call('workshop.save', { proposal: draft });
    expect(saved.stale).toBe(false);
    expect(saved.status.fixed).toBe(1);
    expect((await call('workshop.status', { sampleId: 'elderly-alone-flawed' })).fixed).toBe(1);
    expect((await call('workshop.open', { sampleId: 'elderly-alone-flawed' })).proposal.sections.disclosure.text).toBe(text);

    const reset = await call('workshop.reset', { sampleId: 'elderly-alone-flawed' });
    expect(reset.status.fixed).toBe(0);
    expect(reset.proposal.sections.disclosure.text).toBe(proposal.sections.disclosure.text);
    expect(reset.status.assessment.score).toBe(status.assessment.score);
    expect((await call('workshop.status', { sampleId: 'elderly-alone-flawed' })).fixed).toBe(0);
  });

  it('gives the trainer a problem’s reference fix', async () => {
    const { call, dispatch } = coreUnderTest();
    await call('workshop.setPin', { pin: '2468', current: null });
    const sol = await call('workshop.solution', { sampleId: 'industry-flawed', problemId: 'wrong-amount', pin: '2468' });
    expect(sol.changes).toEqual([
      { path: 'proposal.budget.lines.1.amountFen', value: 6000000 },
      { path: 'proposal.targetFen', value: 16600000 },
    ]);
    expect(await dispatch('workshop.solution', { sampleId: 'industry-flawed', problemId: 'nope', pin: '2468' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await dispatch('workshop.open', { sampleId: 'no-such-sample' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
