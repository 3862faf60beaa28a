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

describe('shared passages cut at sentence boundaries', () => {
  // Real proposal wording; the sentences before and after differ between the two districts.
  const TEMPLATE = '本项目面向辖区内的困难群众';
  const SERVICE = `${TEMPLATE}，为高龄独居老人提供上门助餐和健康巡访服务，解决他们做饭难、就医远的问题。`;
  const textOf = (doc: string, side: { start: number; end: number }) => doc.slice(side.start, side.end);
  const docs = (a: string, b: string) => [recordDoc({ id: 'a', title: '', text: a }), recordDoc({ id: 'b', title: '', text: b })] as const;

  it('a sentence that opens with template wording is quoted from its start, with its full stop', () => {
    const a = `城口县地处大巴山腹地，山高路远，群众居住分散。${SERVICE}项目由镇社工站负责实施。`;
    const b = `巫溪县青壮年大多外出务工，留守老人比例逐年上升。${SERVICE}街道每月组织一次志愿服务。`;
    const found = matchingPassages(...docs(a, b), Boilerplate.fromTexts([TEMPLATE]));
    // Before: the template's 5-grams start no passage, so it began at 「难群众，为高龄…」.
    expect(found.map((p) => textOf(a, p.a))).toEqual([SERVICE]);
    expect(found.map((p) => textOf(b, p.b))).toEqual([SERVICE]);
  });

  it('a sentence with a changed number is not quoted as shared, and its neighbours are quoted whole', () => {
    const first = '近年来，随着人口老龄化加剧，农村空巢老人的生活照料问题日益突出。';
    const last = '项目结束后，由村委会和老年协会共同接续运营，确保服务不断档。';
    const a = `${first}本项目计划为全县一千二百名独居老人提供助餐服务，每周送餐五次。${last}`;
    const b = `${first}本项目计划为全县八百名空巢老人提供助餐服务，每周送餐五次。${last}`;
    const found = matchingPassages(...docs(a, b), Boilerplate.none).map((p) => [textOf(a, p.a), textOf(b, p.b)]);
    expect(found).toEqual([
      // Before: 「近年来……日益突出。本项目计划为全县」, which claimed the changed sentence's opening as part of a shared stretch.
      [first, first],
      // What the two versions of the changed sentence have in common is a passage of its own, never merged with a whole sentence.
      ['老人提供助餐服务，每周送餐五次。', '老人提供助餐服务，每周送餐五次。'],
      [last, last],
    ]);
    // Nothing quoted is text only one side has.
    for (const [x, y] of found) expect(normalizedString(x!)).toBe(normalizedString(y!));
  });

  it('a sentence copied whole is quoted whole, though a changed copy of it matched first', () => {
    const s1 = '近年来，随着人口老龄化加剧，农村空巢老人的生活照料问题日益突出。';
    const s2 = '项目将依托村级互助养老点，为老人提供助餐、上门巡访、健康管理和精神慰藉服务。';
    const a = `${s1}${s2}`;
    // B has s2 changed right after s1, and whole further down.
    const b = `${s1}项目将依托村级互助养老点，为老人提供助餐和文体活动。\n${s2}`;
    const passages = matchingPassages(...docs(a, b), Boilerplate.none);
    // Before: 「近年来……提供助餐」 then 「上门巡访……服务」, s2 split between the two places it matched.
    expect(passages.map((p) => [textOf(a, p.a), textOf(b, p.b)])).toEqual([
      [s1, s1],
      [s2, s2],
    ]);
    // s2 on B's side is the whole copy on the second line, not the changed one.
    expect(passages[1]!.b.start).toBe(b.indexOf('\n') + 1);
  });

  it('text pasted with half-width punctuation is cut at its full stops, not at decimal points', () => {
    const a = '本期项目总预算为12.5万元,其中助餐补贴占六成.剩余资金用于购置餐车.';
    const b = '全部项目总预算为12.5万元,其中助餐补贴占六成.剩余资金用于聘请厨师.';
    const found = matchingPassages(...docs(a, b), Boilerplate.none);
    // The first sentence differs in its first word, so what is shared of it stays one part-sentence
    // passage (a cut at 「12.」 would leave 「5万元…」 posing as a sentence); 「剩余资金用于」 alone is too short.
    expect(found.map((p) => textOf(a, p.a))).toEqual(['项目总预算为12.5万元,其中助餐补贴占六成.']);
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
