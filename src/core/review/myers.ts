/** One run of a diff: kept, inserted or deleted tokens. */
export interface Run {
  op: 'equal' | 'insert' | 'delete';
  /** Token indices: [aStart, aEnd) for equal/delete, [bStart, bEnd) for insert. */
  start: number;
  end: number;
}

/**
 * Myers' O(ND) shortest edit script between two token sequences (numbers), or null once `deadline`
 * (a performance.now() time) has passed: the caller then falls back to something coarser.
 * Common prefix and suffix are stripped first, which is most of the work for two revisions.
 */
export function myers(a: ArrayLike<number>, b: ArrayLike<number>, deadline: number): Run[] | null {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const n = a.length - pre - suf;
  const m = b.length - pre - suf;
  const runs: Run[] = [];
  if (pre > 0) runs.push({ op: 'equal', start: 0, end: pre });
  const middle = middleScript(a, b, pre, n, m, deadline);
  if (middle === null) return null;
  runs.push(...middle);
  if (suf > 0) runs.push({ op: 'equal', start: a.length - suf, end: a.length });
  return merge(runs);
}

/** Frontier entries kept for the walk back (4 bytes each). */
const MAX_TRACE = 8_000_000;

function middleScript(a: ArrayLike<number>, b: ArrayLike<number>, off: number, n: number, m: number, deadline: number): Run[] | null {
  if (n === 0 && m === 0) return [];
  if (n === 0) return [{ op: 'insert', start: off, end: off + m }];
  if (m === 0) return [{ op: 'delete', start: off, end: off + n }];
  const max = n + m;
  const size = 2 * max + 1;
  const v = new Int32Array(size);
  // Each round's frontier, to walk the path back once the end is reached.
  const trace: Int32Array[] = [];
  let kept = 0;
  for (let d = 0; d <= max; d++) {
    if ((d & 15) === 0 && performance.now() > deadline) return null;
    // The trace grows with the square of the distance: two unrelated long texts stop here, not in memory.
    kept += 2 * d + 1;
    if (kept > MAX_TRACE) return null;
    trace.push(v.slice(max - d, max + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[max + k - 1]! < v[max + k + 1]!) ? v[max + k + 1]! : v[max + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[off + x] === b[off + y]) {
        x++;
        y++;
      }
      v[max + k] = x;
      if (x >= n && y >= m) return backtrack(trace, d, n, m, off);
    }
  }
  return null;
}

function backtrack(trace: Int32Array[], dEnd: number, n: number, m: number, off: number): Run[] {
  const out: Run[] = [];
  let x = n;
  let y = m;
  for (let d = dEnd; d > 0; d--) {
    // trace[d] is the frontier as round d began, k = -d..d stored at k + d.
    const at = (k: number) => trace[d]![k + d]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    // The snake after the edit: matching tokens.
    while (x > prevX && y > prevY) {
      out.push({ op: 'equal', start: off + x - 1, end: off + x });
      x--;
      y--;
    }
    if (down) out.push({ op: 'insert', start: off + prevY, end: off + prevY + 1 });
    else out.push({ op: 'delete', start: off + prevX, end: off + prevX + 1 });
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    out.push({ op: 'equal', start: off + x - 1, end: off + x });
    x--;
    y--;
  }
  return out.reverse();
}

function merge(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    const last = out[out.length - 1];
    if (last && last.op === r.op && last.end === r.start) last.end = r.end;
    else out.push({ ...r });
  }
  return out;
}
