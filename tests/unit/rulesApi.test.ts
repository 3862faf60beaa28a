import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDispatch } from '../../src/core/api/dispatch';
import { createHandlers } from '../../src/core/api/handlers';
import type { MethodOutput } from '../../src/shared/api/contract';
import { textToDoc } from '../../src/shared/domain/richText';
import { completeProposal, PACKS_DIR, TEMPLATES_DIR } from './helpers/rules';
import { tmpLibrary } from './helpers/tmp';

function api() {
  const lib = tmpLibrary();
  const dispatch = createDispatch(createHandlers({ lib, templatesDir: TEMPLATES_DIR }), () => {});
  return {
    lib,
    dispatch,
    async call<M extends Parameters<typeof dispatch>[0]>(method: M, payload: unknown) {
      const r = await dispatch(method, payload);
      if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
      return r.value as never;
    },
  };
}

describe('rules.* API methods', () => {
  it('rules.packs lists every pack with its versions, legal first', async () => {
    const { call } = api();
    const { packs } = (await call('rules.packs', {})) as MethodOutput<'rules.packs'>;
    expect(packs).toHaveLength(14);
    expect(packs[0]).toMatchObject({ id: 'legal', name: '法律通用规则', activeVersion: '1.1.0', pinnedVersion: null, upcoming: null });
    expect(packs[0]!.versions).toEqual([expect.objectContaining({ version: '1.1.0', origin: 'shipped', active: true, pending: false, importedAt: null })]);
    const pack = (await call('rules.pack', { id: 'weibo' })) as MethodOutput<'rules.pack'>;
    expect(pack.fields.map((f) => f.label)).toContain('善款接收方');
  });

  it('rules.check checks an unsaved draft against legal and its platforms, with ranges in the editor text and counters', async () => {
    const { call } = api();
    const p = completeProposal({ platforms: ['tencent', 'douyin'] });
    // The editor sends the document; its text field may be stale. Ranges follow the document.
    p.sections = { ...p.sections, background: { doc: textToDoc('第一段。\n他们家徒四壁，生活悲惨。'), text: '旧的文字' } };
    p.title = '城口县乡村小学图书角建设项目暨志愿者培训计划第一期次'; // 26 characters, limit 25
    const out = (await call('rules.check', { proposal: p })) as MethodOutput<'rules.check'>;
    expect(out.results.map((r) => r.pack)).toEqual(['legal', 'tencent', 'douyin']);
    const douyin = out.results[2]!;
    const misery = douyin.findings.filter((f) => f.ruleId === 'douyin.misery');
    const text = '第一段。\n他们家徒四壁，生活悲惨。';
    expect(misery.map((f) => text.slice(f.range!.start, f.range!.end))).toEqual(['家徒四壁', '悲惨']);

    const tencent = out.results[1]!;
    expect(tencent.ok).toBe(false);
    expect(tencent.findings[0]).toMatchObject({ ruleId: 'fields.title.maxLength', field: 'title', range: { start: 25, end: 26 }, severity: 'error' });
    const title = out.counters.find((c) => c.pack === 'tencent' && c.fieldId === 'title')!;
    expect(title).toMatchObject({ current: 26, max: 25, state: 'over', mode: 'chars', verified: false, sources: ['title'] });
    expect(out.counters.find((c) => c.pack === 'tencent' && c.fieldId === 'summary')!.state).toBe('ok');
    // Only the target platforms are counted.
    expect(new Set(out.counters.map((c) => c.pack))).toEqual(new Set(['tencent', 'douyin']));

    // Fixing the title clears the error and the counter.
    const fixed = (await call('rules.check', { proposal: { ...p, title: '乡村小学图书角' } })) as MethodOutput<'rules.check'>;
    expect(fixed.results[1]!.findings.some((f) => f.ruleId === 'fields.title.maxLength')).toBe(false);
    expect(fixed.counters.find((c) => c.pack === 'tencent' && c.fieldId === 'title')!.state).toBe('ok');

    // Other platforms can be asked for.
    const other = (await call('rules.check', { proposal: p, platforms: ['jd'] })) as MethodOutput<'rules.check'>;
    expect(other.results.map((r) => r.pack)).toEqual(['legal', 'jd']);
  });

  it('rules.summaries gives per-platform counts for library proposals and follows edits and pack changes', async () => {
    const { call, lib } = api();
    const good = lib.proposals.insert(completeProposal({ platforms: ['tencent'] }));
    const bad = lib.proposals.insert(completeProposal({ platforms: ['tencent', 'alipay'], targetFen: 1 }));
    const out = (await call('rules.summaries', { ids: [good.id, bad.id, 'missing-id'] })) as MethodOutput<'rules.summaries'>;
    expect(out.items.map((i) => i.id)).toEqual([good.id, bad.id]);
    expect(out.items[0]!.packs.map((x) => [x.pack, x.ok, x.errors])).toEqual([
      ['legal', true, 0],
      ['tencent', true, 0],
    ]);
    expect(out.items[1]!.packs.map((x) => [x.pack, x.ok])).toEqual([
      ['legal', true],
      ['tencent', false],
      ['alipay', true],
    ]);

    // A saved edit changes the summary.
    lib.proposals.save({ ...good, title: '', updatedAt: new Date(Date.now() + 1000).toISOString() });
    const again = (await call('rules.summaries', { ids: [good.id] })) as MethodOutput<'rules.summaries'>;
    expect(again.items[0]!.packs[1]).toMatchObject({ pack: 'tencent', ok: false });

    // Importing a version without the budget rule makes the failing one pass.
    const raw = JSON.parse(readFileSync(join(PACKS_DIR, 'tencent.json'), 'utf8'));
    raw.version = '1.1';
    raw.changelog.push({ version: '1.1', date: '2027-01-01', summary: '取消预算合计检查' });
    raw.rules = raw.rules.filter((r: { id: string }) => r.id !== 'tencent.budget.sum');
    await call('rules.import', { json: JSON.stringify(raw) });
    const after = (await call('rules.summaries', { ids: [bad.id] })) as MethodOutput<'rules.summaries'>;
    expect(after.items[0]!.packs[1]).toMatchObject({ pack: 'tencent', ok: true });
  });

  it('rules.import, rules.diff and rules.pin', async () => {
    const { call, dispatch, lib } = api();
    lib.proposals.insert(completeProposal({ id: 'p1', title: '乡村小学图书角建设' }));
    const raw = JSON.parse(readFileSync(join(PACKS_DIR, 'tencent.json'), 'utf8'));
    raw.version = '1.1';
    raw.changelog.push({ version: '1.1', date: '2027-01-01', summary: '标题上限改为 8 字' });
    raw.fields[0].maxLength.limit = 8;
    const imported = (await call('rules.import', { json: JSON.stringify(raw) })) as MethodOutput<'rules.import'>;
    expect(imported.imported).toEqual([{ id: 'tencent', version: '1.1', status: 'added', active: true, effectiveDate: raw.effectiveDate }]);

    const report = (await call('rules.diff', { id: 'tencent', from: '1.0.0', to: '1.1' })) as MethodOutput<'rules.diff'>;
    expect(report.proposals).toEqual([expect.objectContaining({ id: 'p1', change: 'newlyFailing' })]);
    expect(report.diff.fields.changed[0]!.id).toBe('title');

    const pinned = (await call('rules.pin', { id: 'tencent', version: '1.0.0' })) as MethodOutput<'rules.pin'>;
    expect(pinned).toMatchObject({ activeVersion: '1.0.0', pinnedVersion: '1.0.0' });

    const bad = await dispatch('rules.import', { json: '{"format":"shance-rule-pack"}' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('FILE_INVALID');
      expect(bad.error.message).toMatch(/^规则包未导入：规则包「导入的规则包」格式有误/);
      expect(bad.error.details!.length).toBeGreaterThan(1);
    }
    const unknown = await dispatch('rules.diff', { id: 'tencent', from: '1.0.0', to: '9.9' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const notAPack = await dispatch('rules.pack', { id: 'taobao' });
    expect(notAPack).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
