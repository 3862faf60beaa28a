import dayjs from 'dayjs';

export const hhmm = (d: Date): string => dayjs(d).format('HH:mm');
export const dateTime = (iso: string): string => dayjs(iso).format('YYYY-MM-DD HH:mm');

/** Fen to a yuan amount for display, e.g. 1234567 → "12,345.67". */
export function yuan(fen: number | null): string {
  if (fen === null) return '—';
  return (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export const toFen = (yuanValue: number | null): number | null => (yuanValue === null ? null : Math.round(yuanValue * 100));
export const toYuan = (fen: number | null): number | null => (fen === null ? null : fen / 100);
