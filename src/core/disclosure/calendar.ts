import { platformLabel, type PlatformId } from '../../shared/domain/catalog';
import type { Disclosure, Proposal } from '../../shared/domain/proposal';
import type { DisclosureClock, RulePack } from '../../shared/rules/pack';
import type { RuleSource } from '../../shared/rules/source';
import type { ClockKind, DueState } from '../../shared/domain/disclosureLabels';
import { addMonths, lastsOver } from '../rules/dates';

/**
 * The disclosure calendar (披露日程): for a live project, the next date each clock that applies wants
 * a disclosure by. A pure function of the proposal, the clocks from the rule packs and today, so the
 * desktop, the CLI and the federation server compute the same calendar from the same proposals.
 */

export { CLOCK_LABELS, DUE_STATE_LABELS, type ClockKind, type DueState } from '../../shared/domain/disclosureLabels';

/** Days before a due date that it is listed as 即将到期. */
export const DUE_WINDOW_DAYS = 14;
/** Days after a due date that it counts as 严重逾期 (a platform may then hide or bar the project). */
export const VERY_LATE_DAYS = 30;

export interface DueItem {
  proposalId: string;
  title: string;
  district: string;
  clock: ClockKind;
  /** The platform whose rule it is (platform clock only). */
  platform: PlatformId | null;
  /** The date the clock counts from: going live, the last published disclosure, or the end of the project. */
  since: string;
  due: string;
  /** Days from today to the due date; negative when overdue. */
  daysLeft: number;
  state: DueState;
  /** What is due and why, in Chinese. */
  reason: string;
  source: RuleSource;
}

/** The clocks the rule packs set: the law's (legal pack) and each platform's. */
export interface ClockSet {
  law: DisclosureClock | null;
  platforms: Partial<Record<PlatformId, DisclosureClock>>;
}

export function clocksFromPacks(packs: readonly RulePack[]): ClockSet {
  const set: ClockSet = { law: null, platforms: {} };
  for (const pack of packs) {
    if (!pack.disclosureClock) continue;
    if (pack.id === 'legal') set.law = pack.disclosureClock;
    else set.platforms[pack.id] = pack.disclosureClock;
  }
  return set;
}

/** The parts of a proposal the calendar reads (so the server can pass proposals it has not fully parsed). */
export type CalendarProposal = Pick<Proposal, 'id' | 'title' | 'district' | 'listings' | 'disclosures' | 'fundraisingPeriod' | 'projectPeriod'>;

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;

export function addDays(iso: string, days: number): string {
  return new Date((dayNumber(iso) + days) * DAY_MS).toISOString().slice(0, 10);
}

export function dueState(daysLeft: number): DueState {
  if (daysLeft < -VERY_LATE_DAYS) return 'veryLate';
  if (daysLeft < 0) return 'overdue';
  return daysLeft <= DUE_WINDOW_DAYS ? 'due' : 'upcoming';
}

const minDate = (dates: (string | null)[]) => dates.filter((d): d is string => d !== null).sort()[0] ?? null;
const maxDate = (dates: (string | null)[]) => dates.filter((d): d is string => d !== null).sort().at(-1) ?? null;

/** When a disclosure was first published anywhere (the law counts the first), or null while unpublished. */
function firstPublished(d: Disclosure): string | null {
  return minDate(d.publications.map((x) => x.date));
}

function interval(c: DisclosureClock): { step: (iso: string) => string; words: string } | null {
  if (c.everyDays !== undefined) return { step: (iso) => addDays(iso, c.everyDays!), words: `${c.everyDays} 天` };
  if (c.everyMonths !== undefined) return { step: (iso) => addMonths(iso, c.everyMonths!), words: `${c.everyMonths} 个月` };
  return null;
}

const LIVE_STATUSES = new Set(['live', 'ended']);

