import type { ProposalChange } from '../shared/federation/change';

type Json = Record<string, unknown>;

/**
 * Equal as JSON, whatever the order of keys (what canonicalJson compares), without writing either
 * side out: a proposal the server stored through jsonb comes back with its editor documents' keys
 * reordered, and turning both sides of every section into text cost more than the rest of a push.
 */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => same(x, b[i]));
  }
  const x = a as Json;
  const y = b as Json;
  const keys = Object.keys(x).filter((k) => x[k] !== undefined);
  if (keys.length !== Object.keys(y).filter((k) => y[k] !== undefined).length) return false;
  return keys.every((k) => k in y && same(x[k], y[k]));
}

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
