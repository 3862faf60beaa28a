import { describe, expect, it } from 'vitest';
import { Boilerplate } from '../../src/core/dedupe/boilerplate';
import { findDuplicates } from '../../src/core/dedupe/findDuplicates';
import { KindredIndex, words } from '../../src/core/dedupe/kindred';
import { proposalDoc } from '../../src/core/dedupe/parts';
import { DEFAULT_THRESHOLD, KINDRED_THRESHOLD } from '../../src/shared/api/methods/dedupe';
import { kindredSet, sentences } from './fixtures/kindredSet';
import { tmpDir, tmpLibrary } from './helpers/tmp';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run';
import type { CliIo } from '../../src/cli/io';

describe('同类项目: the same kind of project, written independently', () => {
  const { proposals, kindOf } = kindredSet();
  const index = new KindredIndex();
  for (const p of proposals) index.set(p);
  const withPartner = proposals.filter((p) => proposals.some((q) => q.id !== p.id && kindOf.get(q.id) === kindOf.get(p.id)));

  it('the set: at least 30 proposals with a partner, none sharing a sentence, none a text copy', () => {
    expect(withPartner.length).toBeGreaterThanOrEqual(30);
    expect(proposals.length - withPartner.length).toBeGreaterThanOrEqual(5);
    const seen = new Map<string, string>();
    for (const p of proposals) {
      for (const s of sentences(p)) {
        const other = seen.get(s);
        expect(other === undefined || other === p.id, `${p.id} 与 ${other} 有相同的句子：${s}`).toBe(true);
        seen.set(s, p.id);
      }
    }
    // The text check finds nothing: these are not copies.
    expect(findDuplicates(proposals.map(proposalDoc), Boilerplate.none, DEFAULT_THRESHOLD).pairs).toEqual([]);
  });

  it('ranks a true partner first for at least 80% of the proposals that have one', () => {
    let first = 0;
    for (const p of withPartner) {
      const [top] = index.similarTo(p, { limit: 1, minScore: 0 });
      if (top && kindOf.get(top.id) === kindOf.get(p.id)) first++;
    }
    const rate = first / withPartner.length;
    console.log(`同类项目 rank-1：${first}/${withPartner.length} = ${Math.round(rate * 100)}%`);
    expect(rate).toBeGreaterThanOrEqual(0.8);
  });

  it('an unrelated proposal has no 同类 partner above the threshold; a grouped one has, with the why', () => {
    for (const p of proposals.filter((q) => !withPartner.includes(q))) {
      expect(index.similarTo(p, { limit: 5 }), p.id).toEqual([]);
    }
    const meals = proposals.find((p) => p.id === 'meals-0')!;
    const hits = index.similarTo(meals, { limit: 3 });
    expect(hits.map((h) => kindOf.get(h.id))).toEqual(['meals', 'meals', 'meals']);
    const [hit] = hits;
    expect(hit!.score).toBeGreaterThanOrEqual(KINDRED_THRESHOLD);
    expect(hit!.why.terms.length).toBeGreaterThan(0);
    expect(hit!.why.beneficiaryGroups).toContain('老人');
    // Both filled in the field of work: it is one of the reasons.
    expect(hits.find((h) => h.id === 'meals-2')!.why.focusArea).toBe('elderly');
    expect(hits.find((h) => h.id === 'meals-1')!.why.focusArea).toBeNull();
  });

  it('pairs() lists the same kind pairs and no unrelated ones', () => {
    const pairs = index.pairs();
    const wrong = pairs.filter((p) => kindOf.get(p.a) !== kindOf.get(p.b));
    expect(pairs.length).toBeGreaterThan(20);
    expect(wrong.length / pairs.length).toBeLessThan(0.2);
  });

  it('segments Chinese into words and drops place names and common words', () => {
    expect(words('为城口县的留守儿童建设图书角并开展阅读活动')).toEqual(expect.arrayContaining(['留守', '儿童', '图书', '阅读']));
    expect(words('为城口县的留守儿童建设图书角并开展阅读活动')).not.toContain('城口县');
    expect(words('开展项目活动')).toEqual([]);
  });
});

describe('同类项目 in the library: the report and the live panel, apart from 文字雷同', () => {
  it('the report lists the same-kind pairs with their why, and no text clusters; the panel lists them for a draft', () => {
    const lib = tmpLibrary();
    const { proposals, kindOf } = kindredSet();
    // books-3 stays out: it is the draft below.
    for (const p of proposals) if (p.id !== 'books-3') lib.proposals.insert(p);
    const report = lib.dedupe.report(DEFAULT_THRESHOLD);
    expect(report.clusters).toEqual([]);
    expect(report.kindred.length).toBeGreaterThan(20);
    const top = report.kindred[0]!;
    expect(kindOf.get(top.a)).toBe(kindOf.get(top.b));
    expect(top.aTitle).toBe(proposals.find((p) => p.id === top.a)!.title);
    expect(top.alsoText).toBe(false);
    expect(top.why.terms.length).toBeGreaterThan(0);

    // A new draft of a kind already in the library, sharing no sentence with it.
    const draft = proposals.find((p) => p.id === 'books-3')!;
    const { items, kindred } = lib.dedupe.similar(draft, 5, DEFAULT_THRESHOLD);
    expect(items).toEqual([]);
    expect(kindred.length).toBeGreaterThan(0);
    expect(kindred.every((k) => kindOf.get(k.id) === 'books')).toBe(true);
    expect(kindred[0]!.why.budgetItems.length + kindred[0]!.why.terms.length).toBeGreaterThan(0);
  });
});

describe('shance dedupe lists 同类项目 among proposal files', () => {
  it('pairs of the same kind with their why, apart from the text pairs', async () => {
    const dir = tmpDir();
    const { proposals, kindOf } = kindredSet();
    for (const id of ['books-0', 'books-1', 'meals-0', 'meals-2', 'legal-0']) {
      writeFileSync(join(dir, `${id}.json`), JSON.stringify(proposals.find((p) => p.id === id)));
    }
    let out = '';
    const io: CliIo = { out: (t) => void (out += `${t}\n`), err: () => undefined, cwd: dir, env: {} };
    expect(await runCli(['dedupe', '.', '--json'], io)).toBe(0);
    const json = JSON.parse(out) as { pairs: unknown[]; kindred: { a: string; b: string; percent: string; why: { terms: string[] } }[] };
    expect(json.pairs).toEqual([]);
    expect(json.kindred.map((k) => [k.a, k.b].sort().join('+')).sort()).toEqual(['books-0+books-1', 'meals-0+meals-2']);
    for (const k of json.kindred) {
      expect(kindOf.get(k.a)).toBe(kindOf.get(k.b));
      expect(k.percent).toMatch(/^\d+%$/);
      expect(k.why.terms.length).toBeGreaterThan(0);
    }
  });
});
