import { fmix32 } from './shingles';
import { SKETCH_SIZE, estimate } from './sketch';

/**
 * LSH banding over the sketches: the 256 values form 128 bands of 2. Two documents become
 * candidates when any band is equal, which happens with probability 1 − (1 − s²)^128 for score s:
 * 0.995 at s = 0.2, above 0.9997 from s = 0.25, but 0.001 for unrelated texts (s ≈ 0.003). Only
 * candidates are compared, so neither a query nor the whole-library report compares every pair.
 */
export const ROWS = 2;
export const BANDS = SKETCH_SIZE / ROWS;

/** Sorted band arrays hold key · 2^21 + slot in a float64, exact up to 2^53. */
const SLOT_BITS = 2 ** 21;
export const MAX_DOCS = SLOT_BITS;
/** Documents added since the sorted arrays were built are compared directly, up to this many. */
const DELTA_LIMIT = 1024;

export interface Hit {
  id: string;
  score: number;
}

function bandKey(sigs: Uint32Array, off: number, band: number): number {
  return fmix32(Math.imul(sigs[off + band * ROWS]!, 0x9e3779b1) ^ sigs[off + band * ROWS + 1]!);
}

/**
 * An in-memory index of sketches by document id. Adding or replacing a document is cheap: it goes to
 * a small delta list; the sorted per-band arrays are rebuilt when the delta grows past DELTA_LIMIT or
 * before a library-wide pass.
 */
export class LshIndex {
  private ids: string[] = [];
  private readonly slots = new Map<string, number>();
  private sigs = new Uint32Array(SKETCH_SIZE * 64);
  private dead = new Uint8Array(64);
  /** Freed slots not referenced by the sorted arrays any more, ready for reuse. */
  private free: number[] = [];
  /** Freed slots still referenced by the sorted arrays. */
  private freedSinceBuild: number[] = [];
  private bands: Float64Array[] = [];
  private delta: number[] = [];
  private seen = new Uint32Array(64);
  private stamp = 0;

  get size(): number {
    return this.slots.size;
  }

  /** Memory held by the sketches and the sorted band arrays. */
  get bytes(): number {
    return this.sigs.byteLength + this.bands.reduce((n, b) => n + b.byteLength, 0);
  }

  has(id: string): boolean {
    return this.slots.has(id);
  }

  /** The sketch stored for an id (a view; do not keep it across changes). */
  sketchOf(id: string): Uint32Array | undefined {
    const slot = this.slots.get(id);
    return slot === undefined ? undefined : this.sigs.subarray(slot * SKETCH_SIZE, (slot + 1) * SKETCH_SIZE);
  }

  set(id: string, sketch: Uint32Array): void {
    this.remove(id);
    const slot = this.free.pop() ?? this.ids.length;
    if (slot >= MAX_DOCS) throw new RangeError(`duplicate index is limited to ${MAX_DOCS} documents`);
    if (slot === this.ids.length) {
      this.ids.push(id);
      this.ensureCapacity(this.ids.length);
    } else {
      this.ids[slot] = id;
    }
    this.sigs.set(sketch, slot * SKETCH_SIZE);
    this.dead[slot] = 0;
    this.slots.set(id, slot);
    this.delta.push(slot);
  }

  remove(id: string): void {
    const slot = this.slots.get(id);
    if (slot === undefined) return;
    this.slots.delete(id);
    this.dead[slot] = 1;
    this.freedSinceBuild.push(slot);
  }

  clear(): void {
    this.ids = [];
    this.slots.clear();
    this.free = [];
    this.freedSinceBuild = [];
    this.bands = [];
    this.delta = [];
  }

  private ensureCapacity(n: number): void {
    if (n <= this.dead.length) return;
    let cap = this.dead.length;
    while (cap < n) cap *= 2;
    const sigs = new Uint32Array(cap * SKETCH_SIZE);
    sigs.set(this.sigs);
    this.sigs = sigs;
    const dead = new Uint8Array(cap);
    dead.set(this.dead);
    this.dead = dead;
    this.seen = new Uint32Array(cap);
    this.stamp = 0;
  }