/** Every clock's next due date for one project; empty when the project has not gone live. */
export function projectCalendar(p: CalendarProposal, clocks: ClockSet, today: string): DueItem[] {
  const live = p.listings.filter((l) => LIVE_STATUSES.has(l.status) && l.liveDate !== null);
  if (live.length === 0) return [];
  const goLive = minDate(live.map((l) => l.liveDate))!;
  const items: DueItem[] = [];
  const add = (clock: ClockKind, platform: PlatformId | null, since: string, due: string, reason: string, source: RuleSource) => {
    const daysLeft = dayNumber(due) - dayNumber(today);
    items.push({ proposalId: p.id, title: p.title, district: p.district, clock, platform, since, due, daysLeft, state: dueState(daysLeft), reason, source });
  };

  const published = p.disclosures.filter((d) => d.kind !== 'correction' && d.publications.length > 0);
  const finalDone = published.some((d) => d.kind === 'final');
  const start = minDate([p.fundraisingPeriod.start, p.projectPeriod.start]) ?? goLive;
  const end = maxDate([p.fundraisingPeriod.end, p.projectPeriod.end]);
  const law = clocks.law;

  if (law && !finalDone) {
    const step = interval(law);
    const over = law.whenLongerThanMonths;
    const longRun = [p.fundraisingPeriod, p.projectPeriod].some((x) => x.start && x.end && (over === undefined || lastsOver(x.start, x.end, over)));
    if (step && longRun) {
      const since = maxDate([start, ...published.map(firstPublished)])!;
      const due = step.step(since);
      // After the end, the completion clock takes over from the quarterly one.
      if (end === null || due <= end) add('law', null, since, due, `募捐或项目期超过 ${over ?? 0} 个月，至少每 ${step.words}公开一次进展`, law.source);
    }
    if (law.afterEndMonths !== undefined && end !== null) {
      add('completion', null, end, addMonths(end, law.afterEndMonths), `结束后 ${law.afterEndMonths} 个月内全面公开募捐和项目情况，含剩余财产的处理`, law.source);
    }
  }

  for (const listing of live) {
    const clock = clocks.platforms[listing.platform];
    const step = clock && listing.status === 'live' ? interval(clock) : null;
    if (!clock || !step) continue;
    const onPlatform = published.filter((d) => d.publications.some((x) => x.target === listing.platform));
    if (onPlatform.some((d) => d.kind === 'final')) continue;
    const dates = onPlatform.flatMap((d) => d.publications.filter((x) => x.target === listing.platform).map((x) => x.date));
    const since = maxDate([listing.liveDate, ...dates])!;
    add('platform', listing.platform, since, step.step(since), `${platformLabel(listing.platform)}：至少每 ${step.words}更新一次项目进展`, clock.source);
  }
  return items;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Order: the most overdue first, then by project (plain code-point order: a collator is too slow for a whole federation). */
const byDue = (a: DueItem, b: DueItem) => cmp(a.due, b.due) || cmp(a.proposalId, b.proposalId) || cmp(a.clock, b.clock) || cmp(a.platform ?? '', b.platform ?? '');

export interface DueQuery {
  /** List what falls due within this many days, and everything overdue. */
  withinDays?: number;
  district?: string | null;
}

/** What is due within the window or overdue, across many projects, most urgent first. */
export function dueDisclosures(proposals: Iterable<CalendarProposal>, clocks: ClockSet, today: string, q: DueQuery = {}): DueItem[] {
  const within = q.withinDays ?? DUE_WINDOW_DAYS;
  const out: DueItem[] = [];
  for (const p of proposals) {
    if (q.district && p.district !== q.district) continue;
    for (const item of projectCalendar(p, clocks, today)) if (item.daysLeft <= within) out.push(item);
  }
  return out.sort(byDue);
}

/** The worst state of a project's calendar, for the library's overdue mark; null when nothing is due soon. */
export function worstState(items: readonly DueItem[]): DueState | null {
  const order: DueState[] = ['veryLate', 'overdue', 'due'];
  return order.find((s) => items.some((i) => i.state === s)) ?? null;
}
