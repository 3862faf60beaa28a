import { newId, parseProposal } from '../shared/domain/factory';
import { statusLabel, type SectionId, type StatusId } from '../shared/domain/catalog';
import type { Proposal } from '../shared/domain/proposal';
import { AppError, isAppError } from '../shared/errors';
import type { FederationInputParsed, FederationOutput, FederationUser, PushResult } from '../shared/federation/contract';
import type { ReviewEvent } from '../shared/federation/review';
import type { ReviewActionId, ReviewRoleId } from '../shared/review/actions';
import { canEditText, nextStatus, TRANSITIONS } from '../core/review/machine';
import { contentHash } from '../core/util/contentHash';
import { audit } from './audit';
import { nextSeq } from './db/changes';
import type { Database, Sql } from './db/sql';
import { ROW_HEAD, toServerProposal, writeCurrent, type ProposalRow, type PushHead, type Written } from './proposalRows';
import { remember, type PushMemory } from './pushMemory';

/**
 * Review on the federation server. Every transition, comment and answer is recorded in
 * `review_events` (server migration 2), numbered in change order, and pulled by the desks that may
 * see the proposal. Who may do what comes from the session's account, never from the desk: a
 * reviewer (or admin) decides, a drafter submits, withdraws and answers for their own district.
 * A drafter's status change arrives with a pushed proposal and is checked here before it is stored.
 */

/** The review role an account acts in; a trainer takes no part in review. */
export function reviewRoleOf(user: FederationUser): ReviewRoleId | null {
  if (user.role === 'reviewer' || user.role === 'admin') return 'reviewer';
  return user.role === 'drafter' ? 'district' : null;
}

type Common = 'id' | 'seq' | 'proposalId' | 'district' | 'by' | 'at';
/** An event's own fields, kind by kind. */
type EventBody = ReviewEvent extends infer E ? (E extends ReviewEvent ? Omit<E, Common> : never) : never;

interface EventRow {
  id: number | string;
  seq: number | string;
  proposal_id: string;
  district: string;
  kind: string;
  body: Record<string, unknown>;
  by_user: string;
  at: Date;
}

const toEvent = (r: EventRow): ReviewEvent =>
  ({ ...r.body, kind: r.kind, id: Number(r.id), seq: Number(r.seq), proposalId: r.proposal_id, district: r.district, by: r.by_user, at: r.at.toISOString() }) as ReviewEvent;

async function record(tx: Sql, p: { id: string; district: string }, by: string, body: EventBody): Promise<ReviewEvent> {
  const seq = await nextSeq(tx);
  const { kind, ...rest } = body;
  const rows = await tx.query<EventRow>(
    `INSERT INTO review_events (proposal_id, district, kind, body, by_user, at, seq) VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7) RETURNING *`,
    [p.id, p.district, kind, JSON.stringify(rest), by, new Date(), seq],
  );
  return toEvent(rows[0]!);
}

/** The last submitted revision the server holds for a proposal. */
async function lastRevision(tx: Sql, id: string): Promise<{ hash: string; proposal: Proposal } | null> {
  const rows = await tx.query<{ body: { hash: string; proposal: unknown } }>(
    `SELECT body FROM review_events WHERE proposal_id = $1 AND kind = 'revision' ORDER BY seq DESC LIMIT 1`,
    [id],
  );
  return rows[0] ? { hash: rows[0].body.hash, proposal: parseProposal(rows[0].body.proposal) } : null;
}

/** A proposal submitted before the server kept revisions is decided on (and commented on) as it stands. */
async function revisionFor(tx: Sql, row: ProposalRow, by: string, out: ReviewEvent[]): Promise<{ hash: string; proposal: Proposal }> {
  const last = await lastRevision(tx, row.id);
  if (last) return last;
  const proposal = parseProposal(row.doc);
  const hash = contentHash(proposal);
  out.push(await record(tx, row, by, { kind: 'revision', hash, proposal }));
  return { hash, proposal };
}

