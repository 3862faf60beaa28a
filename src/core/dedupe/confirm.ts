import { checkpoint } from '../jobs/progress';
import type { Boilerplate } from './boilerplate';
import type { DedupeDoc } from './parts';
import { exactScore, weightedShingles, type WeightedSet } from './sketch';

/**
 * Estimates this close to the threshold (about three standard errors of the sketch) are replaced by
 * the exact score computed from the two texts. Pairs clearly above or below are left as estimated:
 * the sketch decides them correctly with probability above 99.9%, and checking them would cost the
 * speed the sketch is for.
 */
export const CONFIRM_MARGIN = 0.1;

/** Documents whose 5-grams are kept for reuse: a few kilobytes each. */
const CACHED_DOCS = 4096;

/** Exact scores of documents, each document's 5-grams computed once while it is in use. */
export class ExactScorer {
  private readonly cache = new Map<string, WeightedSet>();

  constructor(
    private readonly load: (id: string) => DedupeDoc,
    private readonly boilerplate: Boilerplate,
  ) {}

  shingles(id: string): WeightedSet {
    let s = this.cache.get(id);
    if (s) {
      // Most recently used last, so the oldest goes first when the cache is full.
      this.cache.delete(id);
    } else {
      s = weightedShingles(this.load(id), this.boilerplate);
      if (this.cache.size >= CACHED_DOCS) this.cache.delete(this.cache.keys().next().value!);
    }
    this.cache.set(id, s);
    return s;
  }

  score(a: string, b: string): number {
    return exactScore(this.shingles(a), this.shingles(b));
  }
}

/**
 * From pairs estimated at or above threshold − CONFIRM_MARGIN, the pairs whose score reaches the
 * threshold, with exact scores for those that were near it.
 */
export function confirmPairs<P extends { a: string; b: string; score: number }>(pairs: readonly P[], threshold: number, exact: (a: string, b: string) => number): P[] {
  const out: P[] = [];
  for (const [i, p] of pairs.entries()) {
    if (i % 64 === 0) checkpoint('正在比对相似项目', i, pairs.length);
    if (p.score >= threshold + CONFIRM_MARGIN) {
      out.push(p);
      continue;
    }
    if (p.score < threshold - CONFIRM_MARGIN) continue;
    const score = exact(p.a, p.b);
    if (score >= threshold) out.push({ ...p, score });
  }
  return out.sort((x, y) => y.score - x.score || (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : 1));
}
