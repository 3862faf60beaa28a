import type { FieldCounterDto } from '../api/methods/rules';

const RANK: Record<FieldCounterDto['state'], number> = { over: 3, near: 2, under: 2, ok: 0 };

/** How much of the limit is used: past 1 is over. A minimum-only counter is never close to a maximum. */
function used(c: FieldCounterDto): number {
  return c.max !== null ? c.current / c.max : 0;
}

/**
 * The counter to show when several platforms limit the same field: the one in the worst state,
 * and among those the one closest to (or furthest past) its limit. Counters count in their own
 * modes, so they are compared by the share of their own limit, not by raw numbers.
 */
export function tightestCounter(counters: readonly FieldCounterDto[]): FieldCounterDto | null {
  let best: FieldCounterDto | null = null;
  for (const c of counters) {
    if (!best || RANK[c.state] > RANK[best.state] || (RANK[c.state] === RANK[best.state] && used(c) > used(best))) best = c;
  }
  return best;
}

/** The counters whose first source is this proposal part: the editor shows them beside it. */
export function countersFor(counters: readonly FieldCounterDto[], field: string): FieldCounterDto[] {
  return counters.filter((c) => c.sources[0] === field);
}
