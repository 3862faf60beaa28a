import { describe, expect, it } from 'vitest';
import { assertNotFuture, parsePeriod, previousPeriod, samePeriodLastYear, shanghaiToday } from '../../src/shared/stats/period';
import { changeText } from '../../src/core/stats/summary';

describe('report periods', () => {
  it('reads months, quarters, half-years, years and ranges', () => {
    expect(parsePeriod('2026-10')).toEqual({ id: '2026-10', kind: 'month', label: '2026年10月', start: '2026-10-01', end: '2026-10-31' });
    expect(parsePeriod('2026-2')).toMatchObject({ id: '2026-02', start: '2026-02-01', end: '2026-02-28' });
    expect(parsePeriod('2028-02')).toMatchObject({ end: '2028-02-29' });
    expect(parsePeriod('2026-q3')).toEqual({ id: '2026-Q3', kind: 'quarter', label: '2026年第三季度', start: '2026-07-01', end: '2026-09-30' });
    expect(parsePeriod('2026-H1')).toEqual({ id: '2026-H1', kind: 'half', label: '2026年上半年', start: '2026-01-01', end: '2026-06-30' });
    expect(parsePeriod('2026-H2')).toMatchObject({ label: '2026年下半年', start: '2026-07-01', end: '2026-12-31' });
    expect(parsePeriod('2026')).toEqual({ id: '2026', kind: 'year', label: '2026年', start: '2026-01-01', end: '2026-12-31' });
    expect(parsePeriod('2026-03-15..2026-04-14')).toEqual({ id: '2026-03-15..2026-04-14', kind: 'range', label: '2026年3月15日至2026年4月14日', start: '2026-03-15', end: '2026-04-14' });
  });

  it('refuses malformed periods with what is accepted', () => {
    for (const bad of ['2026-Q0', '2026-H3', '2026-13', '2026-00', '26-Q1', 'Q3', '2026-02-29..2026-03-01', '2026-05-01..2026-04-01', '1999', '三季度']) {
      expect(() => parsePeriod(bad), bad).toThrow(/统计期间「.*」无效.*2026-Q3（季度）/);
    }
  });

  it('finds the previous period and the same period last year', () => {
    expect(previousPeriod(parsePeriod('2026-Q1')).id).toBe('2025-Q4');
    expect(previousPeriod(parsePeriod('2026-Q3')).id).toBe('2026-Q2');
    expect(previousPeriod(parsePeriod('2026-H1')).id).toBe('2025-H2');
    expect(previousPeriod(parsePeriod('2026-H2')).id).toBe('2026-H1');
    expect(previousPeriod(parsePeriod('2026-01')).id).toBe('2025-12');
    expect(previousPeriod(parsePeriod('2026')).id).toBe('2025');
    expect(previousPeriod(parsePeriod('2026-03-01..2026-03-10')).id).toBe('2026-02-19..2026-02-28');
    expect(samePeriodLastYear(parsePeriod('2026-Q3')).id).toBe('2025-Q3');
    expect(samePeriodLastYear(parsePeriod('2028-02-29..2028-03-01')).id).toBe('2027-02-28..2027-03-01');
  });

  it('takes today in Asia/Shanghai and refuses a period not begun', () => {
    expect(shanghaiToday(new Date('2026-09-30T16:00:00Z'))).toBe('2026-10-01');
    expect(shanghaiToday(new Date('2026-09-30T15:59:59Z'))).toBe('2026-09-30');
    expect(() => assertNotFuture(parsePeriod('2026-Q4'), new Date('2026-09-30T15:59:59Z'))).toThrow('尚未开始');
    expect(() => assertNotFuture(parsePeriod('2026-Q4'), new Date('2026-09-30T16:00:00Z'))).not.toThrow();
  });

  it('writes changes without dividing by zero', () => {
    const n = (x: number) => `${x} 个`;
    expect(changeText(3, 0, n)).toBe('增加 3 个');
    expect(changeText(0, 4, n)).toBe('减少 4 个（-100.0%）');
    expect(changeText(5, 5, n)).toBe('持平');
  });
});
