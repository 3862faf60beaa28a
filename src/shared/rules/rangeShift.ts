export interface Span {
  start: number;
  end: number;
}

/**
 * Carry ranges found in `before` over to `after` (the text as it is now) until the next check
 * arrives: a range in the unchanged beginning stays, one in the unchanged end moves by the length
 * difference, and one touching the edited part is dropped. So marks neither flicker off while the
 * user types nor land on the wrong characters.
 */
export function shiftRanges<T extends Span>(ranges: readonly T[], before: string, after: string): T[] {
  if (before === after) return [...ranges];
  const limit = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < limit && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix += 1;
  let suffix = 0;
  while (suffix < limit - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix += 1;
  const delta = after.length - before.length;
  const tailStart = before.length - suffix;
  const out: T[] = [];
  for (const r of ranges) {
    if (r.end <= prefix) out.push(r);
    else if (r.start >= tailStart) out.push({ ...r, start: r.start + delta, end: r.end + delta });
  }
  return out;
}
