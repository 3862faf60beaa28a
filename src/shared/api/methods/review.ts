import { z } from 'zod';
import { SECTION_IDS, STATUS_IDS } from '../../domain/catalog';
import { idSchema, timestampSchema } from '../../domain/proposal';
import { REVIEW_ACTION_IDS, REVIEW_ROLE_IDS } from '../../review/actions';
import { base64, empty, type MethodSpec } from './common';

const revisionInfoSchema = z.object({ n: z.number().int(), hash: z.string(), by: z.string(), at: timestampSchema });

export const reviewLogEntrySchema = z.object({
  seq: z.number().int(),
  proposalId: idSchema,
  action: z.enum(REVIEW_ACTION_IDS),
  from: z.enum(STATUS_IDS),
  to: z.enum(STATUS_IDS),
  revision: z.number().int().nullable(),
  by: z.string(),
  role: z.enum(REVIEW_ROLE_IDS),
  reason: z.string(),
  sections: z.array(z.enum(SECTION_IDS)),
  at: timestampSchema,
  origin: z.enum(['desk', 'server', 'bundle']),
  signature: z.string().nullable(),
  verified: z.boolean().nullable(),
});
export type ReviewLogEntry = z.infer<typeof reviewLogEntrySchema>;

export const reviewCommentSchema = z.object({
  id: idSchema,
  proposalId: idSchema,
  revision: z.number().int(),
  section: z.enum(SECTION_IDS),
  quote: z.string(),
  body: z.string(),
  by: z.string(),
  role: z.enum(REVIEW_ROLE_IDS),
  at: timestampSchema,
  resolvedAt: timestampSchema.nullable(),
  resolution: z.string().nullable(),
});
export type ReviewCommentItem = z.infer<typeof reviewCommentSchema>;

/** Everything the editor shows about a proposal's review. */
export const reviewStateSchema = z.object({
  id: idSchema,
  status: z.enum(STATUS_IDS),
  /** Who holds the pen now: the district writes, the reviewer decides, nobody once decided. */
  penHolder: z.enum(REVIEW_ROLE_IDS).nullable(),
  editable: z.boolean(),
  actor: z.object({ role: z.enum(REVIEW_ROLE_IDS), name: z.string() }),
  actions: z.array(z.enum(REVIEW_ACTION_IDS)),
  frozen: revisionInfoSchema.nullable(),
  revisions: z.array(revisionInfoSchema),
  log: z.array(reviewLogEntrySchema),
  comments: z.array(reviewCommentSchema),
});
export type ReviewState = z.infer<typeof reviewStateSchema>;

const diffPartSchema = z.object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() });
export const revisionComparisonSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  sections: z.array(z.object({ section: z.enum(SECTION_IDS), label: z.string(), changed: z.boolean(), coarse: z.boolean(), parts: z.array(diffPartSchema) })),
  changes: z.array(z.object({ field: z.string(), text: z.string() })),
});
export type RevisionComparison = z.infer<typeof revisionComparisonSchema>;

export const reviewQueueItemSchema = z.object({
  id: idSchema,
  title: z.string(),
  district: z.string(),
  status: z.enum(STATUS_IDS),
  revision: z.number().int().nullable(),
  submittedAt: timestampSchema,
  waitingMs: z.number(),
  /** Another district's, kept read-only on a reviewer's desk that syncs: it opens as a read-only page with the review bar. */
  remote: z.boolean().default(false),
  /** Rule check: errors and warnings over the proposal's platforms. */
  errors: z.number().int(),
  warnings: z.number().int(),
  /** The most similar other proposal, when one is close enough to look at before approving. */
  similar: z.object({ id: idSchema, title: z.string(), district: z.string(), score: z.number() }).nullable(),
});
export type ReviewQueueItem = z.infer<typeof reviewQueueItemSchema>;

