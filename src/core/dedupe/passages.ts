import type { DedupePartKey } from '../../shared/api/methods/dedupe';
import type { Boilerplate } from './boilerplate';
import { normalizeText } from './normalize';
import type { DedupeDoc } from './parts';
import { SHINGLE_CHARS, shingleHashes } from './shingles';

/** A stretch of one document's part, in UTF-16 offsets into that part's plain text. */
export interface PassageSide {
  part: DedupePartKey;
  start: number;
  end: number;
}

/** The same text found in both documents. `chars` counts normalized characters. */
export interface Passage {
  a: PassageSide;
  b: PassageSide;
  chars: number;
}

/**
 * Shorter common stretches are not shown: phrases such as 农村留守儿童 recur in unrelated proposals
 * and would cover the comparison in noise. Ten characters is about half a sentence.
 */
export const MIN_PASSAGE_CHARS = 10;
/** Positions remembered per 5-gram: bounds the work on highly repetitive text. */
const MAX_POSITIONS = 16;
const NO_HASH = -1;

interface Flat {
  cps: Int32Array;
  part: Int32Array;
  start: Int32Array;
  end: Int32Array;
  /** Shingle hash at each position, or NO_HASH where the shingle would cross a part's end. */
  hash: Float64Array;
  keys: DedupePartKey[];
  length: number;
}

/** All parts of a document in one array, each character knowing its part and original offsets. */
function flatten(doc: DedupeDoc): Flat {
  const norms = doc.parts.map((p) => normalizeText(p.text, { offsets: true }));
  const length = norms.reduce((n, t) => n + t.length, 0);
  const flat: Flat = {
    cps: new Int32Array(length),
    part: new Int32Array(length),
    start: new Int32Array(length),
    end: new Int32Array(length),
    hash: new Float64Array(length).fill(NO_HASH),
    keys: doc.parts.map((p) => p.key),
    length,
  };
  let o = 0;
  norms.forEach((t, k) => {
    flat.cps.set(t.cps.subarray(0, t.length), o);
    flat.part.fill(k, o, o + t.length);
    flat.start.set(t.start.subarray(0, t.length), o);
    flat.end.set(t.end.subarray(0, t.length), o);
    if (t.length >= SHINGLE_CHARS) {
      const hashes = shingleHashes(t);
      for (let i = 0; i < hashes.length; i++) flat.hash[o + i] = hashes[i]!;
    }
    o += t.length;
  });
  return flat;
}

/**
 * The passages two documents have in common, found from shared 5-grams (template boilerplate does
 * not start one) and extended character by character. Walks the first document left to right and
 * takes the longest match at each point, so a paragraph moved elsewhere is still found whole.
 */
export function matchingPassages(docA: DedupeDoc, docB: DedupeDoc, boilerplate: Boilerplate, minChars = MIN_PASSAGE_CHARS): Passage[] {
  const a = flatten(docA);
  const b = flatten(docB);
  const where = new Map<number, number[]>();
  for (let j = 0; j < b.length; j++) {
    const h = b.hash[j]!;
    if (h === NO_HASH) continue;
    const list = where.get(h);
    if (!list) where.set(h, [j]);
    else if (list.length < MAX_POSITIONS) list.push(j);
  }
  const out: Passage[] = [];
  for (let i = 0; i < a.length; ) {
    const h = a.hash[i]!;
    const list = h === NO_HASH || boilerplate.has(h) ? undefined : where.get(h);
    let best = 0;
    let bestJ = 0;
    for (const j of list ?? []) {
      let len = 0;
      while (
        i + len < a.length &&
        j + len < b.length &&
        a.part[i + len] === a.part[i] &&
        b.part[j + len] === b.part[j] &&
        a.cps[i + len] === b.cps[j + len]
      )
        len++;
      if (len > best) {
        best = len;
        bestJ = j;
      }
    }
    if (best >= minChars) {
      out.push({
        a: { part: a.keys[a.part[i]!]!, start: a.start[i]!, end: a.end[i + best - 1]! },
        b: { part: b.keys[b.part[bestJ]!]!, start: b.start[bestJ]!, end: b.end[bestJ + best - 1]! },
        chars: best,
      });
      i += best;
    } else {
      i++;
    }
  }
  return out;
}
