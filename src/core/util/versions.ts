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

/**
 * The version in effect on `today` among one pack's versions (newest first): the newest already in
 * effect, or, while none is yet, the one that takes effect first. Shared by the desk's rule pack
 * store and the federation server, so both run the same clocks on the same day.
 */
export function inEffect<T extends { pack: { version: string; effectiveDate: string } }>(newestFirst: readonly T[], today: string): T | undefined {
  return newestFirst.find((v) => v.pack.effectiveDate <= today) ?? [...newestFirst].sort((a, b) => a.pack.effectiveDate.localeCompare(b.pack.effectiveDate))[0];
}
