/** Calendar arithmetic on ISO dates (YYYY-MM-DD), which also compare correctly as strings. */

function parts(iso: string): [number, number, number] {
  const [y, m, d] = iso.split('-').map(Number);
  return [y!, m!, d!];
}

/** The same day `months` later, clamped to the month's last day (01-31 + 1 month = 02-28/29). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = parts(iso);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Whether the period from start to end lasts longer than `months` calendar months. */
export function lastsOver(start: string, end: string, months: number): boolean {
  return end > addMonths(start, months);
}

/** Whole months from start to end, rounded up: how long a period is, as people say it. */
export function monthsSpanned(start: string, end: string): number {
  let n = 0;
  while (addMonths(start, n) < end && n < 1200) n += 1;
  return n;
}

/**
 * Today's date where the federation works (China Standard Time, UTC+8, no daylight saving): a pack
 * effective 2026-12-01 takes over at midnight in Chongqing, not at midnight UTC.
 */
export function chongqingToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
