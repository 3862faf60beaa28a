import { DISTRICTS } from '../../shared/domain/catalog';
import { PLACEHOLDER_PATTERN } from '../../shared/domain/placeholders';

/**
 * The text the duplicate check compares: NFKC (which also turns full-width letters and digits into
 * half-width ones), lower case, without whitespace, punctuation, symbols, control characters or
 * template placeholders (【请填写：…】). District and county names all become one marker character,
 * because the commonest copy between districts changes nothing but the place name.
 *
 * Every kept character remembers where it came from (UTF-16 offsets into the original text), so a
 * match found in the normalized text can be highlighted in what the user wrote.
 */
export interface NormalizedText {
  /** Code points of the normalized text. */
  cps: Int32Array;
  /**
   * For normalized character i: the original text's [start[i], end[i]) in UTF-16 code units. Empty
   * unless asked for: sketches do not need them, and indexing a large library is faster without.
   */
  start: Int32Array;
  end: Int32Array;
  length: number;
}

/** Stands for any district name. Private-use, so it cannot come from real text (those are stripped). */
export const DISTRICT_MARK = 0xe000;

/** In the table: a value ≥ 0 is the one code point a character becomes (often itself). */
const STRIP = -1;
const EXPANDS = -2;

let table: Int32Array | null = null;
const expansions = new Map<number, number[]>();
const STRIP_RE = /^[\p{P}\p{S}\p{Z}\p{C}\s]$/u;

function mapCodePoint(cp: number): number[] {
  const out: number[] = [];
  for (const ch of String.fromCodePoint(cp).normalize('NFKC').toLowerCase()) {
    if (!STRIP_RE.test(ch)) out.push(ch.codePointAt(0)!);
  }
  return out;
}

/**
 * What normalization does to each BMP character, computed once: calling normalize() and a regular
 * expression per character would dominate the time to index a large library.
 */
function classTable(): Int32Array {
  if (table) return table;
  const t = new Int32Array(0x10000);
  for (let cp = 0; cp < 0x10000; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) {
      t[cp] = STRIP; // a lone surrogate; pairs are decoded before the lookup
      continue;
    }
    const out = mapCodePoint(cp);
    if (out.length === 0) t[cp] = STRIP;
    else if (out.length === 1) t[cp] = out[0]!;
    else {
      t[cp] = EXPANDS;
      expansions.set(cp, out);
    }
  }
  table = t;
  return t;
}

/** District names and their short forms (城口县 → 城口), grouped by their first two characters. */
let districtNames: { names: Map<number, number[][]>; firsts: Uint8Array } | null = null;

function districtTable(): { names: Map<number, number[][]>; firsts: Uint8Array } {
  if (districtNames) return districtNames;
  const names = new Set<string>();
  for (const d of DISTRICTS) {
    if (d.includes('（')) continue;
    names.add(d);
    const short = d.replace(/(土家族苗族自治县|苗族土家族自治县|土家族自治县|经开区|新区|区|县)$/u, '');
    if ([...short].length >= 2) names.add(short);
  }
  const table = new Map<number, number[][]>();
  const firsts = new Uint8Array(0x10000);
  for (const name of names) {
    const cps = [...name].map((c) => c.codePointAt(0)!);
    firsts[cps[0]!] = 1;
    const key = cps[0]! * 0x10000 + cps[1]!;
    const list = table.get(key) ?? [];
    list.push(cps);
    // Longest first, so 城口县 wins over 城口.
    list.sort((a, b) => b.length - a.length);
    table.set(key, list);
  }
  districtNames = { names: table, firsts };
  return districtNames;
}

function placeholderMask(text: string): Uint8Array | null {
  if (!text.includes('【')) return null;
  const mask = new Uint8Array(text.length);
  let any = false;
  for (const m of text.matchAll(PLACEHOLDER_PATTERN)) {
    mask.fill(1, m.index, m.index + m[0].length);
    any = true;
  }
  return any ? mask : null;
}

export interface NormalizeOptions {
  /** Keep the offsets into the original text (for highlighting matches). */
  offsets?: boolean;
  /** Keep district names as written (to compare regions, where the name is the point). */
  keepDistricts?: boolean;
}

export function normalizeText(text: string, { offsets = false, keepDistricts = false }: NormalizeOptions = {}): NormalizedText {
  const table = classTable();
  const n = text.length;
  let cps = new Int32Array(n + 8);
  let start = new Int32Array(offsets ? n + 8 : 0);
  let end = new Int32Array(offsets ? n + 8 : 0);
  const skip = placeholderMask(text);
  let o = 0;
  for (let i = 0; i < n; i++) {
    let cp = text.charCodeAt(i);
    const from = i;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000;
        i++;
      }
    }
    if (skip !== null && skip[from] === 1) continue;
    const v = cp < 0x10000 ? table[cp]! : EXPANDS;
    if (v >= 0) {
      if (offsets) {
        start[o] = from;
        end[o] = i + 1;
      }
      cps[o++] = v;
      continue;
    }
    if (v === STRIP) continue;
    for (const c of cp < 0x10000 ? expansions.get(cp)! : mapCodePoint(cp)) {
      // A mapping can expand (㌀ → アパート): make room.
      if (o >= cps.length) {
        cps = grow(cps);
        if (offsets) {
          start = grow(start);
          end = grow(end);
        }
      }
      if (offsets) {
        start[o] = from;
        end[o] = i + 1;
      }
      cps[o++] = c;
    }
  }
  const t = { cps, start, end, length: o };
  return keepDistricts ? t : maskDistricts(t, offsets);
}

function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** Replace district names in place; the text only gets shorter, so one pass suffices. */
function maskDistricts(t: NormalizedText, offsets: boolean): NormalizedText {
  const { names, firsts } = districtTable();
  const { cps, start, end } = t;
  let o = 0;
  for (let i = 0; i < t.length; ) {
    const cp = cps[i]!;
    let len = 0;
    if (cp < 0x10000 && firsts[cp] === 1 && i + 1 < t.length) {
      for (const name of names.get(cp * 0x10000 + cps[i + 1]!) ?? []) {
        if (i + name.length > t.length) continue;
        let k = 2;
        while (k < name.length && cps[i + k] === name[k]) k++;
        if (k === name.length) {
          len = name.length;
          break;
        }
      }
    }
    if (offsets) {
      start[o] = start[i]!;
      end[o] = end[i + Math.max(len, 1) - 1]!;
    }
    if (len > 0) {
      cps[o++] = DISTRICT_MARK;
      i += len;
    } else {
      cps[o++] = cp;
      i++;
    }
  }
  return { cps, start, end, length: o };
}

/** The normalized text as a string, for tests and for comparing short values (budget items, groups). */
export function normalizedString(text: string, options: NormalizeOptions = {}): string {
  const t = normalizeText(text, options);
  let s = '';
  for (let i = 0; i < t.length; i++) s += String.fromCodePoint(t.cps[i]!);
  return s;
}
