/**
 * The similarity score and its sketch.
 *
 * score(A, B) is the weighted Jaccard similarity of the two documents' sets of character 5-grams:
 *
 *   score = Σ min(wA(g), wB(g)) / Σ max(wA(g), wB(g))
 *
 * over every 5-gram g of the normalized text (see normalize.ts), where w(g) is the weight of the most
 * important part g occurs in (DEDUPE_PART_WEIGHTS; 0 when absent) and 5-grams of template boilerplate
 * are left out. 0 means nothing in common, 1 the same normalized text. Without weights (plain records)
 * it is the ordinary Jaccard similarity |A ∩ B| / |A ∪ B|. A copy that keeps half of a text and drops
 * the rest scores about 0.5; one that keeps half and rewrites the other half scores about 1/3.
 *
 * The check never computes it for every pair. Each document gets a sketch of SKETCH_SIZE values (one
 * permutation MinHash with optimal densification, Shrivastava 2017): the fraction of equal values
 * estimates the score without bias, with a standard error of √(s(1−s)/256), at most 0.031. Integer
 * weights are applied by repeating a 5-gram w times under different hashes, which turns the weighted
 * similarity into a plain Jaccard similarity of the repeated sets.
 */
import type { Boilerplate } from './boilerplate';
import { normalizeText } from './normalize';
import type { DedupeDoc } from './parts';
import { fmix32, shingleHashes } from './shingles';

export const SKETCH_SIZE = 256;
const BIN_SHIFT = 24; // 32 − log2(SKETCH_SIZE)
const EMPTY = 0xffffffff;
/** Fewer 5-grams than this (after boilerplate) is too little text to call anything a copy. */
export const MIN_SHINGLES = 50;
/** Bumped whenever the sketch of a given text changes, so stored sketches are recomputed. */
export const SKETCH_VERSION = 1;

const REPEAT_SEED = 0x9e3779b9;

/** The distinct 5-grams of a document (sorted hashes) with their weights, boilerplate left out. */
export interface WeightedSet {
  hashes: Uint32Array;
  weights: Uint8Array;
  /** Σ weights */
  total: number;
}

/** Weights are small integers (1–3 today); each 5-gram is sorted together with its weight. */
const WEIGHT_SLOTS = 8;

export function weightedShingles(doc: DedupeDoc, boilerplate: Boilerplate): WeightedSet {
  const all: number[] = [];
  for (const part of doc.parts) {
    if (!Number.isInteger(part.weight) || part.weight < 1 || part.weight >= WEIGHT_SLOTS) throw new RangeError(`part weight ${part.weight}`);
    const hashes = shingleHashes(normalizeText(part.text));
    for (let i = 0; i < hashes.length; i++) if (!boilerplate.has(hashes[i]!)) all.push(hashes[i]! * WEIGHT_SLOTS + part.weight);
  }
  // Sorted, each 5-gram's entries are adjacent with the highest weight last: a typed-array sort is
  // far cheaper than a map per document.
  const sorted = Float64Array.from(all).sort();
  const hashes = new Uint32Array(sorted.length);
  const weights = new Uint8Array(sorted.length);
  let n = 0;
  let total = 0;
  for (let i = 0; i < sorted.length; i++) {
    const h = Math.floor(sorted[i]! / WEIGHT_SLOTS);
    if (i + 1 < sorted.length && Math.floor(sorted[i + 1]! / WEIGHT_SLOTS) === h) continue;
    hashes[n] = h;
    weights[n] = sorted[i]! - h * WEIGHT_SLOTS;
    total += weights[n++]!;
  }
  return { hashes: hashes.slice(0, n), weights: weights.slice(0, n), total };
}

/** The exact score of two documents (for a comparison of two, and near the threshold). */
export function exactScore(a: WeightedSet, b: WeightedSet): number {
  let min = 0;
  let i = 0;
  let j = 0;
  while (i < a.hashes.length && j < b.hashes.length) {
    const x = a.hashes[i]!;
    const y = b.hashes[j]!;
    if (x < y) i++;
    else if (x > y) j++;
    else min += Math.min(a.weights[i++]!, b.weights[j++]!);
  }
  const max = a.total + b.total - min;
  return max === 0 ? 0 : min / max;
}

/**
 * The sketch of a document, or null when it has too little text of its own to compare. Every
 * (5-gram, repetition) pair is hashed once; its top bits pick one of SKETCH_SIZE bins, and each bin
 * keeps its smallest hash.
 */
export function sketchDoc(doc: DedupeDoc, boilerplate: Boilerplate): Uint32Array | null {
  const bins = new Uint32Array(SKETCH_SIZE).fill(EMPTY);
  let shingles = 0;
  for (const part of doc.parts) {
    const w = part.weight;
    if (w <= 0) continue;
    const hashes = shingleHashes(normalizeText(part.text));
    for (let i = 0; i < hashes.length; i++) {
      const h = hashes[i]!;
      if (boilerplate.has(h)) continue;
      shingles++;
      for (let c = 0; c < w; c++) {
        const v = c === 0 ? h : fmix32(h ^ Math.imul(c, REPEAT_SEED));
        const bin = v >>> BIN_SHIFT;
        if (v < bins[bin]!) bins[bin] = v;
      }
    }
  }
  if (shingles < MIN_SHINGLES) return null;
  densify(bins);
  return bins;
}

/**
 * Fill each empty bin from another bin chosen by a fixed pseudo-random sequence of its own, the same
 * in every document; this keeps the estimate unbiased when a short text leaves bins empty.
 */
function densify(bins: Uint32Array): void {
  const filled = bins.slice();
  for (let i = 0; i < SKETCH_SIZE; i++) {
    if (filled[i] !== EMPTY) continue;
    for (let attempt = 1; ; attempt++) {
      const j = fmix32(Math.imul(i + 1, 0x27d4eb2d) ^ attempt) >>> BIN_SHIFT;
      if (filled[j] !== EMPTY) {
        bins[i] = filled[j]!;
        break;
      }
    }
  }
}

/** The estimated score: the fraction of equal values of two sketches. */
export function estimate(a: Uint32Array, aOffset: number, b: Uint32Array, bOffset: number): number {
  let same = 0;
  for (let i = 0; i < SKETCH_SIZE; i++) if (a[aOffset + i] === b[bOffset + i]) same++;
  return same / SKETCH_SIZE;
}
