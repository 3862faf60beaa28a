import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLD } from '../../src/shared/api/methods/dedupe';
import { Boilerplate } from '../../src/core/dedupe/boilerplate';
import { normalizedString } from '../../src/core/dedupe/normalize';
import { recordDoc, type DedupeDoc } from '../../src/core/dedupe/parts';
import { estimate, exactScore, sketchDoc, weightedShingles } from '../../src/core/dedupe/sketch';
import { findDuplicates } from '../../src/core/dedupe/findDuplicates';
import { rng } from '../../bench/corpus/cslCorpus';
import { cjkText, fiveGrams } from './helpers/dedupeText';

const doc = (id: string, text: string): DedupeDoc => recordDoc({ id, title: '', text });
const est = (a: DedupeDoc, b: DedupeDoc, bp = Boilerplate.none) => estimate(sketchDoc(a, bp)!, 0, sketchDoc(b, bp)!, 0);

/** Jaccard similarity of the 5-gram string sets: the definition, written independently of the code. */
function jaccard(a: string, b: string): number {
  const A = fiveGrams(normalizedString(a));
  const B = fiveGrams(normalizedString(b));
  let both = 0;
  for (const g of A) if (B.has(g)) both++;
  return both / (A.size + B.size - both);
}

/** A copy that keeps `keep` of the original's paragraphs and replaces the rest with new text. */
function editedCopy(original: string[], keep: number, seed: number): string[] {
  const r = rng(seed);
  return original.map((p, i) => (r() < keep ? p : cjkText(seed * 1000 + i, [...p].length)));
}

describe('the sketch estimates the 5-gram Jaccard similarity', () => {
  it('computes the exact score as the Jaccard similarity of the 5-gram sets', () => {
    for (let k = 0; k < 20; k++) {
      const base = Array.from({ length: 10 }, (_, i) => cjkText(k * 100 + i, 120));
      const copy = editedCopy(base, k / 20, k);
      const a = base.join('\n');
      const b = copy.join('\n');
      const exact = exactScore(weightedShingles(doc('a', a), Boilerplate.none), weightedShingles(doc('b', b), Boilerplate.none));
      expect(exact).toBeCloseTo(jaccard(a, b), 3);
    }
  });

  it('stays within four standard errors of the exact value and is unbiased', () => {
    const errors: number[] = [];
    for (let k = 0; k < 150; k++) {
      const base = Array.from({ length: 12 }, (_, i) => cjkText(5000 + k * 100 + i, 250));
      const copy = editedCopy(base, (k % 50) / 50, 77 + k);
      const a = doc('a', base.join('\n'));
      const b = doc('b', copy.join('\n'));
      const exact = exactScore(weightedShingles(a, Boilerplate.none), weightedShingles(b, Boilerplate.none));
      const e = est(a, b);
      // Standard error √(s(1−s)/256) is at most 0.031.
      expect(Math.abs(e - exact)).toBeLessThan(4 * Math.sqrt(Math.max(exact * (1 - exact), 0.01) / 256) + 0.01);
      errors.push(e - exact);
    }
    const mean = errors.reduce((s, x) => s + x, 0) / errors.length;
    const rms = Math.sqrt(errors.reduce((s, x) => s + x * x, 0) / errors.length);
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(rms).toBeLessThan(0.03);
    expect(rms).toBeGreaterThan(0); // an estimate, not the exact value computed twice
  });

  it('applies part weights as a weighted Jaccard similarity', () => {
    const need = cjkText(1, 600);
    const about = cjkText(2, 600);
    const weighted = (needText: string, aboutText: string): DedupeDoc => ({
      id: 'x',
      title: '',
      parts: [
        { key: 'background', text: needText, weight: 3 },
        { key: 'aboutUs', text: aboutText, weight: 1 },
      ],
    });
    // Same organisation text, different need: the weights make them far less alike than 50/50 text would.
    const a = weighted(need, about);
    const b = weighted(cjkText(3, 600), about);
    const exact = exactScore(weightedShingles(a, Boilerplate.none), weightedShingles(b, Boilerplate.none));
    const n = [...fiveGrams(normalizedString(about))].length;
    const m = [...fiveGrams(normalizedString(need))].length;
    expect(exact).toBeCloseTo(n / (n + 2 * 3 * m), 3);
    expect(exact).toBeLessThan(0.15);
    expect(Math.abs(est(a, b) - exact)).toBeLessThan(0.08);
    // Same need, different organisation text: more alike than the unweighted 1/3.
    const c = weighted(need, cjkText(4, 600));
    const exactSameNeed = exactScore(weightedShingles(a, Boilerplate.none), weightedShingles(c, Boilerplate.none));
    expect(exactSameNeed).toBeCloseTo((3 * m) / (3 * m + 2 * n), 2);
    expect(exactSameNeed).toBeGreaterThan(0.55);
    expect(Math.abs(est(a, c) - exactSameNeed)).toBeLessThan(0.12);
  });

  it('catches, at the default threshold, an edited copy that keeps half its text', () => {
    for (let k = 0; k < 40; k++) {
      const base = Array.from({ length: 20 }, (_, i) => cjkText(9000 + k * 100 + i, 150));
      const r = rng(k);
      // Half the paragraphs kept, the other half rewritten.
      const order = base.map((_, i) => i).sort(() => r() - 0.5);
      const rewritten = new Set(order.slice(0, 10));
      const copy = base.map((p, i) => (rewritten.has(i) ? cjkText(99_000 + k * 100 + i, 150) : p));
      expect(est(doc('a', base.join('\n')), doc('b', copy.join('\n')))).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
      // Half kept, the rest dropped.
      const shorter = base.filter((_, i) => !rewritten.has(i));
      expect(est(doc('a', base.join('\n')), doc('b', shorter.join('\n')))).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    }
  });

  it('decides pairs near the threshold by their exact score', () => {
    const docs: DedupeDoc[] = [];
    const expected: string[] = [];
    for (let k = 0; k < 60; k++) {
      // Keeping 36–44% of the paragraphs puts the exact score around the threshold.
      const base = Array.from({ length: 25 }, (_, i) => cjkText(200_000 + k * 100 + i, 120));
      const copy = editedCopy(base, 0.36 + (k % 9) * 0.01, 300 + k);
      const a = doc(`a${k}`, base.join('\n'));
      const b = doc(`b${k}`, copy.join('\n'));
      docs.push(a, b);
      const exact = exactScore(weightedShingles(a, Boilerplate.none), weightedShingles(b, Boilerplate.none));
      if (exact >= DEFAULT_THRESHOLD) expected.push(`a${k} b${k}`);
    }
    expect(expected.length).toBeGreaterThan(10);
    expect(expected.length).toBeLessThan(50);
    const { pairs } = findDuplicates(docs, Boilerplate.none, DEFAULT_THRESHOLD);
    expect(pairs.map((p) => `${p.a} ${p.b}`).sort()).toEqual(expected.sort());
  });

  it('does not sketch a text too short to compare', () => {
    expect(sketchDoc(doc('a', '关爱留守儿童'), Boilerplate.none)).toBeNull();
    expect(sketchDoc(doc('a', cjkText(1, 200)), Boilerplate.none)).not.toBeNull();
  });
});
