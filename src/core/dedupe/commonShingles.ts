import type { Boilerplate } from './boilerplate';
import { normalizeText } from './normalize';
import type { DedupeDoc } from './parts';
import { fmix32, shingleHashes } from './shingles';

/**
 * Shared boilerplate found in the library itself: a 5-gram that many proposals contain (an
 * association's standard introduction, a legal paragraph every district copies, the federation's own
 * wording) says nothing about whether two of them are the same project. Such 5-grams join the
 * handbook's template text as background: left out of the score, the sketch and the passages.
 *
 * "Many" is at least COMMON_MIN_DOCS proposals and at least COMMON_SHARE of the library. Copies of one
 * project by a few districts stay far below it, so their shared text still counts; a text copied by
 * more districts than that is treated as common wording, and such projects are found by the 同类项目
 * signal (same field, beneficiaries, budget items) instead.
 */
export const COMMON_MIN_DOCS = 10;
export const COMMON_SHARE = 0.01;

export function commonLimit(docs: number): number {
  return Math.max(COMMON_MIN_DOCS, Math.ceil(docs * COMMON_SHARE));
}

/**
 * Document frequencies are counted in two rows of 2^22 saturating 16-bit counters (a count-min
 * sketch, 16 MB) instead of a map: a library of 100,000 proposals has about 10^8 distinct 5-grams.
 * A count can only be too high, by about n·(5-grams per proposal)/2^22 on average, which stays far
 * below the limit (1% of n) for proposals of a few thousand characters.
 */
const ROW_BITS = 22;
const ROW = 1 << ROW_BITS;
const SECOND_SEED = 0x5bd1e995;

function docHashes(doc: DedupeDoc): Set<number> {
  const seen = new Set<number>();
  for (const part of doc.parts) for (const h of shingleHashes(normalizeText(part.text))) seen.add(h);
  return seen;
}

export class DocumentFrequency {
  private readonly rows = [new Uint16Array(ROW), new Uint16Array(ROW)];
  docs = 0;

  add(doc: DedupeDoc): void {
    this.docs++;
    for (const h of docHashes(doc)) {
      const i = h & (ROW - 1);
      const j = fmix32(h ^ SECOND_SEED) & (ROW - 1);
      if (this.rows[0]![i]! < 0xffff) this.rows[0]![i]!++;
      if (this.rows[1]![j]! < 0xffff) this.rows[1]![j]!++;
    }
  }

  /** How many of the added documents contain the 5-gram (never fewer than really do). */
  count(h: number): number {
    return Math.min(this.rows[0]![h & (ROW - 1)]!, this.rows[1]![fmix32(h ^ SECOND_SEED) & (ROW - 1)]!);
  }
}

/**
 * The handbook's boilerplate together with the 5-grams at least `commonLimit` of the documents
 * contain. `docs` is read twice: once to count, once to collect.
 */
export function withCommonShingles(docs: () => Iterable<DedupeDoc>, handbook: Boilerplate): { boilerplate: Boilerplate; common: number } {
  const df = new DocumentFrequency();
  for (const doc of docs()) df.add(doc);
  const limit = commonLimit(df.docs);
  const common = new Set<number>();
  if (df.docs >= limit) {
    for (const doc of docs()) for (const h of docHashes(doc)) if (df.count(h) >= limit) common.add(h);
  }
  if (common.size === 0) return { boilerplate: handbook, common: 0 };
  return { boilerplate: handbook.with(common), common: common.size };
}
