import type { SectionId } from '../../shared/domain/catalog';
import type { Proposal } from '../../shared/domain/proposal';
import { AppError, isAppError } from '../../shared/errors';
import type { ServerProposal } from '../../shared/federation/contract';
import type { ReviewEvent } from '../../shared/federation/review';
import type { ReviewActionId } from '../../shared/review/actions';
import type { Library } from '../library/library';
import { applyOwn, applyRemote } from './apply';
import { FederationHttp, SYNC_ERROR } from './http';
import { SyncState, type ServerRow } from './state';

/**
 * The desk's side of review through the federation server. A reviewer's transitions and comments
 * are made by the server (under the account's role) and come back as events; a district's submits
 * travel with its pushed proposal and its answers from the outbox. Events are applied to the local
 * review log, comments and revisions once each, in one transaction with the cursor. They are trusted
 * without a signature because they came over this desk's authenticated session from its configured
 * server; decisions in bundles still need the federation's signature (core/review/results.ts).
 */

/** A proposal under review on this desk: the library's, or (on a reviewer's desk that syncs) another district's kept read-only. */
export function reviewedProposal(lib: Library, id: string): Proposal {
  return lib.proposals.find(id)?.proposal ?? new SyncState(lib.db).remoteProposal(id).proposal;
}

/** The server this desk is logged in to, or null when it is not connected. */
export function serverSession(state: SyncState): { http: FederationHttp; server: ServerRow } | null {
  const server = state.server();
  if (!server) return null;
  const token = state.token();
  if (!token) throw new AppError(SYNC_ERROR.auth, '需要重新登录总会服务器（设置 → 总会服务器），审核决定和批注由服务器按账号角色作出');
  return { http: new FederationHttp(server.url, token), server };
}

/** Apply review events from `server` in the caller's transaction; each event once. Returns how many were new. */
export function applyReviewEvents(lib: Library, server: string, events: readonly ReviewEvent[]): number {
  const { db, review } = lib;
  let applied = 0;
  for (const e of events) {
    if (db.prepare('SELECT 1 FROM review_server_events WHERE server = ? AND event_id = ?').get(server, e.id)) continue;
    let step: string | null = null;
    let matchedLocal = 0;
    if (e.kind === 'revision') {
      if (review.revisionOf(e.proposalId, e.hash) === null) review.addRevision(e.proposal, e.by, e.at, e.hash);
    } else if (e.kind === 'transition') {
      step = `${e.action}:${e.from}:${e.to}`;
      matchedLocal = e.role === 'district' && ownStepAlreadyHere(lib, server, e) ? 1 : 0;
      if (!matchedLocal) {
        db.prepare(
          `INSERT INTO review_log (proposal_id, action, from_status, to_status, revision, by_user, role, reason, sections, at, origin)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'server')`,
        ).run(e.proposalId, e.action, e.from, e.to, e.hash ? review.revisionOf(e.proposalId, e.hash) : null, e.by, e.role, e.reason, JSON.stringify(e.sections), e.at);
      }
    } else if (e.kind === 'comment') {
      const n = review.revisionOf(e.proposalId, e.hash);
      if (n !== null && !db.prepare('SELECT 1 FROM review_comments WHERE id = ?').get(e.commentId)) {
        db.prepare(`INSERT INTO review_comments (id, proposal_id, revision, section, quote, body, by_user, role, at) VALUES (?, ?, ?, ?, ?, ?, ?, 'reviewer', ?)`).run(
          e.commentId, e.proposalId, n, e.section, e.quote, e.body, e.by, e.at,
        );
      }
    } else {
      db.prepare('UPDATE review_comments SET resolved_at = ?, resolution = ? WHERE id = ? AND resolved_at IS NULL').run(e.at, e.answer, e.commentId);
    }
    db.prepare('INSERT INTO review_server_events (server, event_id, proposal_id, kind, step, matched_local, applied_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      server, e.id, e.proposalId, e.kind, step, matchedLocal, new Date().toISOString(),
    );
    applied++;
  }
  return applied;
}

/**
 * A district's step made on this desk and pushed comes back as an event: it is already in the log.
 * Steps are matched by count (the n-th local submit of this proposal is the n-th such event), so
 * a second desk of the district, which made none of them, records them all.
 */