/** Open comments whose quoted passage the new revision no longer contains were answered by the change. */
async function resolveChanged(tx: Sql, row: { id: string; district: string }, p: Proposal, by: string, out: ReviewEvent[]): Promise<void> {
  const rows = await tx.query<EventRow>(`SELECT * FROM review_events WHERE proposal_id = $1 AND kind IN ('comment', 'answer') ORDER BY seq`, [row.id]);
  const answered = new Set(rows.filter((r) => r.kind === 'answer').map((r) => r.body.commentId as string));
  for (const r of rows) {
    const c = r.body as { commentId: string; section: SectionId; quote: string };
    if (r.kind !== 'comment' || answered.has(c.commentId) || !c.quote || p.sections[c.section].text.includes(c.quote)) continue;
    out.push(await record(tx, row, by, { kind: 'answer', commentId: c.commentId, answer: '区县已修改该段文字' }));
  }
}

/** The status a merged proposal had on the server before it was merged. */
async function statusBeforeMerge(tx: Sql, id: string): Promise<string | null> {
  const rows = await tx.query<{ status: string }>(
    `SELECT doc->>'status' AS status FROM proposal_revisions WHERE proposal_id = $1 AND doc->>'status' <> 'merged' ORDER BY rev DESC LIMIT 1`,
    [id],
  );
  return rows[0]?.status ?? null;
}

async function storedProposal(tx: Sql, id: string): Promise<Proposal> {
  return parseProposal((await tx.query<{ doc: unknown }>('SELECT doc FROM proposal_docs WHERE id = $1', [id]))[0]!.doc);
}

/** The proposal without what may change after a decision: listings, disclosures, the status and the save time. */
const frozenPart = (p: Proposal) => contentHash({ ...p, status: 'draft', updatedAt: p.createdAt, listings: [], disclosures: [] });

/** Refused, or the transition the push makes and the stored row the gate read (and locked), for the write. */
export type PushGate = { refused: string } | { transition: { action: ReviewActionId; from: StatusId; to: StatusId } | null; row: PushHead | null };

/**
 * Check a drafter's pushed proposal against the server's copy: its status may change only by a step
 * the district may take from the server's status, and its text only while the district holds the pen.
 * Runs in the push's transaction (the row is locked), before the proposal is stored.
 */
export async function gatePush(tx: Sql, user: FederationUser, p: Proposal): Promise<PushGate> {
  // The row without its document: most pushes never need it (see the frozen-text check below).
  const row = (await tx.query<PushHead>(`SELECT ${ROW_HEAD} FROM proposals WHERE id = $1 FOR UPDATE`, [p.id]))[0];
  // Another district's number: the push itself refuses it, with its own message.
  if (row && row.district !== user.district) return { transition: null, row };
  const from = (row?.status ?? 'draft') as StatusId;
  const name = `项目「${p.title || p.id}」`;
  let transition: { action: ReviewActionId; from: StatusId; to: StatusId } | null = null;
  if (p.status === 'merged' || (from === 'merged' && p.status === (await statusBeforeMerge(tx, p.id)))) {
    // Merging into a brand project retires a proposal from the review path (core/merge), whatever its
    // status; undoing the merge may only give back the status it had, never a decision.
  } else if (p.status !== from) {
    const action = (Object.keys(TRANSITIONS) as ReviewActionId[]).find((a) => TRANSITIONS[a].to === p.status && TRANSITIONS[a].from.includes(from) && TRANSITIONS[a].roles.includes('district'));
    if (!action) {
      return {
        refused: `${name}在总会服务器上为「${statusLabel(from)}」，区县不能把它改为「${statusLabel(p.status)}」。审核决定（开始审核、退回、通过、不予通过）只能由总会审核人作出；请同步后再操作。`,
      };
    }
    transition = { action, from, to: p.status };
  }
  if (row && !canEditText(from) && !canEditText(p.status) && frozenPart(await storedProposal(tx, p.id)) !== frozenPart(p)) {
    const why = from === 'submitted' || from === 'reviewing' ? '正在审核，区县不能修改文字，退回修改后才能修改' : '已通过并冻结，如需修改请先「发起变更」';
    return { refused: `${name}在总会服务器上为「${statusLabel(from)}」，${why}。本次上传未保存。` };
  }
  return { transition, row: row ?? null };
}

