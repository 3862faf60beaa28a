import { myers, type Run } from './myers';

export interface DiffPart {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

export interface TextDiff {
  parts: DiffPart[];
  /**
   * True when some changed passage is shown as whole sentences replaced rather than character by
   * character, because comparing it finely would have taken too long (two unrelated texts).
   */
  coarse: boolean;
}

/** Time for one text's character-level pass; beyond it the rest is compared sentence by sentence. */
export const DIFF_BUDGET_MS = 40;

/** Sentences end at Chinese or Western stops and at line ends; the stop stays with its sentence. */
const SENTENCE = /[^。！？；!?;\n]*(?:[。！？；!?;\n]+|$)/gu;

function sentences(text: string): string[] {
  return (text.match(SENTENCE) ?? []).filter((s) => s !== '');
}

/** Give equal tokens equal numbers, so the diff compares integers. */
function numbered<T>(as: readonly T[], bs: readonly T[]): [Int32Array, Int32Array] {
  const ids = new Map<T, number>();
  const id = (t: T) => {
    let n = ids.get(t);
    if (n === undefined) ids.set(t, (n = ids.size));
    return n;
  };
  return [Int32Array.from(as, id), Int32Array.from(bs, id)];
}

/**
 * Character-level differences between two texts (Chinese has no spaces, so words cannot be the
 * unit). Sentences are compared first, then the characters of each changed stretch: a revision
 * that changes a tenth of a long text costs a few small diffs, not one large one. A stretch whose
 * character diff runs past the time budget stays as sentences deleted and inserted, and the result
 * says it is coarse.
 */
export function diffText(a: string, b: string, budgetMs = DIFF_BUDGET_MS): TextDiff {
  const deadline = performance.now() + budgetMs;
  const sa = sentences(a);
  const sb = sentences(b);
  const [na, nb] = numbered(sa, sb);
  const runs = myers(na, nb, deadline) ?? [
    { op: 'delete', start: 0, end: sa.length },
    { op: 'insert', start: 0, end: sb.length },
  ];
  const parts: DiffPart[] = [];
  let coarse = false;
  const join = (list: string[], r: Run) => list.slice(r.start, r.end).join('');
  for (let i = 0; i < runs.length; i++) {
    const r = runs[i]!;
    if (r.op === 'equal') {
      parts.push({ op: 'equal', text: join(sa, r) });
      continue;
    }
    // A stretch of deleted sentences next to inserted ones is a change to compare by character.
    const next = runs[i + 1];
    const del = r.op === 'delete' ? join(sa, r) : '';
    const ins = r.op === 'insert' ? join(sb, r) : next?.op === 'insert' ? join(sb, next) : '';
    if (r.op === 'delete' && next?.op === 'insert') i++;
    const fine = del && ins ? diffChars(del, ins, deadline) : null;
    if (fine) parts.push(...fine);
    else {
      coarse ||= del !== '' && ins !== '';
      if (del) parts.push({ op: 'delete', text: del });
      if (ins) parts.push({ op: 'insert', text: ins });
    }
  }
  return { parts: tidy(parts), coarse };
}

function diffChars(a: string, b: string, deadline: number): DiffPart[] | null {
  const ca = Array.from(a);
  const cb = Array.from(b);
  const [na, nb] = numbered(ca, cb);
  const runs = myers(na, nb, deadline);
  if (!runs) return null;
  return runs.map((r) => ({ op: r.op, text: (r.op === 'insert' ? cb : ca).slice(r.start, r.end).join('') }));
}

/**
 * Readable output: a kept run of one or two characters between two changes (a stray 的 or 。 in
 * common) is shown as part of the change, and neighbouring parts of one kind are joined, deletions
 * before insertions.
 */
function tidy(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  const push = (p: DiffPart) => {
    if (p.text === '') return;
    const last = out[out.length - 1];
    if (last && last.op === p.op) last.text += p.text;
    else if (last && last.op === 'insert' && p.op === 'delete') {
      // Keep deletion first within a change: swap, then merge with what came before.
      out.pop();
      push(p);
      push(last);
    } else out.push({ ...p });
  };
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    const changedBefore = i > 0 && parts[i - 1]!.op !== 'equal';
    const changedAfter = i < parts.length - 1 && parts[i + 1]!.op !== 'equal';
    if (p.op === 'equal' && Array.from(p.text).length <= 2 && changedBefore && changedAfter) {
      push({ op: 'delete', text: p.text });
      push({ op: 'insert', text: p.text });
    } else push(p);
  }
  return out;
}

/** The old text rebuilt from a diff (kept and deleted parts), and the new (kept and inserted). */
export function sides(d: TextDiff): { before: string; after: string } {
  return {
    before: d.parts.filter((p) => p.op !== 'insert').map((p) => p.text).join(''),
    after: d.parts.filter((p) => p.op !== 'delete').map((p) => p.text).join(''),
  };
}
