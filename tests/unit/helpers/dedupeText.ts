import { rng } from '../../../bench/corpus/cslCorpus';

/**
 * Chinese text made of random characters from the CJK block: any two texts share no 5-gram unless
 * built to, so tests control exactly what two documents have in common.
 */
export function cjkText(seed: number, chars: number): string {
  const r = rng(seed);
  let s = '';
  for (let i = 0; i < chars; i++) {
    s += String.fromCharCode(0x4e00 + Math.floor(r() * 0x5000));
    if (i % 40 === 39) s += '。';
  }
  return s;
}

/** The 5-gram strings of a normalized text, computed independently of the code under test. */
export function fiveGrams(normalized: string): Set<string> {
  const chars = [...normalized];
  const out = new Set<string>();
  if (chars.length > 0 && chars.length < 5) out.add(chars.join(''));
  for (let i = 0; i + 5 <= chars.length; i++) out.add(chars.slice(i, i + 5).join(''));
  return out;
}

/** A copy with about `share` of its characters replaced, as a district edits another's text. */
export function editedText(text: string, share: number, seed: number): string {
  const r = rng(seed);
  return [...text].map((c) => (c !== '。' && r() < share ? String.fromCharCode(0x4e00 + Math.floor(r() * 0x5000)) : c)).join('');
}
