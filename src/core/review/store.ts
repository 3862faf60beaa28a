import { SECTION_IDS, type SectionId, type StatusId } from '../../shared/domain/catalog';
import { newId, parseProposal } from '../../shared/domain/factory';
import type { Proposal } from '../../shared/domain/proposal';
import { AppError } from '../../shared/errors';
import type { ReviewActionId, ReviewRoleId } from '../../shared/review/actions';
import type { Db } from '../db/open';
import type { ProposalStore } from '../library/proposals';
import { contentHash } from '../util/contentHash';
import { availableActions, canEditText, nextStatus } from './machine';
import { generateSigningKeys, parsePublicKey, signDecision, verifyDecision, type SignedDecision } from './signing';

export interface Actor {
  role: ReviewRoleId;
  name: string;
}

export type DeskKind = 'district' | 'federation';

export interface DeskInfo {
  kind: DeskKind;
  userName: string;
  /** The federation's public key: the desk's own on the review desk, the configured one on a district's. */
  publicKey: string | null;
  canSign: boolean;
}

export interface LogEntry {
  seq: number;
  proposalId: string;
  action: ReviewActionId;
  from: StatusId;
  to: StatusId;
  revision: number | null;
  by: string;
  role: ReviewRoleId;
  reason: string;
  sections: SectionId[];
  at: string;
  origin: 'desk' | 'server' | 'bundle';
  signature: string | null;
  /** For a decision that arrived: whether it verified against the federation's key. Null when made here. */
  verified: boolean | null;
}

export interface SubmitRevision {
  n: number;
  hash: string;
  by: string;
  at: string;
}

export interface ReviewComment {
  id: string;
  proposalId: string;
  revision: number;
  section: SectionId;
  quote: string;
  body: string;
  by: string;
  role: ReviewRoleId;
  at: string;
  resolvedAt: string | null;
  resolution: string | null;
}

export interface QueueItem {
  id: string;
  title: string;
  district: string;
  status: StatusId;
  revision: number | null;
  submittedAt: string;
  waitingMs: number;
  /** Another district's, kept read-only on a reviewer's desk that syncs (decided through the server). */
  remote: boolean;
}

interface LogRow {
  seq: number;
  proposal_id: string;
  action: string;
  from_status: string;
  to_status: string;
  revision: number | null;
  by_user: string;
  role: string;
  reason: string;
  sections: string;
  at: string;
  origin: string;
  signature: string | null;
  verified: number | null;
}

const toEntry = (r: LogRow): LogEntry => ({
  seq: r.seq,
  proposalId: r.proposal_id,
  action: r.action as ReviewActionId,
  from: r.from_status as StatusId,
  to: r.to_status as StatusId,
  revision: r.revision,
  by: r.by_user,
  role: r.role as ReviewRoleId,
  reason: r.reason,
  sections: JSON.parse(r.sections) as SectionId[],
  at: r.at,
  origin: r.origin as LogEntry['origin'],
  signature: r.signature,
  verified: r.verified === null ? null : r.verified === 1,
});

/** Decisions a reviewer makes: these are what a district must be able to trust when they arrive. */
export const DECISIONS: readonly ReviewActionId[] = ['return', 'approve', 'reject'];

/**
 * The review record of a library: submit revisions, the transition log, comments, and what the desk
 * is. Every change of status goes through `act`, in one transaction with the proposal's new status.
 */
export class ReviewStore {
  constructor(
    private readonly db: Db,
    private readonly proposals: ProposalStore,
  ) {}

  desk(): DeskInfo {
    const row = this.db.prepare('SELECT role, user_name, public_key, private_key FROM review_desk WHERE id = 1').get() as
      | { role: DeskKind; user_name: string; public_key: string | null; private_key: string | null }
      | undefined;
    if (!row) return { kind: 'district', userName: '本机', publicKey: null, canSign: false };
    return { kind: row.role, userName: row.user_name, publicKey: row.public_key, canSign: row.private_key !== null };
  }

  /**
   * Set up what this desk is. The federation's review desk makes its signing key the first time
   * (and keeps it after); a district's desk records the federation's public key it was given.
   */
  setDesk(kind: DeskKind, userName: string, federationKey?: string): DeskInfo {
    const name = userName.trim() || (kind === 'federation' ? '总会审核人' : '本机');
    this.db.transaction(() => {
      const current = this.db.prepare('SELECT role, public_key, private_key FROM review_desk WHERE id = 1').get() as
        | { role: DeskKind; public_key: string | null; private_key: string | null }
        | undefined;
      let publicKey: string | null;
      let privateKey: string | null = null;
      if (kind === 'federation') {
        const keys = current?.private_key ? { publicKey: current.public_key!, privateKey: current.private_key } : generateSigningKeys();
        publicKey = keys.publicKey;
        privateKey = keys.privateKey;
      } else {
        publicKey = federationKey !== undefined ? parsePublicKey(federationKey) : current?.role === 'district' ? current.public_key : null;
      }
      this.db
        .prepare(
          `INSERT INTO review_desk (id, role, user_name, public_key, private_key) VALUES (1, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET role = excluded.role, user_name = excluded.user_name, public_key = excluded.public_key, private_key = excluded.private_key`,
        )
        .run(kind, name, publicKey, privateKey);
    })();
    return this.desk();
  }

