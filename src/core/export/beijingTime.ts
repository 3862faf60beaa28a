/**
 * Times as Chinese readers expect them: Beijing time (UTC+8, no daylight saving), whatever the
 * machine's zone, and never an ISO "Z" string.
 */
const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

const parts = (d: Date) => {
  const b = new Date(d.getTime() + BEIJING_OFFSET_MS);
  return { y: b.getUTCFullYear(), m: b.getUTCMonth() + 1, d: b.getUTCDate(), h: b.getUTCHours(), min: b.getUTCMinutes(), s: b.getUTCSeconds() };
};
const two = (n: number) => String(n).padStart(2, '0');

/** 2026年11月30日 14:50（北京时间） */
export function beijingDateTime(d: Date): string {
  const t = parts(d);
  return `${t.y}年${t.m}月${t.d}日 ${two(t.h)}:${two(t.min)}（北京时间）`;
}

/** 2026年11月30日 */
export function beijingDate(d: Date): string {
  const t = parts(d);
  return `${t.y}年${t.m}月${t.d}日`;
}

/** 2026-11-30T14:50:54+08:00: machine-readable, still in Beijing time. */
export function beijingIso(d: Date): string {
  const t = parts(d);
  return `${t.y}-${two(t.m)}-${two(t.d)}T${two(t.h)}:${two(t.min)}:${two(t.s)}+08:00`;
}