/** What this desk is, when not connected: a district's desk, or the federation's review desk (which holds the signing key). */
export const reviewDeskSchema = z.object({
  kind: z.enum(['district', 'federation']),
  userName: z.string(),
  /** The federation's public key: the desk's own on the review desk, the one it was given on a district's. */
  publicKey: z.string().nullable(),
  canSign: z.boolean(),
});
export type ReviewDesk = z.infer<typeof reviewDeskSchema>;

/** A PEM public key is a few hundred characters; anything longer is not one. */
const publicKeyText = z.string().trim().min(1, { error: '请粘贴或导入总会公钥' }).max(4000, { error: '总会公钥过长，不是有效的公钥' });
/** Review results are JSON; 1,000 decisions and 5,000 comments at their longest stay well under this. */
export const REVIEW_RESULTS_MAX_BYTES = 32 * 1024 * 1024;

const reason = z.string().max(2000, { error: '理由不能超过 2000 个字符' });

export const reviewMethods = {
  'review.state': { input: z.object({ id: idSchema }), output: reviewStateSchema },
  /** A step on the review path; refused (nothing changed) when the status or role does not allow it. */
  'review.act': {
    input: z.object({ id: idSchema, action: z.enum(REVIEW_ACTION_IDS), reason: reason.default(''), sections: z.array(z.enum(SECTION_IDS)).max(SECTION_IDS.length).default([]) }),
    output: reviewStateSchema,
  },
  'review.comment': {
    input: z.object({
      id: idSchema,
      section: z.enum(SECTION_IDS, { error: '请选择章节' }),
      quote: z.string().max(2000, { error: '引用的文字过长' }).default(''),
      body: z.string().trim().min(1, { error: '批注内容不能为空' }).max(2000, { error: '批注不能超过 2000 个字符' }),
    }),
    output: reviewStateSchema,
  },
  'review.resolveComment': {
    input: z.object({ id: idSchema, commentId: idSchema, answer: reason.default('') }),
    output: reviewStateSchema,
  },
  'review.compare': { input: z.object({ id: idSchema, from: z.number().int().min(1), to: z.number().int().min(1) }), output: revisionComparisonSchema },
  /** 审核档案: the proposal's whole review record for an auditor, as a zip (revisions, decisions, log, comments, DOCX summary). */
  'review.dossier': { input: z.object({ id: idSchema }), output: z.object({ fileName: z.string(), dataBase64: z.string() }) },
  'review.queue': { input: empty, output: z.object({ items: z.array(reviewQueueItemSchema) }) },
  /** 审核台设置: what this desk is when it works without the federation server. */
  'review.desk': { input: empty, output: reviewDeskSchema },
  /**
   * Set the desk up: the federation's review desk makes its signing key the first time (and keeps it);
   * a district's desk records the federation's public key (kept when none is given).
   */
  'review.setDesk': {
    input: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('federation'), name: z.string().trim().max(100, { error: '名称不能超过 100 个字符' }).default('') }),
      z.object({ kind: z.literal('district'), name: z.string().trim().max(100, { error: '名称不能超过 100 个字符' }).default(''), federationKey: publicKeyText.optional() }),
    ], { error: '请选择本机身份：区县台或总会审核台' }),
    output: reviewDeskSchema,
  },
  /** 导出审核结果 (the federation's review desk): the signed decisions and the comments on a proposal, as a file for the district. */
  'review.exportResults': {
    input: z.object({ id: idSchema }),
    output: z.object({ fileName: z.string(), dataBase64: z.string(), decisions: z.number().int(), comments: z.number().int() }),
  },
  /** 导入审核结果 (a district's desk): all or nothing, each decision verified against the federation's key. */
  'review.importResults': {
    input: z.object({ dataBase64: base64(REVIEW_RESULTS_MAX_BYTES) }),
    output: z.object({ proposalId: idSchema, title: z.string(), decisions: z.number().int(), comments: z.number().int() }),
  },
} as const satisfies Record<string, MethodSpec>;
