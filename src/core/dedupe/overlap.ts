import type { Proposal } from '../../shared/domain/proposal';
import { normalizedString } from './normalize';

/** Structured things proposals have in common, as written in the first proposal that has them. */
export interface SharedItems {
  beneficiaryGroups: string[];
  regions: string[];
  budgetItems: string[];
}

const REGION_SEPARATORS = /[、，,；;/\s]+/u;

function groupsOf(p: Proposal): string[] {
  return p.beneficiaries.map((b) => b.type);
}

/** Where the beneficiaries are: the filing region (募捐地域, often the whole city) says nothing of that. */
function regionsOf(p: Proposal): string[] {
  return p.beneficiaries.map((b) => b.region).flatMap((r) => r.split(REGION_SEPARATORS));
}

function budgetItemsOf(p: Proposal): string[] {
  return p.budget.lines.map((l) => l.item);
}

/** Values found in at least two of the proposals, compared after normalization (district names kept). */
function sharedValues(proposals: readonly Proposal[], values: (p: Proposal) => string[]): string[] {
  const seen = new Map<string, { label: string; count: number }>();
  for (const p of proposals) {
    const mine = new Set<string>();
    for (const v of values(p)) {
      const key = normalizedString(v, { keepDistricts: true });
      if (key === '' || mine.has(key)) continue;
      mine.add(key);
      const entry = seen.get(key);
      if (entry) entry.count++;
      else seen.set(key, { label: v.trim(), count: 1 });
    }
  }
  return [...seen.values()].filter((e) => e.count >= 2).map((e) => e.label);
}

export function sharedItems(proposals: readonly Proposal[]): SharedItems {
  return {
    beneficiaryGroups: sharedValues(proposals, groupsOf),
    regions: sharedValues(proposals, regionsOf),
    budgetItems: sharedValues(proposals, budgetItemsOf),
  };
}
