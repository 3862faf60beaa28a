import type { ProposalChange } from '../shared/federation/change';
import { canonicalJson } from '../core/util/contentHash';

type Json = Record<string, unknown>;

// Both sides are usually in the proposal schema's key order (parsed on arrival), so plain JSON
// mostly decides; a field whose keys came in another order is compared as canonical JSON.
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b) || canonicalJson(a) === canonicalJson(b);
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The change from `before` to `after` (both a proposal's JSON object): top-level fields, sections one by one. */
export function diffProposal(before: Json, after: Json): ProposalChange {
  const change: ProposalChange = { set: {}, unset: [], sections: {} };
  for (const key of Object.keys(before)) if (after[key] === undefined) change.unset.push(key);
  for (const [key, value] of Object.entries(after)) {
    if (value === undefined) continue;
    if (key === 'sections' && isObject(value) && isObject(before.sections) && Object.keys(before.sections).every((s) => s in value)) {
      for (const [id, section] of Object.entries(value)) if (!same(before.sections[id], section)) change.sections[id] = section;
    } else if (!same(before[key], value)) {
      change.set[key] = value;
    }
  }
  return change;
}
