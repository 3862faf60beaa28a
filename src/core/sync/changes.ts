import { parseProposal } from '../../shared/domain/factory';
import type { ProposalChange } from '../../shared/federation/change';
import type { ServerChange, ServerProposal } from '../../shared/federation/contract';
import type { Library } from '../library/library';
import { contentHash } from '../util/contentHash';
import type { SyncState } from './state';

type Json = Record<string, unknown>;

/** `base` with `change` applied: a new object, `base` untouched. The caller parses and hash-checks it. */
export function applyChange(base: Json, change: ProposalChange): Json {
  const out: Json = { ...base, ...change.set };
  for (const key of change.unset) delete out[key];
  if (Object.keys(change.sections).length > 0) out.sections = { ...(out.sections as Json | undefined), ...change.sections };
  return out;
}

/**
 * The revision a change was taken from, as this desk holds it: another district's read-only copy at
 * that revision, or the district's own proposal when the desk's copy is the server's `baseRev`
 * unchanged. Anything else (not held, another revision, edited here) is not a base.
 */
function heldBase(lib: Library, state: SyncState, district: string, c: ServerChange): Record<string, unknown> | 'current' | null {
  if (c.district !== district) {
    const row = lib.db.prepare('SELECT json, rev, hash FROM remote_proposals WHERE id = ?').get(c.id) as { json: string; rev: number; hash: string } | undefined;
    if (row?.rev === c.rev && row.hash === c.hash) return 'current';
    return row?.rev === c.baseRev ? (JSON.parse(row.json) as Record<string, unknown>) : null;
  }
  const synced = state.synced(c.id);
  // This desk's own push, coming back: the server's revision is already recorded here.
  if (synced?.rev === c.rev && synced.hash === c.hash) return 'current';
  const local = lib.proposals.find(c.id);
  if (!local || local.deletedAt || synced?.rev !== c.baseRev || contentHash(local.proposal) !== synced.hash) return null;
  return local.proposal as unknown as Record<string, unknown>;
}

/**
 * Pulled changes made whole again on this desk: each applied to the revision it was taken from and
 * kept only if the result is valid and has the server's content hash, so a change can never make a
 * copy differ from the server's. A change this desk holds already (its own push) needs nothing. The
 * ids it could not rebuild are `missing`: ask for them whole.
 */
export function rebuildChanges(lib: Library, state: SyncState, district: string, changes: readonly ServerChange[]): { whole: ServerProposal[]; missing: string[] } {
  const whole: ServerProposal[] = [];
  const missing: string[] = [];
  for (const c of changes) {
    const base = heldBase(lib, state, district, c);
    if (base === 'current') continue;
    let proposal = null;
    if (base) {
      try {
        proposal = parseProposal(applyChange(base, c.change));
      } catch {
        proposal = null;
      }
    }
    if (proposal && contentHash(proposal) === c.hash) {
      whole.push({ proposal, rev: c.rev, hash: c.hash, district: c.district, by: c.by, at: c.at });
    } else {
      missing.push(c.id);
    }
  }
  return { whole, missing };
}