  /** Who acts here: the server account's role when the desk is connected, else what the desk was set up as. */
  actor(): Actor {
    const server = this.db.prepare('SELECT user_name, role FROM sync_server WHERE id = 1').get() as { user_name: string; role: string } | undefined;
    if (server) return { name: server.user_name, role: server.role === 'reviewer' || server.role === 'admin' ? 'reviewer' : 'district' };
    const desk = this.desk();
    return { name: desk.userName, role: desk.kind === 'federation' ? 'reviewer' : 'district' };
  }

  /** The actions the actor may take now. */
  actions(id: string, actor: Actor = this.actor()): ReviewActionId[] {
    return availableActions(this.proposals.get(id).status, actor.role);
  }

  /**
   * Take a step on the review path: the proposal's status, a submit revision when submitting, and
   * the log entry, all in one transaction. Refused (nothing changed) when the step is not allowed.
   */
  act(id: string, action: ReviewActionId, input: { reason?: string; sections?: SectionId[] } = {}, actor: Actor = this.actor()): LogEntry {
    const reason = (input.reason ?? '').trim();
    const sections = (input.sections ?? []).filter((s) => SECTION_IDS.includes(s));
    return this.db
      .transaction(() => {
        const p = this.proposals.live(id);
        const to = nextStatus(p.status, action, actor.role, reason);
        const at = new Date().toISOString();
        let revision = this.latest(id)?.n ?? null;
        // A proposal submitted before review kept revisions is decided on as it stands.
        if (revision === null && (action === 'return' || action === 'approve' || action === 'reject' || action === 'take')) {
          revision = this.addRevision(p, p.district || actor.name, at);
        }
        const stored = this.proposals.replace({ ...p, status: to, updatedAt: later(at, p.updatedAt) });
        // The revision is exactly what is stored (and what a sync sends up), so the server's hash of it is this one.
        if (action === 'submit') {
          revision = this.addRevision(stored, actor.name, at);
          this.resolveChanged(id, p, at);
        }
        const signature = this.signIfReviewer(actor, { proposalId: id, action, revision, hash: revision === null ? null : this.revisionHash(id, revision), reason, by: actor.name, at });
        const seq = this.db
          .prepare(
            `INSERT INTO review_log (proposal_id, action, from_status, to_status, revision, by_user, role, reason, sections, at, origin, signature)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'desk', ?)`,
          )
          .run(id, action, p.status, to, revision, actor.name, actor.role, reason, JSON.stringify(sections), at, signature).lastInsertRowid;
        return this.entry(Number(seq));
      })
      .immediate();
  }

  private signIfReviewer(actor: Actor, d: SignedDecision): string | null {
    if (actor.role !== 'reviewer' || !DECISIONS.includes(d.action as ReviewActionId)) return null;
    const key = this.db.prepare('SELECT private_key FROM review_desk WHERE id = 1').get() as { private_key: string | null } | undefined;
    return key?.private_key ? signDecision(d, key.private_key) : null;
  }

  /** Keep a submitted revision (immutable once written); `hash` as the sender computed it, when it arrived. */
  addRevision(p: Proposal, by: string, at: string, hash = contentHash(p)): number {
    const n = (this.latest(p.id)?.n ?? 0) + 1;
    this.db.prepare('INSERT INTO review_revisions (proposal_id, n, hash, json, by_user, at) VALUES (?, ?, ?, ?, ?, ?)').run(p.id, n, hash, JSON.stringify(p), by, at);
    return n;
  }

  /** The number this desk gave the revision with this content hash, if it holds it. */
  revisionOf(id: string, hash: string): number | null {
    const row = this.db.prepare('SELECT n FROM review_revisions WHERE proposal_id = ? AND hash = ? ORDER BY n LIMIT 1').get(id, hash) as { n: number } | undefined;
    return row?.n ?? null;
  }

