import type { NormalizedText } from './normalize';

/**
 * Length of the character n-grams (shingles). Five characters is about two Chinese words: long
 * enough that common words alone rarely match, short enough that a copy with small edits keeps most
 * of its shingles. No word segmentation is needed.
 */
export const SHINGLE_CHARS = 5;

/** MurmurHash3's finalizer: spreads the bits of a 32-bit value. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A hash of the shingle starting at each position of the normalized text. A text shorter than one
 * shingle yields one hash of all of it, so a short title still counts.
 */
export function shingleHashes(t: NormalizedText, k: number = SHINGLE_CHARS): Uint32Array {
  const n = t.length;
  if (n === 0) return new Uint32Array(0);
  const count = n >= k ? n - k + 1 : 1;
  const len = Math.min(k, n);
  const out = new Uint32Array(count);
  const cps = t.cps;
  for (let i = 0; i < count; i++) {
    let h = 0x811c9dc5;
    for (let j = 0; j < len; j++) h = Math.imul(h ^ cps[i + j]!, 0x01000193);
    out[i] = fmix32(h ^ len);
  }
  return out;
}