/**
 * A drafter's push with the review rules: refused (with an audit row, nothing stored) when the gate
 * says no; otherwise stored by `store`, and a status change recorded as a review event (a submit
 * with its revision, and the comments its new text answered).
 */
export async function pushWithReview(tx: Sql, user: FederationUser, p: Proposal, store: (stored: PushHead | null) => Promise<PushResult>): Promise<PushResult> {
  const gate = await gatePush(tx, user, p);
  if ('refused' in gate) {
    await audit(tx, { user: user.name, action: 'sync.push', target: p.id, outcome: 'refused', detail: gate.refused });
    return { id: p.id, status: 'rejected', code: 'CONFLICT', message: gate.refused };
  }
  const result = await store(gate.row);
  const stored = result.status === 'accepted' || (result.status === 'conflict' && result.yoursWon);
  if (!gate.transition || !stored) return result;
  const where = { id: p.id, district: user.district };
  const out: ReviewEvent[] = [];
  let hash: string | null = (await lastRevision(tx, p.id))?.hash ?? null;
  if (gate.transition.action === 'submit') {
    hash = contentHash(p);
    out.push(await record(tx, where, user.name, { kind: 'revision', hash, proposal: p }));
    await resolveChanged(tx, where, p, user.name, out);
  }
  await record(tx, where, user.name, { kind: 'transition', ...gate.transition, role: 'district', hash, reason: '', sections: [] });
  return result;
}

/**
 * A transition made on the server under the account's role: the proposal's status (a new server
 * revision, seen by every desk on its next pull) and the review events, in one transaction.
 */
export async function actOnServer(db: Database, user: FederationUser, input: FederationInputParsed<'review.act'>, memory?: PushMemory): Promise<FederationOutput<'review.act'>> {
  const role = roleOrRefuse(user);
  let written: Written | undefined;
  const decided = await db.transaction(async (tx) => {
    const row = await ownRow(tx, user, role, input.id);
    const from = row.status as StatusId;
    const reason = input.reason.trim();
    const to = nextStatus(from, input.action, role, reason);
    const out: ReviewEvent[] = [];
    const now = new Date();
    const current = parseProposal(row.doc);
    const next: Proposal = { ...current, status: to, updatedAt: new Date(Math.max(now.getTime(), Date.parse(current.updatedAt))).toISOString() };
    let hash: string | null;
    if (input.action === 'submit') {
      hash = contentHash(next);
      out.push(await record(tx, row, user.name, { kind: 'revision', hash, proposal: next }));
      await resolveChanged(tx, row, next, user.name, out);
    } else if (['take', 'return', 'approve', 'reject'].includes(input.action)) {
      hash = (await revisionFor(tx, row, user.name, out)).hash;
    } else {
      hash = (await lastRevision(tx, row.id))?.hash ?? null;
    }
    written = await writeCurrent(tx, next, contentHash(next), row.rev + 1, user.name, false);
    out.push(await record(tx, row, user.name, { kind: 'transition', action: input.action, from, to, role, hash, reason, sections: input.sections }));
    const stored = (await tx.query<ProposalRow>('SELECT * FROM proposal_docs WHERE id = $1', [row.id]))[0]!;
    return { proposal: toServerProposal(stored), events: out };
  });
  // Committed: the district's next edit of it can be written without reading it first (proposals.ts).
  if (written) remember(memory, [written]);
  return decided;
}

/** A reviewer's comment on a passage of the last submitted revision. */
export async function commentOnServer(db: Database, user: FederationUser, input: FederationInputParsed<'review.comment'>): Promise<FederationOutput<'review.comment'>> {
  if (roleOrRefuse(user) !== 'reviewer') throw new AppError('FORBIDDEN', '只有总会审核人可以批注；区县可以答复批注');
  return db.transaction(async (tx) => {
    const row = await ownRow(tx, user, 'reviewer', input.id);
    if (row.status === 'draft') throw new AppError('CONFLICT', '项目还没有提交过，没有可以批注的版本');
    const out: ReviewEvent[] = [];
    const revision = await revisionFor(tx, row, user.name, out);
    if (input.quote && !revision.proposal.sections[input.section].text.includes(input.quote)) {
      throw new AppError('INVALID_INPUT', '所引用的文字不在最近提交的版本的该章节中');
    }
    const commentId = input.commentId ?? newId();
    const existing = await tx.query<EventRow>(`SELECT * FROM review_events WHERE kind = 'comment' AND body->>'commentId' = $1`, [commentId]);
    if (existing[0]) return { events: [toEvent(existing[0])] };
    out.push(await record(tx, row, user.name, { kind: 'comment', commentId, hash: revision.hash, section: input.section, quote: input.quote, body: input.body }));
    return { events: out };
  });
}

