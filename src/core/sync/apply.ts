import type { Proposal } from '../../shared/domain/proposal';
import type { ConflictNotice, FederationOutput, PushResult, ServerProposal } from '../../shared/federation/contract';
import type { ImageMeta } from '../library/images';
import type { Library } from '../library/library';
import { contentHash } from '../util/contentHash';
import type { SyncState } from './state';

/** A version that lost a conflict, to be kept in the proposal's history. */
export interface LosingVersion {
  id: string;
  conflictRev: number;
  proposal: Proposal;
  by: string;
  at: string;
}

export interface PageOutcome {
  own: number;
  remote: number;
  removed: number;
  conflicts: number;
}

/**
 * Keep a losing version as a pinned revision of the proposal (never updated in place, so later saves
 * cannot overwrite it) and note it for 历史版本. Already kept (the same conflict seen twice): nothing.
 */
export function keepLosingVersion(lib: Library, v: LosingVersion): boolean {
  const { db } = lib;
  if (!lib.proposals.exists(v.id)) return false;
  if (db.prepare('SELECT 1 FROM sync_conflicts WHERE proposal_id = ? AND conflict_rev = ?').get(v.id, v.conflictRev)) return false;
  const last = db.prepare('SELECT max(rev) AS rev FROM revisions WHERE proposal_id = ?').get(v.id) as { rev: number | null };
  const rev = (last.rev ?? 0) + 1;
  const now = new Date().toISOString();
  db.prepare('INSERT INTO revisions (proposal_id, rev, saved_at, json, pinned) VALUES (?, ?, ?, ?, 1)').run(v.id, rev, now, JSON.stringify(v.proposal));
  db.prepare(
    'INSERT INTO sync_conflicts (proposal_id, conflict_rev, local_rev, title, by_user, at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(v.id, v.conflictRev, rev, v.proposal.title, v.by, v.at, now);
  return true;
}

/** Make the library's copy the server's version, recording that the two now agree. */
function takeServerVersion(lib: Library, state: SyncState, sp: ServerProposal): void {
  const stored = lib.proposals.exists(sp.proposal.id) ? lib.proposals.replace(sp.proposal) : lib.proposals.insert(sp.proposal);
  // The hash of what was stored (saving normalizes), so the copy does not look changed and go back up.
  state.markSynced(stored.id, sp.rev, contentHash(stored), stored.updatedAt);
}

/**
 * One of the district's proposals from the server. The desk's copy is replaced only if it has no
 * changes the server has not seen; otherwise it is left alone and the next push lets the server
 * decide (keeping both versions).
 */
export function applyOwn(lib: Library, state: SyncState, sp: ServerProposal): boolean {
  const local = lib.proposals.find(sp.proposal.id);
  if (!local) {
    takeServerVersion(lib, state, sp);
    return true;
  }
  if (local.deletedAt) {
    // In the trash because the server had deleted it (nothing of it is recorded here any more), and
    // now restored there: it comes back. Moved to the trash on this desk: the deletion goes up instead.
    if (state.synced(sp.proposal.id)?.rev != null) return false;
    lib.proposals.restore(sp.proposal.id);
    takeServerVersion(lib, state, sp);
    return true;
  }
  const localHash = contentHash(local.proposal);
  if (localHash === sp.hash) {
    state.markSynced(sp.proposal.id, sp.rev, sp.hash, local.proposal.updatedAt);
    return false;
  }
  const synced = state.synced(sp.proposal.id);
  const unchangedHere = synced?.hash === localHash;
  if (unchangedHere && sp.rev > (synced.rev ?? 0)) {
    takeServerVersion(lib, state, sp);
    return true;
  }
  return false;
}

/**
 * One of the district's proposals deleted on the server (by another desk of the district). A copy
 * unchanged since the server last had it goes to the trash, where it can be restored (which sends it
 * again); a copy edited here since stays, and its next push brings it back on the server: nothing
 * typed is lost. Returns whether the copy went to the trash.
 */
export function applyOwnRemoval(lib: Library, state: SyncState, id: string): boolean {
  const synced = state.synced(id);
  if (synced?.rev == null) return false;
  const local = lib.proposals.find(id);
  if (!local || local.deletedAt) {
    state.forget(id);
    return false;
  }
  if (contentHash(local.proposal) !== synced.hash) return false;
  lib.proposals.softDelete(id);
  state.forget(id);
  return true;
}

/** Another district's proposal: kept apart, read-only, for the duplicate check. Drafts are not kept. */
export function applyRemote(lib: Library, sp: ServerProposal): void {
  const { proposal: p } = sp;
  if (p.status === 'draft') {
    lib.db.prepare('DELETE FROM remote_proposals WHERE id = ?').run(p.id);
    return;
  }
  lib.db
    .prepare(
      `INSERT INTO remote_proposals (id, district, title, focus_area, status, updated_at, rev, hash, by_user, at, json)
       VALUES (@id, @district, @title, @focusArea, @status, @updatedAt, @rev, @hash, @by, @at, @json)
       ON CONFLICT (id) DO UPDATE SET district = excluded.district, title = excluded.title, focus_area = excluded.focus_area,
         status = excluded.status, updated_at = excluded.updated_at, rev = excluded.rev, hash = excluded.hash,
         by_user = excluded.by_user, at = excluded.at, json = excluded.json`,
    )
    .run({
      id: p.id,
      district: sp.district,
      title: p.title,
      focusArea: p.focusArea,
      status: p.status,
      updatedAt: p.updatedAt,
      rev: sp.rev,
      hash: sp.hash,
      by: sp.by,
      at: sp.at,
      json: JSON.stringify(p),
    });
}

export function noticeToLosing(n: ConflictNotice): LosingVersion {
  return { id: n.id, conflictRev: n.conflictRev, proposal: n.proposal, by: n.by, at: n.at };
}

/**
 * One page of a pull, applied in one transaction with the cursor that follows it: either the whole
 * page and the new cursor, or (on any error) nothing, and the next sync asks for the page again.
 */
export function applyPullPage(
  lib: Library,
  state: SyncState,
  district: string,
  page: Omit<FederationOutput<'sync.pull'>, 'changes'>,
  images: ReadonlyMap<string, { meta: ImageMeta; data: Buffer }>,
): PageOutcome {
  const out: PageOutcome = { own: 0, remote: 0, removed: 0, conflicts: 0 };
  lib.db.transaction(() => {
    for (const { meta, data } of images.values()) lib.images.put(meta, data);
    for (const sp of page.proposals) {
      if (sp.district === district) {
        if (applyOwn(lib, state, sp)) out.own += 1;
      } else {
        applyRemote(lib, sp);
        out.remote += 1;
      }
    }
    for (const id of page.removed) {
      out.removed += lib.db.prepare('DELETE FROM remote_proposals WHERE id = ?').run(id).changes;
      if (applyOwnRemoval(lib, state, id)) out.removed += 1;
    }
    for (const n of page.conflicts) if (keepLosingVersion(lib, noticeToLosing(n))) out.conflicts += 1;
    state.setCursor(page.cursor);
  })();
  return out;
}

/**
 * The server's answer for one proposal sent up (`sent` is exactly what was sent). Written in the
 * caller's transaction. Returns whether a conflict was kept.
 */
export function applyPushResult(lib: Library, state: SyncState, sent: Proposal, sentHash: string, me: string, r: PushResult): boolean {
  switch (r.status) {
    case 'accepted':
    case 'unchanged':
      state.markSynced(r.id, r.rev, r.hash, sent.updatedAt);
      return false;
    case 'rejected':
      state.markRejected(r.id, sentHash, sent.updatedAt, r.message);
      return false;
    case 'conflict': {
      const { current } = r;
      if (r.yoursWon) {
        // The other desk's version is the conflict revision; it arrives with the next pull's notices.
        state.markSynced(r.id, current.rev, current.hash, sent.updatedAt);
        return false;
      }
      const local = lib.proposals.find(r.id);
      const editedSince = local !== undefined && contentHash(local.proposal) !== sentHash;
      if (editedSince) {
        // Typed on while the push was out: keep that text as the working copy and the server's
        // winner in the history; the next push sends the newer text on top of the server's revision.
        const kept = keepLosingVersion(lib, { id: r.id, conflictRev: r.conflictRev, proposal: current.proposal, by: current.by, at: current.at });
        state.markSynced(r.id, current.rev, current.hash, current.proposal.updatedAt);
        return kept;
      }
      const kept = keepLosingVersion(lib, { id: r.id, conflictRev: r.conflictRev, proposal: sent, by: me, at: new Date().toISOString() });
      takeServerVersion(lib, state, current);
      return kept;
    }
  }
}