  /** Open comments whose quoted passage is no longer in its section were answered by the change. */
  private resolveChanged(id: string, p: Proposal, at: string): void {
    for (const c of this.comments(id)) {
      if (c.resolvedAt || (c.quote && p.sections[c.section].text.includes(c.quote))) continue;
      if (!c.quote) continue;
      this.db.prepare('UPDATE review_comments SET resolved_at = ?, resolution = ? WHERE id = ?').run(at, '区县已修改该段文字', c.id);
    }
  }

  private revisionHash(id: string, n: number): string {
    return (this.db.prepare('SELECT hash FROM review_revisions WHERE proposal_id = ? AND n = ?').get(id, n) as { hash: string }).hash;
  }

  private entry(seq: number): LogEntry {
    return toEntry(this.db.prepare('SELECT * FROM review_log WHERE seq = ?').get(seq) as LogRow);
  }

  log(id: string): LogEntry[] {
    return (this.db.prepare('SELECT * FROM review_log WHERE proposal_id = ? ORDER BY seq').all(id) as LogRow[]).map(toEntry);
  }

  revisions(id: string): SubmitRevision[] {
    return this.db.prepare('SELECT n, hash, by_user AS by, at FROM review_revisions WHERE proposal_id = ? ORDER BY n DESC').all(id) as SubmitRevision[];
  }

  private latest(id: string): SubmitRevision | undefined {
    return this.db.prepare('SELECT n, hash, by_user AS by, at FROM review_revisions WHERE proposal_id = ? ORDER BY n DESC LIMIT 1').get(id) as SubmitRevision | undefined;
  }

  revision(id: string, n: number): { info: SubmitRevision; proposal: Proposal } {
    const row = this.db.prepare('SELECT n, hash, by_user AS by, at, json FROM review_revisions WHERE proposal_id = ? AND n = ?').get(id, n) as
      | (SubmitRevision & { json: string })
      | undefined;
    if (!row) throw new AppError('NOT_FOUND', `项目没有第 ${n} 版提交记录`);
    const { json, ...info } = row;
    return { info, proposal: parseProposal(JSON.parse(json)) };
  }

  /**
   * The revision the last approval froze (an approval that arrived unverified freezes nothing), or
   * null. While an amendment is under way this is still what is live.
   */
  frozen(id: string): SubmitRevision | null {
    const row = this.db
      .prepare(`SELECT revision FROM review_log WHERE proposal_id = ? AND action = 'approve' AND revision IS NOT NULL AND (verified IS NULL OR verified = 1) ORDER BY seq DESC LIMIT 1`)
      .get(id) as { revision: number } | undefined;
    return row ? this.revision(id, row.revision).info : null;
  }

  /** What exports and the review copy are made from: the frozen revision when there is one, else the working copy. */
  forExport(id: string): { proposal: Proposal; frozen: SubmitRevision | null } {
    const frozen = this.frozen(id);
    if (!frozen) return { proposal: this.proposals.get(id), frozen: null };
    // Listings are tracked after approval; they belong to the working copy, not to the frozen text.
    return { proposal: { ...this.revision(id, frozen.n).proposal, listings: this.proposals.get(id).listings }, frozen };
  }

  /** Refuse an editor's save unless the district holds the pen: the reviewer never edits, a decided revision is frozen. */
  guardSave(current: Proposal): void {
    if (canEditText(current.status)) return;
    const frozen = this.frozen(current.id);
    if (current.status === 'approved' || current.status === 'live' || current.status === 'closed') {
      throw new AppError('CONFLICT', `项目已通过审核${frozen ? `，第 ${frozen.n} 版已冻结` : ''}，不能直接修改。如需修改，请先「发起变更」，变更经审核通过后生效。`);
    }
    if (current.status === 'submitted' || current.status === 'reviewing') {
      throw new AppError('CONFLICT', '项目正在审核，总会审核人只能批注和决定，不能修改区县的文字；退回修改后区县才能修改。');
    }
    throw new AppError('CONFLICT', `项目当前状态不允许修改`);
  }

