import { describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../src/shared/api/contract';
import { createDispatch } from '../../src/core/api/dispatch';
import { createHandlers } from '../../src/core/api/handlers';
import { Boilerplate } from '../../src/core/dedupe/boilerplate';
import { normalizedString } from '../../src/core/dedupe/normalize';
import { recordDoc } from '../../src/core/dedupe/parts';
import { matchingPassages } from '../../src/core/dedupe/passages';
import { makeProposal } from './helpers/proposals';
import { tmpDir, tmpLibrary } from './helpers/tmp';
import { cjkText } from './helpers/dedupeText';

describe('matching passages for side-by-side highlighting', () => {
  const p1 = cjkText(1, 300);
  const p2 = cjkText(2, 300);
  const p3 = cjkText(3, 300);

  it('finds a moved paragraph whole, in both texts, at character level', () => {
    const a = `${p1}\n${p2}\n${p3}`;
    const b = `${cjkText(9, 100)}\n${p3}\n${p1}`;
    const passages = matchingPassages(recordDoc({ id: 'a', title: '', text: a }), recordDoc({ id: 'b', title: '', text: b }), Boilerplate.none);
    expect(passages).toHaveLength(2);
    const [first, second] = passages;
    expect(a.slice(first!.a.start, first!.a.end)).toBe(p1);
    expect(b.slice(first!.b.start, first!.b.end)).toBe(p1);
    expect(a.slice(second!.a.start, second!.a.end)).toBe(p3);
    expect(b.slice(second!.b.start, second!.b.end)).toBe(p3);
    expect(first!.chars).toBe([...normalizedString(p1)].length);
  });

  it('reads through punctuation, spacing and a changed district name', () => {
    const a = `在城口县，${p1.slice(0, 100)}，为留守儿童${p1.slice(100, 200)}`;
    const b = `在巫溪县 ${p1.slice(0, 100)}。为 留守儿童${p1.slice(100, 200)}`;
    const [only, ...rest] = matchingPassages(recordDoc({ id: 'a', title: '', text: a }), recordDoc({ id: 'b', title: '', text: b }), Boilerplate.none);
    expect(rest).toEqual([]);
    expect(a.slice(only!.a.start, only!.a.end)).toBe(a);
    expect(b.slice(only!.b.start, only!.b.end)).toBe(b);
  });

  it('does not start a passage in template text', () => {
    const template = cjkText(4, 200);
    const a = `${template}${p1}`;
    const b = `${template}${p2}`;
    const docs = [recordDoc({ id: 'a', title: '', text: a }), recordDoc({ id: 'b', title: '', text: b })] as const;
    expect(matchingPassages(...docs, Boilerplate.none)).toHaveLength(1);
    expect(matchingPassages(...docs, Boilerplate.fromTexts([template]))).toEqual([]);
  });
});

describe('dedupe.compare', () => {
  it('compares an unsaved draft with a library proposal, part by part', async () => {
    const lib = tmpLibrary();
    const dispatch = createDispatch(createHandlers({ lib, templatesDir: tmpDir() }));
    lib.proposals.insert(makeProposal({ id: 'a', title: '城口县老年食堂', district: '城口县', sections: { background: `${p(1)}\n${p(2)}`, plan: p(3) } }));
    const draft = makeProposal({ id: 'draft', title: '巫溪县老年食堂', district: '巫溪县', sections: { background: p(5), plan: `${p(3)}\n${p(2)}` } });
    const res = await dispatch('dedupe.compare', { a: { proposal: draft }, b: { id: 'a' } });
    if (!res.ok) throw new Error(res.error.message);
    const out = res.value as MethodOutput<'dedupe.compare'>;
    expect(out.a.parts.map((x) => x.key)).toEqual(['title', 'background', 'plan']);
    expect(out.b.parts.find((x) => x.key === 'plan')?.label).toBe('执行计划');
    const text = (side: typeof out.a, key: string) => side.parts.find((x) => x.key === key)!.text;
    const found = out.passages.map((x) => ({
      a: `${x.a.part}:${text(out.a, x.a.part).slice(x.a.start, x.a.end)}`,
      b: `${x.b.part}:${text(out.b, x.b.part).slice(x.b.start, x.b.end)}`,
    }));
    expect(found).toEqual([
      { a: `plan:${p(3)}`, b: `plan:${p(3)}` },
      { a: `plan:${p(2)}`, b: `background:${p(2)}` },
    ]);
    expect(out.score).toBeGreaterThan(0.3);
    expect(out.score).toBeLessThan(0.9);
    expect(await dispatch('dedupe.compare', { a: { id: 'nope' }, b: { id: 'a' } })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

function p(seed: number): string {
  return cjkText(seed * 31, 250);
}
