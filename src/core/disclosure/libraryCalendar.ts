import { parseProposal } from '../../shared/domain/factory';
import type { Proposal } from '../../shared/domain/proposal';
import type { Library } from '../library/library';
import { chongqingToday } from '../rules/dates';
import type { RulePackStore } from '../rules/store';
import { clocksFromPacks, dueDisclosures, type DueItem, type DueQuery } from './calendar';

/**
 * The library's own proposals and, on a desk synced with the federation, other districts' as the
 * server last sent them: the federation's calendar covers every district.
 */
export function* calendarProposals(lib: Library): Generator<Proposal> {
  yield* lib.proposals.all();
  const remote = lib.db.prepare('SELECT json FROM remote_proposals WHERE id NOT IN (SELECT id FROM proposals) ORDER BY id');
  for (const row of remote.iterate() as Iterable<{ json: string }>) {
    // The server checked them already; one this version cannot read is left out rather than stopping the list.
    try {
      yield parseProposal(JSON.parse(row.json));
    } catch {
      continue;
    }
  }
}

/** What is due or overdue in the library, by the active rule packs' clocks. */
export function libraryDue(lib: Library, packs: RulePackStore, q: DueQuery & { today?: string } = {}): DueItem[] {
  return dueDisclosures(calendarProposals(lib), clocksFromPacks(packs.activePacks()), q.today ?? chongqingToday(), q);
}