  /** Sort every band's keys over all live documents; the delta becomes empty. */
  build(): void {
    const live: number[] = [];
    for (let s = 0; s < this.ids.length; s++) if (this.dead[s] === 0) live.push(s);
    const bands: Float64Array[] = [];
    for (let b = 0; b < BANDS; b++) {
      const arr = new Float64Array(live.length);
      for (let i = 0; i < live.length; i++) {
        const s = live[i]!;
        arr[i] = bandKey(this.sigs, s * SKETCH_SIZE, b) * SLOT_BITS + s;
      }
      arr.sort();
      bands.push(arr);
    }
    this.bands = bands;
    this.delta = [];
    this.free.push(...this.freedSinceBuild);
    this.freedSinceBuild = [];
  }

  private nextStamp(): number {
    this.stamp = (this.stamp + 1) >>> 0;
    if (this.stamp === 0) {
      this.seen.fill(0);
      this.stamp = 1;
    }
    return this.stamp;
  }

  /**
   * The documents whose estimated score against `sketch` reaches `minScore`, best first. `skip`
   * leaves out ids (the draft itself, pairs judged not to be the same project).
   */
  query(sketch: Uint32Array, minScore: number, limit: number, skip: (id: string) => boolean = () => false): Hit[] {
    if (this.delta.length > DELTA_LIMIT) this.build();
    const stamp = this.nextStamp();
    const hits: Hit[] = [];
    const consider = (slot: number): void => {
      if (this.seen[slot] === stamp || this.dead[slot] === 1) return;
      this.seen[slot] = stamp;
      const score = estimate(sketch, 0, this.sigs, slot * SKETCH_SIZE);
      if (score >= minScore && !skip(this.ids[slot]!)) hits.push({ id: this.ids[slot]!, score });
    };
    for (let b = 0; b < this.bands.length; b++) {
      const arr = this.bands[b]!;
      const key = bandKey(sketch, 0, b);
      const lowest = key * SLOT_BITS;
      let lo = 0;
      let hi = arr.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (arr[mid]! < lowest) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < arr.length && arr[i]! < lowest + SLOT_BITS; i++) consider(arr[i]! - lowest);
    }
    for (const slot of this.delta) consider(slot);
    hits.sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1));
    return hits.slice(0, limit);
  }

  /** Every pair of documents whose estimated score reaches `minScore`, found through shared bands. */
  pairs(minScore: number): { a: string; b: string; score: number }[] {
    this.build();
    const found = new Map<number, number>();
    const sigs = this.sigs;
    let run = new Int32Array(64);
    for (const arr of this.bands) {
      let runStart = 0;
      for (let i = 1; i <= arr.length; i++) {
        if (i < arr.length && Math.floor(arr[i]! / SLOT_BITS) === Math.floor(arr[runStart]! / SLOT_BITS)) continue;
        const m = i - runStart;
        if (m > 1) {
          if (m > run.length) run = new Int32Array(m * 2);
          for (let x = 0; x < m; x++) run[x] = arr[runStart + x]! % SLOT_BITS;
          for (let x = 0; x < m; x++) {
            for (let y = x + 1; y < m; y++) {
              const lo = Math.min(run[x]!, run[y]!);
              const hi = Math.max(run[x]!, run[y]!);
              // A similar pair shares many bands and is estimated in each; an unrelated pair rarely
              // shares more than one, so skipping repeats would cost more than it saves.
              const score = estimate(sigs, lo * SKETCH_SIZE, sigs, hi * SKETCH_SIZE);
              if (score >= minScore) found.set(lo * SLOT_BITS + hi, score);
            }
          }
        }
        runStart = i;
      }
    }
    const out: { a: string; b: string; score: number }[] = [];
    for (const [key, score] of found) {
      const a = this.ids[Math.floor(key / SLOT_BITS)]!;
      const b = this.ids[key % SLOT_BITS]!;
      out.push(a < b ? { a, b, score } : { a: b, b: a, score });
    }
    out.sort((x, y) => y.score - x.score || (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : 1));
    return out;
  }
}