  comment(id: string, input: { revision?: number; section: SectionId; quote: string; body: string }, actor: Actor = this.actor()): ReviewComment {
    const body = input.body.trim();
    if (!body) throw new AppError('INVALID_INPUT', '批注内容不能为空');
    if (!SECTION_IDS.includes(input.section)) throw new AppError('INVALID_INPUT', '未知的章节');
    const p = this.proposals.get(id);
    // A proposal that arrived already submitted (a bundle from a district) is commented on as it stands.
    const revision = input.revision ?? this.latest(id)?.n ?? (p.status === 'submitted' || p.status === 'reviewing' ? this.addRevision(p, p.district || actor.name, new Date().toISOString()) : undefined);
    if (revision === undefined) throw new AppError('CONFLICT', '项目还没有提交过，没有可以批注的版本');
    const text = this.revision(id, revision).proposal.sections[input.section].text;
    if (input.quote && !text.includes(input.quote)) throw new AppError('INVALID_INPUT', `所引用的文字不在第 ${revision} 版的该章节中`);
    const c: ReviewComment = { id: newId(), proposalId: id, revision, section: input.section, quote: input.quote, body, by: actor.name, role: actor.role, at: new Date().toISOString(), resolvedAt: null, resolution: null };
    this.db
      .prepare('INSERT INTO review_comments (id, proposal_id, revision, section, quote, body, by_user, role, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(c.id, id, revision, c.section, c.quote, c.body, c.by, c.role, c.at);
    return c;
  }

  comments(id: string): ReviewComment[] {
    const rows = this.db.prepare('SELECT * FROM review_comments WHERE proposal_id = ? ORDER BY at, rowid').all(id) as Record<string, unknown>[];
    return rows.map((r) => ({
      id: r.id as string,
      proposalId: r.proposal_id as string,
      revision: r.revision as number,
      section: r.section as SectionId,
      quote: r.quote as string,
      body: r.body as string,
      by: r.by_user as string,
      role: r.role as ReviewRoleId,
      at: r.at as string,
      resolvedAt: r.resolved_at as string | null,
      resolution: r.resolution as string | null,
    }));
  }

  /** The district answers a comment: it is marked resolved with the answer. */
  resolveComment(commentId: string, answer: string): void {
    const text = answer.trim() || '已处理';
    const at = new Date().toISOString();
    this.db.transaction(() => {
      const res = this.db.prepare('UPDATE review_comments SET resolved_at = ?, resolution = ? WHERE id = ? AND resolved_at IS NULL').run(at, text, commentId);
      if (res.changes === 0) throw new AppError('NOT_FOUND', '批注不存在或已处理');
      // A desk that syncs sends the answer up with its next sync (see core/sync/reviewEvents.ts).
      if (this.db.prepare('SELECT 1 FROM sync_server WHERE id = 1').get()) {
        const { proposal_id } = this.db.prepare('SELECT proposal_id FROM review_comments WHERE id = ?').get(commentId) as { proposal_id: string };
        this.db.prepare('INSERT INTO review_outbox (proposal_id, comment_id, answer, created_at) VALUES (?, ?, ?, ?)').run(proposal_id, commentId, text, at);
      }
    })();
  }

  /** 待我审核: proposals waiting for a reviewer, longest waiting first. */
  queue(now = Date.now()): QueueItem[] {
    const rows = this.db
      .prepare(
        `SELECT p.id, p.title, p.district, p.status,
           (SELECT max(n) FROM review_revisions r WHERE r.proposal_id = p.id) AS revision,
           coalesce((SELECT max(at) FROM review_log l WHERE l.proposal_id = p.id AND l.action = 'submit'), p.updated_at) AS submitted_at, 0 AS remote,
           (SELECT max(seq) FROM review_log l WHERE l.proposal_id = p.id AND l.action = 'submit') AS submit_seq
         FROM proposals p WHERE p.deleted_at IS NULL AND p.status IN ('submitted', 'reviewing')
         UNION ALL
         -- On a reviewer's desk that syncs, the districts' submissions arrive as other districts' proposals.
         SELECT p.id, p.title, p.district, p.status,
           (SELECT max(n) FROM review_revisions r WHERE r.proposal_id = p.id),
           coalesce((SELECT max(at) FROM review_log l WHERE l.proposal_id = p.id AND l.action = 'submit'), p.updated_at), 1,
           (SELECT max(seq) FROM review_log l WHERE l.proposal_id = p.id AND l.action = 'submit')
         FROM remote_proposals p WHERE p.status IN ('submitted', 'reviewing') AND p.id NOT IN (SELECT id FROM proposals)
         -- Two submits in one millisecond keep the order they were logged in, not the order of their random ids.
         ORDER BY submitted_at, submit_seq, id`,
      )
      .all() as { id: string; title: string; district: string; status: StatusId; revision: number | null; submitted_at: string; remote: number }[];
    return rows.map((r) => ({ id: r.id, title: r.title, district: r.district, status: r.status, revision: r.revision, submittedAt: r.submitted_at, waitingMs: Math.max(0, now - Date.parse(r.submitted_at)), remote: r.remote === 1 }));
  }

  /** Check a decision that arrived from elsewhere against the federation's key this desk knows. */
  verify(d: SignedDecision, signature: string | null): boolean {
    return verifyDecision(d, signature, this.desk().publicKey);
  }
}

/** A status change is an edit in time too: it must not sort before the last save. */
function later(a: string, b: string): string {
  return Date.parse(a) >= Date.parse(b) ? a : b;
}
