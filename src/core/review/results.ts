import { z } from 'zod';
import { SECTION_IDS, STATUS_IDS } from '../../shared/domain/catalog';
import { idSchema, timestampSchema } from '../../shared/domain/proposal';
import { AppError } from '../../shared/errors';
import { REVIEW_ACTION_IDS } from '../../shared/review/actions';
import type { Db } from '../db/open';
import { beijingDateTime } from '../export/beijingTime';
import type { ProposalStore } from '../library/proposals';
import { nextStatus } from './machine';
import { DECISIONS, type ReviewStore } from './store';

/**
 * Review results travelling offline: the reviewer's decisions on a proposal, each signed with the
 * federation's key, and the comments. The district's desk takes them in only if every decision
 * verifies against the federation key it was given and names a revision it submitted (by hash).
 */
export const reviewResultsSchema = z.object({
  kind: z.literal('shance-review-results', { error: '不是善策审核结果文件' }),
  version: z.literal(1, { error: '审核结果文件的格式版本不受支持' }),
  proposalId: idSchema,
  decisions: z
    .array(
      z.object({
        action: z.enum(REVIEW_ACTION_IDS),
        revision: z.number().int().nullable(),
        hash: z.string().regex(/^[0-9a-f]{64}$/),
        reason: z.string().max(2000),
        sections: z.array(z.enum(SECTION_IDS)).max(SECTION_IDS.length),
        by: z.string().max(100),
        at: timestampSchema,
        to: z.enum(STATUS_IDS),
        signature: z.string().max(200).nullable(),
      }),
    )
    .max(1000),
  comments: z
    .array(
      z.object({
        id: idSchema,
        hash: z.string().regex(/^[0-9a-f]{64}$/),
        section: z.enum(SECTION_IDS),
        quote: z.string().max(2000),
        body: z.string().max(2000),
        by: z.string().max(100),
        at: timestampSchema,
      }),
    )
    .max(5000),
});
export type ReviewResults = z.infer<typeof reviewResultsSchema>;

/** The reviewer's decisions and comments on one proposal, for the district. Only signed decisions are worth sending. */
export function exportResults(review: ReviewStore, id: string): ReviewResults {
  const hashOf = new Map(review.revisions(id).map((r) => [r.n, r.hash]));
  const decisions = review
    .log(id)
    .filter((e) => DECISIONS.includes(e.action) && e.revision !== null)
    .map((e) => ({ action: e.action, revision: e.revision, hash: hashOf.get(e.revision!)!, reason: e.reason, sections: e.sections, by: e.by, at: e.at, to: e.to, signature: e.signature }));
  if (decisions.some((d) => !d.signature)) throw new AppError('FORBIDDEN', '本机不是总会审核台，审核决定没有总会签名，区县无法核验。请在总会审核台上导出审核结果。');
  const comments = review.comments(id).map((c) => ({ id: c.id, hash: hashOf.get(c.revision)!, section: c.section, quote: c.quote, body: c.body, by: c.by, at: c.at }));
  return { kind: 'shance-review-results', version: 1, proposalId: id, decisions, comments };
}

/**
 * Take review results in, all or nothing: a decision that does not verify (unsigned, tampered, or
 * signed by another key) refuses the whole file, and so does one about a revision this desk never
 * submitted. Decisions already here are skipped.
 */
export function importResults(db: Db, proposals: ProposalStore, review: ReviewStore, raw: unknown): { decisions: number; comments: number } {
  const parsed = reviewResultsSchema.safeParse(raw);
  if (!parsed.success) throw new AppError('FILE_INVALID', '审核结果文件内容不符合格式要求，未导入任何内容');
  const results = parsed.data;
  const key = review.desk().publicKey;
  if (!key) throw new AppError('FORBIDDEN', '本机未配置总会公钥，无法核验审核决定。请用 shance review desk district --federation-key 公钥文件 配置。');
  return db
    .transaction(() => {
      const p = proposals.get(results.proposalId);
      const local = new Map(review.revisions(p.id).map((r) => [r.hash, r.n]));
      const seen = new Set(review.log(p.id).map((e) => e.signature).filter(Boolean));
      let status = p.status;
      let decisions = 0;
      for (const d of results.decisions) {
        // Verified before the already-here check: a decision already taken in, altered after, is a tampered file, not nothing new.
        const verified = review.verify({ proposalId: p.id, action: d.action, revision: d.revision, hash: d.hash, reason: d.reason, by: d.by, at: d.at }, d.signature);
        if (!verified) throw new AppError('FORBIDDEN', `「${d.by}」${beijingDateTime(new Date(d.at))} 的审核决定没有有效的总会签名（未签名、被改动或不是总会签发），未导入任何内容`);
        if (seen.has(d.signature)) continue;
        const n = local.get(d.hash);
        if (n === undefined) throw new AppError('CONFLICT', '审核决定针对的版本不是本机提交的版本，未导入任何内容');
        const to = nextStatus(status, d.action, 'reviewer', d.reason);
        db.prepare(
          `INSERT INTO review_log (proposal_id, action, from_status, to_status, revision, by_user, role, reason, sections, at, origin, signature, verified)
           VALUES (?, ?, ?, ?, ?, ?, 'reviewer', ?, ?, ?, 'bundle', ?, 1)`,
        ).run(p.id, d.action, status, to, n, d.by, d.reason, JSON.stringify(d.sections), d.at, d.signature);
        status = to;
        decisions++;
      }
      if (status !== p.status) proposals.replace({ ...p, status, updatedAt: new Date().toISOString() });
      let comments = 0;
      for (const c of results.comments) {
        const n = local.get(c.hash);
        if (n === undefined || db.prepare('SELECT 1 FROM review_comments WHERE id = ?').get(c.id)) continue;
        db.prepare(`INSERT INTO review_comments (id, proposal_id, revision, section, quote, body, by_user, role, at) VALUES (?, ?, ?, ?, ?, ?, ?, 'reviewer', ?)`).run(c.id, p.id, n, c.section, c.quote, c.body, c.by, c.at);
        comments++;
      }
      return { decisions, comments };
    })
    .immediate();
}