/** An answer to a comment: by the proposal's district (or a reviewer). Answering twice changes nothing. */
export async function answerOnServer(db: Database, user: FederationUser, input: FederationInputParsed<'review.answer'>): Promise<FederationOutput<'review.answer'>> {
  const role = roleOrRefuse(user);
  return db.transaction(async (tx) => {
    const row = await ownRow(tx, user, role, input.id);
    const found = await tx.query<EventRow>(
      `SELECT * FROM review_events WHERE proposal_id = $1 AND kind IN ('comment', 'answer') AND body->>'commentId' = $2 ORDER BY seq`,
      [row.id, input.commentId],
    );
    if (!found.some((r) => r.kind === 'comment')) throw new AppError('NOT_FOUND', '服务器上没有这条批注');
    const answered = found.find((r) => r.kind === 'answer');
    if (answered) return { events: [toEvent(answered)] };
    return { events: [await record(tx, row, user.name, { kind: 'answer', commentId: input.commentId, answer: input.answer.trim() || '已处理' })] };
  });
}

/**
 * The review events an account sees: none for a trainer (null), else those of `district`, or of
 * every district when that is null (reviewers). Shared by `review.pull` and the pull's question
 * whether any wait, which must never disagree.
 */
export function reviewEventScope(user: FederationUser): { district: string | null } | null {
  const role = reviewRoleOf(user);
  return role === null ? null : { district: role === 'district' ? user.district : null };
}

/** The review events after `cursor` this account may see: a drafter its district's, a reviewer all. */
export async function pullReviewEvents(db: Sql, user: FederationUser, cursor: number, limit: number): Promise<FederationOutput<'review.pull'>> {
  const scope = reviewEventScope(user);
  if (!scope) return { events: [], cursor, more: false };
  const rows = await db.query<EventRow>(
    `SELECT * FROM review_events WHERE seq > $1 AND ($2::text IS NULL OR district = $2) ORDER BY seq LIMIT $3`,
    [cursor, scope.district, limit + 1],
  );
  const page = rows.slice(0, limit).map(toEvent);
  return { events: page, cursor: page.length > 0 ? page[page.length - 1]!.seq : cursor, more: rows.length > limit };
}

function roleOrRefuse(user: FederationUser): ReviewRoleId {
  const role = reviewRoleOf(user);
  if (!role) throw new AppError('FORBIDDEN', '培训老师不参与审核');
  return role;
}

async function ownRow(tx: Sql, user: FederationUser, role: ReviewRoleId, id: string): Promise<ProposalRow> {
  const row = (await tx.query<ProposalRow>('SELECT * FROM proposal_docs WHERE id = $1 FOR UPDATE', [id]))[0];
  if (!row) throw new AppError('NOT_FOUND', '总会服务器上没有该项目（区县可能尚未同步上传）');
  if (row.deleted_at) throw new AppError('NOT_FOUND', `该项目已被「${row.district}」删除，不能再审核`);
  if (role === 'district' && row.district !== user.district) {
    throw new AppError('FORBIDDEN', `项目属于「${row.district}」，您的账号属于「${user.district}」，只能处理本区县的项目`);
  }
  return row;
}

/**
 * Every review call is audited against the proposal it concerns, refusals included (an illegal step,
 * a role that may not take it, a missing reason, an unknown proposal).
 */
export async function auditedReview<T>(db: Sql, user: FederationUser, method: string, target: string, run: () => Promise<T>): Promise<T> {
  try {
    const value = await run();
    await audit(db, { user: user.name, action: method, target, outcome: 'ok' });
    return value;
  } catch (e) {
    if (isAppError(e)) await audit(db, { user: user.name, action: method, target, outcome: 'refused', detail: e.message });
    throw e;
  }
}
