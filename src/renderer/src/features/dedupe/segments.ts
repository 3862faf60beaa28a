/** A stretch of a text and the passages (by index) that cover it. */
export interface Segment {
  start: number;
  end: number;
  passages: number[];
}

export interface Range {
  start: number;
  end: number;
  index: number;
}

/**
 * Cut a text at every passage boundary so each piece can be marked on its own. Passages are given
 * in UTF-16 offsets (as the core computes them on the same text); they may overlap when one
 * passage matches text that occurs twice on the other side.
 */
export function segmentText(length: number, ranges: readonly Range[]): Segment[] {
  const clipped = ranges
    .map((r) => ({ ...r, start: Math.max(0, Math.min(length, r.start)), end: Math.max(0, Math.min(length, r.end)) }))
    .filter((r) => r.end > r.start);
  const cuts = [...new Set([0, length, ...clipped.flatMap((r) => [r.start, r.end])])].sort((x, y) => x - y);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    out.push({ start, end, passages: clipped.filter((r) => r.start <= start && r.end >= end).map((r) => r.index) });
  }
  return out;
}
