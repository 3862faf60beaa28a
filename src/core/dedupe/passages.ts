import type { DedupePartKey } from '../../shared/api/methods/dedupe';
import type { Boilerplate } from './boilerplate';
import { normalizeText } from './normalize';
import type { DedupeDoc } from './parts';
import { sentenceCloseAt, sentenceEndBetween } from './sentences';
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
  /** Each part's original text, to see the punctuation normalization dropped. */
  texts: string[];
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
    texts: doc.parts.map((p) => p.text),
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

/** Whether a sentence boundary lies just before normalized character i (a part's ends are one). */
function boundary(f: Flat, i: number): boolean {
  if (i <= 0 || i >= f.length || f.part[i - 1] !== f.part[i]) return true;
  return sentenceEndBetween(f.texts[f.part[i]!]!, f.end[i - 1]!, f.start[i]!);
}

/** A common stretch in normalized positions: a[i, i + len) equals b[j, j + len). */
interface Run {
  i: number;
  j: number;
  len: number;
}

function toPassage(a: Flat, b: Flat, r: Run): Passage {
  // A stretch that ends a sentence on a side takes that side's end marks along (「…需求大。」).
  const sideEnd = (f: Flat, from: number, to: number): number =>
    boundary(f, to) ? sentenceCloseAt(f.texts[f.part[from]!]!, f.end[to - 1]!) : f.end[to - 1]!;
  return {
    a: { part: a.keys[a.part[r.i]!]!, start: a.start[r.i]!, end: sideEnd(a, r.i, r.i + r.len) },
    b: { part: b.keys[b.part[r.j]!]!, start: b.start[r.j]!, end: sideEnd(b, r.j, r.j + r.len) },
    chars: r.len,
  };
}

/**
 * Widens a run that starts inside a sentence back to that sentence's start, but only when the rest
 * of the sentence is the same in both documents and the start is a sentence start in both: then the
 * whole sentence is shared and the report should quote it whole. Runs start late when the sentence
 * opens with template wording (boilerplate starts no passage) or when the text before was taken by
 * the previous passage, matched elsewhere. Never goes below `floor` (text already reported).
 */
function widenToSentenceStart(a: Flat, b: Flat, r: Run, floor: number): Run {
  let k = 0;
  while (
    !boundary(a, r.i - k) &&
    r.i - k - 1 >= floor &&
    r.j - k - 1 >= 0 &&
    a.part[r.i - k - 1] === a.part[r.i] &&
    b.part[r.j - k - 1] === b.part[r.j] &&
    a.cps[r.i - k - 1] === b.cps[r.j - k - 1]
  )
    k++;
  if (k === 0 || !boundary(a, r.i - k) || !boundary(b, r.j - k)) return r;
  return { i: r.i - k, j: r.j - k, len: r.len + k };
}

/**
 * Cuts a run at the first and last point that is a sentence boundary in both documents: the whole
 * sentences between are one piece, and what sticks out on either side (part of a sentence whose
 * rest differs) is a piece of its own. So no piece claims a sentence is shared when only part of it
 * is, no piece runs over a sentence end without holding a whole sentence, and shared text is not
 * hidden: the comparison view still marks the common parts of a sentence with one word changed
 * (like any passage, a piece shorter than MIN_PASSAGE_CHARS is left out as noise).
 */
function splitAtSentences(a: Flat, b: Flat, r: Run): { run: Run; whole: boolean }[] {
  const both = (k: number): boolean => boundary(a, r.i + k) && boundary(b, r.j + k);
  let first = 0;
  while (first <= r.len && !both(first)) first++;
  if (first > r.len) return [{ run: r, whole: false }];
  let last = r.len;
  while (last > first && !both(last)) last--;
  const piece = (from: number, to: number, whole: boolean) => ({ run: { i: r.i + from, j: r.j + from, len: to - from }, whole });
  return [piece(0, first, false), piece(first, last, true), piece(last, r.len, false)].filter((p) => p.run.len > 0);
}

/**
 * Whether a piece holds wording of its own: a 5-gram that is not template boilerplate. Widening a
 * run back to its sentence start can reach into a template sentence the run only touched at its
 * end; that sentence alone is background, as it would be had it been matched by itself.
 */
function hasOwnWording(a: Flat, r: Run, boilerplate: Boilerplate): boolean {
  if (r.len < SHINGLE_CHARS) return true;
  for (let k = r.i; k + SHINGLE_CHARS <= r.i + r.len; k++) {
    const h = a.hash[k]!;
    if (h !== NO_HASH && !boilerplate.has(h)) return true;
  }
  return false;
}

/**
 * The passages two documents have in common, found from shared 5-grams (template boilerplate does
 * not start one) and extended character by character. Walks the first document left to right and
 * takes the longest match at each point, so a paragraph moved elsewhere is still found whole. Each
 * match is then widened to its sentence's start where honest and cut at sentence boundaries (see
 * sentences.ts for what ends a sentence), so the report quotes whole sentences.
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
  const pieces: { run: Run; whole: boolean }[] = [];
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
      // A trailing part-sentence of the previous match gives way to a whole sentence found here.
      const prev = pieces.at(-1);
      const floor = prev === undefined ? 0 : prev.whole ? prev.run.i + prev.run.len : prev.run.i;
      const run = widenToSentenceStart(a, b, { i, j: bestJ, len: best }, floor);
      if (prev && !prev.whole && run.i < prev.run.i + prev.run.len) {
        prev.run = { ...prev.run, len: run.i - prev.run.i };
        if (prev.run.len < minChars) pieces.pop();
      }
      pieces.push(...splitAtSentences(a, b, run));
      i += best;
    } else {
      i++;
    }
  }
  return pieces.filter((p) => p.run.len >= minChars && hasOwnWording(a, p.run, boilerplate)).map((p) => toPassage(a, b, p.run));
}
