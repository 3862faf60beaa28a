import vm from 'node:vm';

/**
 * Regular expressions from rule packs are data from outside: two guards keep one from hanging a
 * check. At import, patterns with a repeated group that itself repeats (`(\d+)+`) are refused,
 * the classic shape of catastrophic backtracking. At run time every pattern rule runs with a time
 * budget and, when it runs out, is reported as failed to run (never as passed).
 */

/** The quantifier starting at `i`, if any: its length and whether it can repeat more than once. */
function quantifierAt(p: string, i: number): { length: number; repeats: boolean } | null {
  const c = p[i];
  let q: { length: number; repeats: boolean };
  if (c === '*' || c === '+') q = { length: 1, repeats: true };
  else if (c === '?') q = { length: 1, repeats: false };
  else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i));
    if (!m) return null;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    q = { length: m[0].length, repeats: max > 1 };
  } else return null;
  if (p[i + q.length] === '?') q.length += 1; // lazy
  return q;
}

/** Index just past the character class starting at `i` ('['). */
function skipClass(p: string, i: number): number {
  let j = i + 1;
  while (j < p.length && p[j] !== ']') j += p[j] === '\\' ? 2 : 1;
  return j + 1;
}

/** Index just past the escape starting at `i` ('\'), including \u{…} and \p{…}. */
function skipEscape(p: string, i: number): number {
  if ((/[upPk]/.test(p[i + 1] ?? '') && p[i + 2] === '{') || (p[i + 1] === 'k' && p[i + 2] === '<')) {
    const close = p.indexOf(p[i + 2] === '{' ? '}' : '>', i + 3);
    return close === -1 ? p.length : close + 1;
  }
  return i + 2;
}

/** True when a group that contains a repeating quantifier is itself repeated. */
export function hasNestedQuantifier(pattern: string): boolean {
  const groups: { repeatsInside: boolean }[] = [{ repeatsInside: false }];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '\\') i = skipEscape(pattern, i);
    else if (c === '[') i = skipClass(pattern, i);
    else if (c === '(') {
      groups.push({ repeatsInside: false });
      i += 1;
      // (?:  (?=  (?!  (?<=  (?<!  (?<name>
      if (pattern[i] === '?') {
        const m = /^\?(?::|=|!|<=|<!|<[^>]*>)/.exec(pattern.slice(i));
        i += m ? m[0].length : 1;
      }
      continue;
    } else if (c === ')') {
      const group = groups.length > 1 ? groups.pop()! : { repeatsInside: false };
      i += 1;
      const q = quantifierAt(pattern, i);
      if (q?.repeats && group.repeatsInside) return true;
      if (q) i += q.length;
      if (group.repeatsInside || q?.repeats) groups[groups.length - 1]!.repeatsInside = true;
      continue;
    } else i += 1;
    const q = quantifierAt(pattern, i);
    if (q) {
      if (q.repeats) groups[groups.length - 1]!.repeatsInside = true;
      i += q.length;
    }
  }
  return false;
}

/** How long one pattern rule may run over one proposal before it is reported as failed to run. */
export const PATTERN_BUDGET_MS = 250;

/** A pattern rule ran out of its time budget. */
export class RuleTimedOut extends Error {
  constructor(readonly budgetMs: number) {
    super(`pattern rule exceeded ${budgetMs} ms`);
  }
}

// The scan runs inside a vm context only for the vm's timeout: it is the one way to stop a
// regular expression mid-backtrack without leaving the thread. One call per rule per proposal
// (all fields at once) keeps its overhead (~0.1 ms) out of the typing loop.
const context = vm.createContext(Object.create(null) as object);
const SCAN = new vm.Script(`(() => {
  const out = [];
  for (let f = 0; f < texts.length; f++) {
    const text = texts[f];
    if (text === '') continue;
    re.lastIndex = 0;
    let hits = 0;
    let m;
    while ((m = re.exec(text)) !== null) {
      if (m[0].length === 0) { re.lastIndex += 1; continue; }
      out.push([f, m.index, m[0]]);
      if (++hits >= maxHits) break;
    }
  }
  return out;
})()`);

/** Every match (field index, start, text) of a global pattern in the texts, within the budget. */
export function scanWithBudget(re: RegExp, texts: readonly string[], maxHits: number, budgetMs = PATTERN_BUDGET_MS): [number, number, string][] {
  const ctx = context as { re?: RegExp; texts?: readonly string[]; maxHits?: number };
  ctx.re = re;
  ctx.texts = texts;
  ctx.maxHits = maxHits;
  try {
    return SCAN.runInContext(context, { timeout: budgetMs }) as [number, number, string][];
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new RuleTimedOut(budgetMs);
    throw e;
  } finally {
    ctx.re = undefined;
    ctx.texts = undefined;
  }
}
