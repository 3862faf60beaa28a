import { describe, expect, it } from 'vitest';
import { mergeInputSchema, type MergeInput } from '../../src/shared/api/methods/dedupe';
import type { Proposal } from '../../src/shared/domain/proposal';
import { MergeService } from '../../src/core/merge/mergeService';
import { CITY_FEDERATION } from '../../src/core/merge/compose';
import { createDispatch } from '../../src/core/api/dispatch';
import { createHandlers } from '../../src/core/api/handlers';
import type { Library } from '../../src/core/library/library';
import { makeProposal } from './helpers/proposals';
import { tmpDir, tmpLibrary } from './helpers/tmp';
import { cjkText } from './helpers/dedupeText';

const org = (name: string) => ({ name, creditCode: '' });

function source(id: string, district: string, seed: number): Proposal {
  return makeProposal({
    id,
    title: `${district}老年食堂`,
    district,
    focusArea: 'elderly',
    roles: { initiator: org(`${district}慈善会`), executors: [], fundraiser: org('重庆市慈善总会') },
    targetFen: 100_000 * seed,
    beneficiaries: [
      { id: 'b1', type: '独居老人', count: 100 * seed, region: `${district}某镇` },
      { id: 'b2', type: '失能老人', count: null, region: '' },
    ],
    budget: {
      lines: [
        { id: 'l1', item: '餐费补贴', category: '', unitPriceFen: 1000, quantity: 10 * seed, amountFen: 10_000 * seed, note: '', origin: null },
        { id: 'l2', item: '送餐车辆油费', category: '', unitPriceFen: 0, quantity: 0, amountFen: 5_000, note: '', origin: null },
      ],
      managementFeePercent: 3,
      minimumExecutableFen: 50_000,
      fallbackPlan: `${district}缩小范围执行`,
    },
    milestones: [{ id: 'm1', date: `2024-0${seed}-01`, title: '启动', detail: '' }],
    sections: { background: cjkText(seed, 600), plan: cjkText(seed + 100, 600), aboutUs: `${district}慈善会简介` },
  });
}

function setup(): { lib: Library; merges: MergeService; a: Proposal; b: Proposal } {
  const lib = tmpLibrary();
  const a = lib.proposals.insert(source('a', '城口县', 1));
  const b = lib.proposals.insert(source('b', '巫溪县', 2));
  return { lib, merges: new MergeService(lib), a, b };
}

const input = (extra: Partial<MergeInput> = {}) => mergeInputSchema.parse({ sourceIds: ['a', 'b'], ...extra });

describe('merging proposals into a brand project', () => {
  it('pools every budget line with the district it came from', () => {
    const { merges, a, b } = setup();
    const { brand } = merges.commit(input());
    expect(brand.budget.lines).toHaveLength(a.budget.lines.length + b.budget.lines.length);
    const expected = [a, b].flatMap((p) => p.budget.lines.map((l) => ({ item: l.item, amountFen: l.amountFen, origin: { proposalId: p.id, district: p.district } })));
    expect(brand.budget.lines.map((l) => ({ item: l.item, amountFen: l.amountFen, origin: l.origin }))).toEqual(expected);
    expect(new Set(brand.budget.lines.map((l) => l.id)).size).toBe(4);
  });

  it('adds beneficiary counts, makes each district a co-executor beside one fundraising body', () => {
    const { merges } = setup();
    const { brand } = merges.commit(input({ fundraiser: org('重庆市慈善总会') }));
    expect(brand.beneficiaries.map((b) => ({ type: b.type, count: b.count, region: b.region }))).toEqual([
      { type: '独居老人', count: 300, region: '城口县某镇、巫溪县某镇' },
      { type: '失能老人', count: null, region: '城口县、巫溪县' },
    ]);
    expect(brand.roles.executors).toEqual([
      { name: '城口县慈善会', creditCode: '', district: '城口县' },
      { name: '巫溪县慈善会', creditCode: '', district: '巫溪县' },
    ]);
    expect(brand.roles.fundraiser.name).toBe('重庆市慈善总会');
    expect(brand.targetFen).toBe(300_000);
    expect(brand.district).toBe(CITY_FEDERATION);
    expect(brand.milestones.map((m) => m.title)).toEqual(['城口县：启动', '巫溪县：启动']);
    expect(brand.brandSources).toEqual([
      { id: 'a', title: '城口县老年食堂', district: '城口县' },
      { id: 'b', title: '巫溪县老年食堂', district: '巫溪县' },
    ]);
  });

  it('takes each section from the source the reviewer chose, or the text they wrote', () => {
    const { merges, b } = setup();
    expect(() => merges.preview(input({ sections: { plan: { from: 'zzz' } } }))).toThrow('不在本次合并的项目中');
    const { brand } = merges.commit(input({ sections: { background: { from: 'b' }, plan: { text: '两区县共同实施。\n统一采购。' } } }));
    expect(brand.sections.background.text).toBe(b.sections.background.text);
    expect(brand.sections.plan.text).toBe('两区县共同实施。\n统一采购。');
    expect(brand.sections.plan.doc?.root.children).toHaveLength(2);
    // Not chosen: the first source's.
    expect(brand.sections.aboutUs.text).toBe('城口县慈善会简介');
  });

  it('marks the sources 已合并, linking to the brand project, and keeps them readable', () => {
    const { lib, merges } = setup();
    const { brand, sources } = merges.commit(input());
    expect(sources).toEqual(['a', 'b']);
    for (const id of ['a', 'b']) {
      const p = lib.proposals.get(id);
      expect(p.status).toBe('merged');
      expect(p.mergedInto).toBe(brand.id);
    }
    expect(lib.proposals.get(brand.id).brandSources.map((s) => s.id)).toEqual(['a', 'b']);
    // Merged sources leave the duplicate check; the brand project takes their place.
    expect(lib.dedupe.similar(source('x', '奉节县', 1), 10, 0.25).items.map((i) => i.id)).toEqual([brand.id]);
  });

  it('previews without writing anything', () => {
    const { lib, merges } = setup();
    const before = lib.proposals.count();
    const { brand, warnings } = merges.preview(input());
    expect(brand.budget.lines).toHaveLength(4);
    expect(warnings).toEqual([]);
    expect(lib.proposals.count()).toBe(before);
    expect(lib.proposals.get('a').status).toBe('draft');
  });

  it('refuses a source already merged, and then writes nothing', () => {
    const { lib, merges } = setup();
    merges.commit(input());
    lib.proposals.insert(source('c', '奉节县', 3));
    const count = lib.proposals.count();
    expect(() => merges.commit(input({ sourceIds: ['c', 'a'] }))).toThrow('已合并到其他品牌项目');
    expect(lib.proposals.count()).toBe(count);
    expect(lib.proposals.get('c').status).toBe('draft');
  });
});

