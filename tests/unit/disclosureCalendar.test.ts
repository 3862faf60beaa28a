import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clocksFromPacks, dueDisclosures, projectCalendar, worstState, type DueItem } from '../../src/core/disclosure/calendar';
import { loadPackDir, shippedPacksDir } from '../../src/core/rules/load';
import type { Disclosure, Listing, Proposal } from '../../src/shared/domain/proposal';
import { newDisclosure } from '../../src/shared/domain/factory';
import { makeListing, makeProposal } from './helpers/proposals';

// The shipped packs: the law's clock (legal.json), 腾讯公益's 3 months, 广益联募's 180 days; 支付宝公益 has none.
const clocks = clocksFromPacks(loadPackDir(shippedPacksDir(resolve(__dirname, '../../templates'))));

const listing = makeListing;

function project(months: { start: string; end: string }, listings: Listing[], disclosures: Disclosure[] = []): Proposal {
  return makeProposal({ title: '困境儿童助学', district: '渝中区', projectPeriod: months, fundraisingPeriod: months, listings, disclosures });
}

const published = (id: string, kind: Disclosure['kind'], marks: [Disclosure['publications'][number]['target'], string][]): Disclosure =>
  newDisclosure({ id, kind, publications: marks.map(([target, date]) => ({ target, date, url: '' })) });

const brief = (items: DueItem[]) => items.map((i) => [i.clock, i.platform, i.due]).sort((a, b) => String(a).localeCompare(String(b)));

describe('disclosure calendar', () => {
  it('a 4-month project on a platform without its own rule: only completion + 3 months', () => {
    const p = project({ start: '2026-03-01', end: '2026-06-30' }, [listing('alipay', '2026-03-01')]);
    expect(brief(projectCalendar(p, clocks, '2026-04-01'))).toEqual([['completion', null, '2026-09-30']]);
  });

  it('a 4-month project on 腾讯公益: the platform asks every 3 months from going live', () => {
    const p = project({ start: '2026-03-01', end: '2026-06-30' }, [listing('tencent', '2026-03-05')]);
    const items = projectCalendar(p, clocks, '2026-04-01');
    expect(brief(items)).toEqual([
      ['completion', null, '2026-09-30'],
      ['platform', 'tencent', '2026-06-05'],
    ]);
    const tencent = items.find((i) => i.clock === 'platform')!;
    expect(tencent.source.verified).toBe(false); // a news retelling, shown as 待核实
    expect(tencent.reason).toContain('腾讯公益');
  });

  it('a 7-month project: the law adds a quarterly clock from the start', () => {
    const p = project({ start: '2026-01-10', end: '2026-08-09' }, [listing('alipay', '2026-01-15')]);
    const items = projectCalendar(p, clocks, '2026-03-01');
    expect(brief(items)).toEqual([
      ['completion', null, '2026-11-09'],
      ['law', null, '2026-04-10'],
    ]);
    expect(items.find((i) => i.clock === 'law')!.state).toBe('upcoming');
    // Exactly six months is not "more than six": no law clock.
    const six = project({ start: '2026-01-10', end: '2026-07-10' }, [listing('alipay', '2026-01-15')]);
    expect(projectCalendar(six, clocks, '2026-03-01').map((i) => i.clock)).toEqual(['completion']);
  });

  it('a 14-month project on 腾讯公益 and 广益联募: each published disclosure restarts its own clocks only', () => {
    const p = project({ start: '2026-01-01', end: '2027-02-28' }, [listing('tencent', '2026-01-05'), listing('guangyi', '2026-01-05')], [
      published('d1', 'progress', [['tencent', '2026-03-20'], ['cishanchina', '2026-03-22']]),
    ]);
    const items = projectCalendar(p, clocks, '2026-06-25');
    expect(brief(items)).toEqual([
      ['completion', null, '2027-05-28'],
      ['law', null, '2026-06-20'],
      ['platform', 'guangyi', '2026-07-04'],
      ['platform', 'tencent', '2026-06-20'],
    ]);
    const byClock = Object.fromEntries(items.map((i) => [`${i.clock}:${i.platform}`, i]));
    expect(byClock['law:null']!.state).toBe('overdue');
    expect(byClock['law:null']!.daysLeft).toBe(-5);
    expect(byClock['platform:guangyi']!.state).toBe('due');
    expect(worstState(items)).toBe('overdue');
    // Long after: very late.
    expect(projectCalendar(p, clocks, '2026-08-01').find((i) => i.clock === 'law')!.state).toBe('veryLate');
  });

  it('after completion: the quarterly clock gives way to completion + 3 months, and the final report closes both', () => {
    const listings = [listing('tencent', '2026-01-05', 'ended')];
    const p = project({ start: '2026-01-01', end: '2026-12-31' }, listings, [published('d1', 'progress', [['tencent', '2026-11-01']])]);
    const after = projectCalendar(p, clocks, '2027-01-20');
    // The next quarter (2027-02-01) falls after the end; an ended listing has no platform clock.
    expect(brief(after)).toEqual([['completion', null, '2027-03-31']]);
    const closed = project({ start: '2026-01-01', end: '2026-12-31' }, listings, [published('d2', 'final', [['cishanchina', '2027-03-01']])]);
    expect(projectCalendar(closed, clocks, '2027-04-20')).toEqual([]);
  });

  it('a correction does not count as a new disclosure, and an unpublished record counts for nothing', () => {
    const draft = { ...published('d1', 'progress', []), activities: '写好了还没发' };
    const p = project({ start: '2026-01-01', end: '2027-02-28' }, [listing('tencent', '2026-01-05')], [draft, published('c1', 'correction', [['tencent', '2026-03-01']])]);
    const tencent = projectCalendar(p, clocks, '2026-03-10').find((i) => i.clock === 'platform')!;
    expect(tencent.since).toBe('2026-01-05');
    expect(tencent.due).toBe('2026-04-05');
  });

  it('a project not yet live has no calendar; the due list filters by window and district, most urgent first', () => {
    const notLive = project({ start: '2026-01-01', end: '2027-02-28' }, [listing('tencent', '2026-01-05', 'submitted')]);
    expect(projectCalendar(notLive, clocks, '2026-06-01')).toEqual([]);
    const a = { ...project({ start: '2026-01-01', end: '2027-02-28' }, [listing('alipay', '2026-01-05')]), id: 'a', district: '渝中区' };
    const b = { ...project({ start: '2026-02-01', end: '2027-02-28' }, [listing('alipay', '2026-02-05')]), id: 'b', district: '江北区' };
    const today = '2026-04-25';
    // a: law due 2026-04-01 (overdue); b: law due 2026-05-01 (in 6 days).
    expect(dueDisclosures([b, a, notLive], clocks, today).map((i) => [i.proposalId, i.due])).toEqual([
      ['a', '2026-04-01'],
      ['b', '2026-05-01'],
    ]);
    expect(dueDisclosures([a, b], clocks, today, { withinDays: 3 }).map((i) => i.proposalId)).toEqual(['a']);
    expect(dueDisclosures([a, b], clocks, today, { district: '江北区' }).map((i) => i.proposalId)).toEqual(['b']);
  });
});
