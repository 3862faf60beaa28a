import { z } from 'zod';
import { SECTION_IDS, STATUS_IDS } from '../domain/catalog';
import { idSchema, proposalSchema, timestampSchema } from '../domain/proposal';
import { REVIEW_ACTION_IDS, REVIEW_ROLE_IDS } from '../review/actions';

/**
 * Review through the federation server: what the server records (as events the desks pull) and the
 * calls that make a transition or a comment under the signed-in account's role. The server decides
 * who may do what from the session; a desk trusts these events because they came over its
 * authenticated session from the server it was configured with.
 */

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const reason = z.string().max(2000, { error: '理由不能超过 2000 个字符' });

const common = {
  /** The server's event number, unique on that server: a desk applies each event once. */
  id: z.number().int(),
  /** Change order, the cursor of `review.pull`. */
  seq: z.number().int(),
  proposalId: idSchema,
  district: z.string(),
  by: z.string(),
  at: timestampSchema,
};

export const reviewEventSchema = z.discriminatedUnion('kind', [
  /** A submitted revision: the whole proposal as submitted, and its content hash. */
  z.object({ ...common, kind: z.literal('revision'), hash: sha256, proposal: proposalSchema }),
  /** A step on the review path; `hash` names the revision it concerns (null before any was submitted). */
  z.object({
    ...common,
    kind: z.literal('transition'),
    action: z.enum(REVIEW_ACTION_IDS),
    from: z.enum(STATUS_IDS),
    to: z.enum(STATUS_IDS),
    role: z.enum(REVIEW_ROLE_IDS),
    hash: sha256.nullable(),
    reason: z.string(),
    sections: z.array(z.enum(SECTION_IDS)),
  }),
  /** A reviewer's comment on a passage of one section of one revision. */
  z.object({ ...common, kind: z.literal('comment'), commentId: idSchema, hash: sha256, section: z.enum(SECTION_IDS), quote: z.string(), body: z.string() }),
  /** A comment answered (by the district, or resolved by its resubmission). */
  z.object({ ...common, kind: z.literal('answer'), commentId: idSchema, answer: z.string() }),
]);
export type ReviewEvent = z.infer<typeof reviewEventSchema>;

const events = z.array(reviewEventSchema);

export const reviewFederationInputs = {
  act: z.object({
    id: idSchema,
    action: z.enum(REVIEW_ACTION_IDS),
    reason: reason.default(''),
    sections: z.array(z.enum(SECTION_IDS)).max(SECTION_IDS.length).default([]),
  }),
  comment: z.object({
    id: idSchema,
    /** The desk may name the comment, so a retried call does not make two. */
    commentId: idSchema.optional(),
    section: z.enum(SECTION_IDS, { error: '请选择章节' }),
    quote: z.string().max(2000, { error: '引用的文字过长' }).default(''),
    body: z.string().trim().min(1, { error: '批注内容不能为空' }).max(2000, { error: '批注不能超过 2000 个字符' }),
  }),
  answer: z.object({ id: idSchema, commentId: idSchema, answer: reason.default('') }),
  pull: z.object({ cursor: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(500) }),
};

export const reviewFederationOutputs = {
  events: z.object({ events }),
  pull: z.object({ events, cursor: z.number().int().min(0), more: z.boolean() }),
};