function ownStepAlreadyHere(lib: Library, server: string, e: Extract<ReviewEvent, { kind: 'transition' }>): boolean {
  const local = lib.db
    .prepare(`SELECT count(*) AS n FROM review_log WHERE proposal_id = ? AND action = ? AND from_status = ? AND to_status = ? AND origin = 'desk'`)
    .get(e.proposalId, e.action, e.from, e.to) as { n: number };
  const matched = lib.db
    .prepare(`SELECT count(*) AS n FROM review_server_events WHERE server = ? AND proposal_id = ? AND step = ? AND matched_local = 1`)
    .get(server, e.proposalId, `${e.action}:${e.from}:${e.to}`) as { n: number };
  return matched.n < local.n;
}

/** The server's copy of a proposal after a step made there: the district's own, or another's kept read-only. */
function takeProposal(lib: Library, server: ServerRow, sp: ServerProposal): void {
  if (sp.district === server.district) applyOwn(lib, new SyncState(lib.db), sp);
  else applyRemote(lib, sp);
}

/** A transition made by the server under this desk's account; applied here at once (the next pull finds it done). */
export async function actThroughServer(lib: Library, state: SyncState, id: string, action: ReviewActionId, reason: string, sections: SectionId[]): Promise<void> {
  const { http, server } = requireSession(state);
  const out = await http.call('review.act', { id, action, reason, sections });
  lib.db.transaction(() => {
    takeProposal(lib, server, out.proposal);
    applyReviewEvents(lib, server.url, out.events);
  })();
}

/** A reviewer's comment made by the server; applied here at once. */
export async function commentThroughServer(lib: Library, state: SyncState, id: string, input: { section: SectionId; quote: string; body: string }): Promise<void> {
  const { http, server } = requireSession(state);
  const out = await http.call('review.comment', { id, ...input });
  lib.db.transaction(() => applyReviewEvents(lib, server.url, out.events))();
}

function requireSession(state: SyncState): NonNullable<ReturnType<typeof serverSession>> {
  const session = serverSession(state);
  if (!session) throw new AppError('CONFLICT', '本机未连接总会服务器');
  return session;
}

/**
 * Send the answers made here since the last sync. One the server will never take (its comment is
 * unknown there, say it came in a bundle) is dropped with a warning; a network failure stops the
 * sync and they wait for the next.
 */
export async function pushAnswers(http: FederationHttp, lib: Library, server: ServerRow, warnings: string[]): Promise<number> {
  const rows = lib.db.prepare('SELECT id, proposal_id, comment_id, answer FROM review_outbox ORDER BY id').all() as { id: number; proposal_id: string; comment_id: string; answer: string }[];
  let sent = 0;
  for (const row of rows) {
    try {
      const out = await http.call('review.answer', { id: row.proposal_id, commentId: row.comment_id, answer: row.answer });
      lib.db.transaction(() => {
        applyReviewEvents(lib, server.url, out.events);
        lib.db.prepare('DELETE FROM review_outbox WHERE id = ?').run(row.id);
      })();
      sent++;
    } catch (e) {
      const never = isAppError(e) && ['NOT_FOUND', 'FORBIDDEN', 'CONFLICT', 'INVALID_INPUT'].includes(e.code);
      if (!never) throw e;
      warnings.push(`批注答复未能送达总会服务器：${e.message}`);
      lib.db.prepare('DELETE FROM review_outbox WHERE id = ?').run(row.id);
    }
  }
  return sent;
}

/** How far this desk has the review events of this server and district (0: none yet). */
export function reviewCursorOf(lib: Library, server: ServerRow): number {
  const at = lib.db.prepare('SELECT server, district, cursor FROM review_sync WHERE id = 1').get() as { server: string; district: string; cursor: number } | undefined;
  return at && at.server === server.url && at.district === server.district ? at.cursor : 0;
}

/** Bring down the review events after this desk's cursor, a page per transaction. */
export async function pullReviews(http: FederationHttp, lib: Library, server: ServerRow): Promise<number> {
  let cursor = reviewCursorOf(lib, server);
  let applied = 0;
  for (;;) {
    const page = await http.call('review.pull', { cursor });
    lib.db.transaction(() => {
      applied += applyReviewEvents(lib, server.url, page.events);
      lib.db
        .prepare(
          `INSERT INTO review_sync (id, server, district, cursor) VALUES (1, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET server = excluded.server, district = excluded.district, cursor = excluded.cursor`,
        )
        .run(server.url, server.district, page.cursor);
    })();
    if (!page.more || page.cursor === cursor) return applied;
    cursor = page.cursor;
  }
}