describe('undoing a merge', () => {
  it('restores the sources exactly and removes the brand project', () => {
    const { lib, merges, a, b } = setup();
    const { brand } = merges.commit(input());
    expect(merges.status(brand.id)).toMatchObject({ canUndo: true, reason: null, sources: [{ id: 'a' }, { id: 'b' }] });
    expect(merges.undo(brand.id)).toEqual({ brandId: brand.id, restored: ['a', 'b'] });
    expect(lib.proposals.get('a')).toEqual(a);
    expect(lib.proposals.get('b')).toEqual(b);
    expect(lib.proposals.find(brand.id)?.deletedAt).not.toBeNull();
    expect(() => merges.status(brand.id)).toThrow('没有这个品牌项目的合并记录');
    // The sources are back in the duplicate check.
    expect(lib.dedupe.similar(source('x', '奉节县', 1), 10, 0.25).items.map((i) => i.id)).toEqual(['a']);
  });

  it('survives a save that changes nothing, but not an edit', () => {
    const { lib, merges } = setup();
    const { brand } = merges.commit(input());
    const later = (ms: number) => new Date(Date.now() + ms).toISOString();
    lib.proposals.save({ ...brand, updatedAt: later(1000) });
    expect(merges.status(brand.id).canUndo).toBe(true);

    lib.proposals.save({ ...brand, title: '山区老年食堂品牌项目', updatedAt: later(2000) });
    const status = merges.status(brand.id);
    expect(status.canUndo).toBe(false);
    expect(status.reason).toContain('已被修改');
    expect(() => merges.undo(brand.id)).toThrow('已被修改');
    expect(lib.proposals.get('a').status).toBe('merged');
  });

  it('is refused when a source was edited after the merge', () => {
    const { lib, merges } = setup();
    const { brand } = merges.commit(input());
    const a = lib.proposals.get('a');
    lib.proposals.save({ ...a, summary: '补充说明', updatedAt: new Date(Date.now() + 1000).toISOString() });
    expect(merges.status(brand.id)).toMatchObject({ canUndo: false });
    expect(() => merges.undo(brand.id)).toThrow('来源项目「城口县老年食堂」在合并后已被修改');
  });
});

describe('merge through the API', () => {
  it('previews, commits, reports and undoes', async () => {
    const { lib } = setup();
    const dispatch = createDispatch(createHandlers({ lib, templatesDir: tmpDir() }));
    const preview = await dispatch('merge.preview', { sourceIds: ['a', 'b'], title: '山区老年食堂' });
    expect(preview).toMatchObject({ ok: true, value: { brand: { title: '山区老年食堂', roles: { executors: [{ district: '城口县' }, { district: '巫溪县' }] } } } });
    const commit = await dispatch('merge.commit', { sourceIds: ['a', 'b'], title: '山区老年食堂' });
    if (!commit.ok) throw new Error(commit.error.message);
    const brandId = (commit.value as { brand: Proposal }).brand.id;
    expect(await dispatch('merge.status', { brandId })).toMatchObject({ ok: true, value: { canUndo: true } });
    expect(await dispatch('merge.undo', { brandId })).toMatchObject({ ok: true, value: { restored: ['a', 'b'] } });
    expect(await dispatch('merge.commit', { sourceIds: ['a'] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
