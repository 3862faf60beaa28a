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
 * A count can only be too high, by about n·(5-grams per proposal)/2^22 on average (n at most
 * DF_SAMPLE), which stays far below the limit for proposals of a few thousand characters.
 */
const ROW_BITS = 22;
const ROW = 1 << ROW_BITS;
const SECOND_SEED = 0x5bd1e995;

/** A document's distinct 5-grams, sorted: a typed-array sort is far cheaper than a Set of large numbers. */
function docHashes(doc: DedupeDoc): Uint32Array {
  const parts = doc.parts.map((part) => shingleHashes(normalizeText(part.text)));
  const all = new Uint32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  all.sort();
  let n = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[n++] = all[i]!;
  return all.subarray(0, n);
}

export class DocumentFrequency {
  private readonly rows = [new Uint16Array(ROW), new Uint16Array(ROW)];
  docs = 0;

  /** Count a document's 5-grams once each; calls `reached` for each whose count becomes `limit`. */
  add(doc: DedupeDoc, limit = Infinity, reached: (h: number) => void = () => {}): void {
    this.docs++;
    const [a, b] = this.rows as [Uint16Array, Uint16Array];
    const hashes = docHashes(doc);
    for (let k = 0; k < hashes.length; k++) {
      const h = hashes[k]!;
      const i = h & (ROW - 1);
      const j = fmix32(h ^ SECOND_SEED) & (ROW - 1);
      const before = Math.min(a[i]!, b[j]!);
      if (a[i]! < 0xffff) a[i]!++;
      if (b[j]! < 0xffff) b[j]!++;
      if (before + 1 === limit) reached(h);
    }
  }

  /** How many of the added documents contain the 5-gram (never fewer than really do). */
  count(h: number): number {
    return Math.min(this.rows[0]![h & (ROW - 1)]!, this.rows[1]![fmix32(h ^ SECOND_SEED) & (ROW - 1)]!);
  }
}

/**
 * Above this many documents the frequencies are counted on an even sample of this size: wording in 1%
 * of the library is in about 1% of the sample (at 5,000 documents, 50 ± 7), and the pass costs no more
 * than for 5,000 documents however large the library grows.
 */
export const DF_SAMPLE = 5000;

/**
 * The handbook's boilerplate together with the 5-grams at least `commonLimit(count)` of the
 * documents contain, in one pass over the `count` documents (a 5-gram is collected when its count
 * reaches the limit).
 */
export function withCommonShingles(docs: Iterable<DedupeDoc>, count: number, handbook: Boilerplate): { boilerplate: Boilerplate; common: number } {
  const step = Math.max(1, Math.ceil(count / DF_SAMPLE));
  const sampled = Math.ceil(count / step);
  const limit = step === 1 ? commonLimit(count) : Math.ceil(sampled * COMMON_SHARE);
  const common = new Set<number>();
  if (count >= limit) {
    const df = new DocumentFrequency();
    let n = 0;
    for (const doc of docs) if (n++ % step === 0) df.add(doc, limit, (h) => common.add(h));
  }
  if (common.size === 0) return { boilerplate: handbook, common: 0 };
  return { boilerplate: handbook.with(common), common: common.size };
}
