/**
 * Rule pack and handbook versions are dotted numbers (1, 1.2, 1.2.10): compared numerically, part
 * by part, so 1.10 is after 1.9 and 2 equals 2.0. Negative, zero or positive, like a sort comparator.
 */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}
