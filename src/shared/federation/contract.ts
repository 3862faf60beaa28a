import { z } from 'zod';
import { DISTRICTS } from '../domain/catalog';
import { idSchema, proposalSchema, timestampSchema } from '../domain/proposal';
import { rulePackSchema } from '../rules/pack';
import { statsQuerySchema, statsReportSchema } from '../stats/report';
import { reviewFederationInputs as reviewIn, reviewFederationOutputs as reviewOut } from './review';
import { base64, empty, methodGuard, methodNames, type InputOf, type MethodSpec, type OutputOf, type ParsedInputOf } from '../api/methods/common';
import { serverDisclosureDue } from '../api/methods/golive';
import { serverStatsProjects } from '../api/methods/stats';
import type { Envelope } from '../api/contract';
import { proposalChangeSchema } from './change';

/**
 * The federation server's API, shared by the server (src/federation) and the desktop's sync client
 * (src/core/sync). Every call is `POST /api/:method` with a JSON body; every call except `auth.login`
 * carries `Authorization: Bearer <session token>`. Answers are the same envelopes as the desktop API:
 * `{ok:true,value}` or `{ok:false,error:{code,message,details}}` with a Chinese message.
 * `GET /healthz` answers `healthSchema` without a session.
 */

export const ROLES = [
  { id: 'drafter', label: '区县撰写人' },
  { id: 'reviewer', label: '总会审核人' },
  { id: 'trainer', label: '培训老师' },
  { id: 'admin', label: '管理员' },
] as const;
export type RoleId = (typeof ROLES)[number]['id'];
export const ROLE_IDS = ROLES.map((r) => r.id) as [RoleId, ...RoleId[]];
export const roleSchema = z.enum(ROLE_IDS, { error: '未知的角色（drafter、reviewer、trainer 或 admin）' });

export const districtSchema = z.enum(DISTRICTS, { error: '未知的区县' });
export const userNameSchema = z
  .string()
  .min(1, { error: '用户名不能为空' })
  .max(64, { error: '用户名过长' })
  .regex(/^[\p{L}\p{N}_.-]+$/u, { error: '用户名只能包含文字、数字、点、下划线和连字符' });
/** Bounded so a login cannot be used to make the server hash megabytes. */
export const passwordSchema = z.string().min(8, { error: '密码至少 8 个字符' }).max(256, { error: '密码过长' });

export const userSchema = z.object({ name: userNameSchema, district: districtSchema, role: roleSchema });
export type FederationUser = z.infer<typeof userSchema>;

/** An account as an administrator sees it. */
export const accountSchema = userSchema.extend({
  /** A disabled account cannot log in; its sessions ended when it was disabled. */
  disabled: z.boolean(),
  createdAt: timestampSchema,
  /** The last sync from a desk of this account, if any. */
  lastSyncAt: timestampSchema.nullable(),
});
export type Account = z.infer<typeof accountSchema>;

/** Lower-case hex SHA-256. */
export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, { error: '校验值无效' });

/** A proposal as the server holds it: whole, with its server revision and content hash. */
export const serverProposalSchema = z.object({
  proposal: proposalSchema,
  /** Server revision, 1 for the first accepted version, +1 for each accepted change. */
  rev: z.number().int().min(1),
  /** SHA-256 of the proposal's JSON after parsing (see src/core/util/contentHash.ts). */
  hash: sha256Schema,
  /** The district that owns it (the one whose drafters may change it). */
  district: districtSchema,
  /** Who sent the current version, and when the server accepted it. */
  by: userNameSchema,
  at: timestampSchema,
});
export type ServerProposal = z.infer<typeof serverProposalSchema>;

/**
 * A proposal's new revision as what changed since revision `baseRev` (see change.ts), sent in place
 * of the whole proposal to a desk that asked for changes and pulled `baseRev` already.
 */
export const serverChangeSchema = serverProposalSchema.omit({ proposal: true }).extend({
  id: idSchema,
  baseRev: z.number().int().min(1),
  change: proposalChangeSchema,
});
export type ServerChange = z.infer<typeof serverChangeSchema>;

/** One proposal sent up. `baseRev` is the server revision the desk last had (null: never synced). */
export const pushItemSchema = z.object({
  proposal: proposalSchema,
  baseRev: z.number().int().min(1).nullable(),
});

export const pushResultSchema = z.discriminatedUnion('status', [
  /** Stored as the new current version. */
  z.object({ id: idSchema, status: z.literal('accepted'), rev: z.number().int(), hash: sha256Schema }),
  /** Same content as the server's current version: nothing stored. */
  z.object({ id: idSchema, status: z.literal('unchanged'), rev: z.number().int(), hash: sha256Schema }),
  /**
   * The proposal changed on the server since `baseRev`. Both versions are kept: the later edit
   * (by `updatedAt`) is current, the other is a conflict revision `conflictRev` on the server.
   * `current` is what the desk should now show; `yoursWon` says whether that is the desk's version.
   */
  z.object({
    id: idSchema,
    status: z.literal('conflict'),
    current: serverProposalSchema,
    conflictRev: z.number().int(),
    yoursWon: z.boolean(),
  }),
  /** Refused (not allowed, or invalid); nothing stored for this proposal. */
  z.object({ id: idSchema, status: z.literal('rejected'), code: z.string(), message: z.string() }),
]);
export type PushResult = z.infer<typeof pushResultSchema>;

export const deleteResultSchema = z.discriminatedUnion('status', [
  z.object({ id: idSchema, status: z.literal('deleted') }),
  /** Not allowed (another district's proposal, or a role that does not write); nothing changed. */
  z.object({ id: idSchema, status: z.literal('rejected'), code: z.string(), message: z.string() }),
]);
export type DeleteResult = z.infer<typeof deleteResultSchema>;

/** A rule pack version the federation published, active from its effective date. */
export const publishedPackSchema = z.object({
  pack: rulePackSchema,
  publishedBy: userNameSchema,
  publishedAt: timestampSchema,
});
export type PublishedPack = z.infer<typeof publishedPackSchema>;

/** A handbook package (the same JSON as the 手册 screen exports) the federation published. */
export const publishedHandbookSchema = z.object({
  version: z.string().max(50),
  /** The package as `handbook.pack` exports it, base64 of its bytes. */
  package: base64(20 * 1024 * 1024),
  publishedBy: userNameSchema,
  publishedAt: timestampSchema,
});
export type PublishedHandbook = z.infer<typeof publishedHandbookSchema>;

/** A conflict the server kept for one of the caller's district's proposals. */
export const conflictNoticeSchema = z.object({
  id: idSchema,
  title: z.string(),
  conflictRev: z.number().int(),
  /** The losing version, so the desk can keep it in 历史版本 and offer to take it over. */
  proposal: proposalSchema,
  by: userNameSchema,
  at: timestampSchema,
});
export type ConflictNotice = z.infer<typeof conflictNoticeSchema>;

export const PULL_PAGE = 200;
export const MAX_PUSH_ITEMS = 50;
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

const pageCursor = z.number().int().min(0);

export const federationContract = {
  /** Exchange a user name and password for a session token. */
  'auth.login': {
    input: z.object({ user: userNameSchema, password: z.string().max(256, { error: '密码过长' }) }),
    output: z.object({ token: z.string(), expiresAt: timestampSchema, user: userSchema }),
  },
  'auth.logout': { input: empty, output: z.object({}) },
  'auth.me': { input: empty, output: userSchema },

  /**
   * Which of these images the server does not hold yet, so each is uploaded once.
   */
  'images.missing': {
    input: z.object({ sha256: z.array(sha256Schema).max(5000) }),
    output: z.object({ missing: z.array(sha256Schema) }),
  },
  /** Upload one image; the server checks the bytes against the hash. */
  'images.put': {
    input: z.object({ sha256: sha256Schema, mime: z.enum(['image/jpeg', 'image/png', 'image/webp']), data: base64(MAX_IMAGE_BYTES) }),
    output: z.object({ stored: z.boolean() }),
  },
  'images.get': {
    input: z.object({ sha256: sha256Schema }),
    output: z.object({ mime: z.enum(['image/jpeg', 'image/png', 'image/webp']), data: z.string() }),
  },

  /**
   * Send changed proposals up. Each item is applied whole in its own transaction, or not at all;
   * a proposal that uses an image the server lacks is rejected (upload the image first).
   */
  'sync.push': {
    input: z.object({ items: z.array(pushItemSchema).min(1).max(MAX_PUSH_ITEMS) }),
    output: z.object({ results: z.array(pushResultSchema) }),
  },
  /**
   * Proposals the caller's district moved to the trash: deleted on the server (kept as tombstones,
   * with their revisions), so other desks drop their copies and the similar check stops finding them.
   * Only the owning district's drafters may; sending the proposal again (restored from the trash)
   * brings it back. Deleting one already deleted or never stored is `deleted` too.
   */
  'sync.delete': {
    input: z.object({ ids: z.array(idSchema).min(1).max(MAX_PUSH_ITEMS) }),
    output: z.object({ results: z.array(deleteResultSchema) }),
  },
  /**
   * What changed since `cursor` that the caller may see: its district's proposals, other districts'
   * submitted ones (status other than 草稿), published rule packs and handbooks, conflicts kept for
   * its district. Page until `more` is false; keep `cursor` for the next sync.
   */
  'sync.pull': {
    input: z.object({
      cursor: pageCursor.default(0),
      limit: z.number().int().min(1).max(PULL_PAGE).default(PULL_PAGE),
      /**
       * The desk can apply `changes`: a proposal whose previous revision was current at `cursor` may
       * come as what changed rather than whole. Without it (older desks) every proposal comes whole.
       */
      changes: z.boolean().default(false),
      /**
       * Where the desk's review events stand (its `review.pull` cursor): the answer says in `reviews`
       * whether any it may see came after, so a sync asks `review.pull` only when there are some.
       */
      reviewCursor: pageCursor.optional(),
    }),
    output: z.object({
      proposals: z.array(serverProposalSchema),
      /** Only when asked for (`changes`); a desk that cannot apply one asks `sync.get` for the whole proposal. */
      changes: z.array(serverChangeSchema).default([]),
      /**
       * Ids the caller may no longer see: deleted by their district, or another district's proposal
       * sent back to 草稿. Desks drop their read-only copies; the owning district's desks move an
       * unchanged copy to the trash.
       */
      removed: z.array(idSchema),
      packs: z.array(publishedPackSchema),
      handbooks: z.array(publishedHandbookSchema),
      conflicts: z.array(conflictNoticeSchema),
      cursor: pageCursor,
      more: z.boolean(),
      serverTime: timestampSchema,
      /** Only when asked (`reviewCursor`): review events this caller may see wait past that cursor. */
      reviews: z.boolean().optional(),
    }),
  },

  /**
   * Whole proposals by id, as a pull would send them: for a desk that got a change it could not
   * apply (it did not hold the revision the change was taken from). Ids the caller may not see, or
   * that do not exist, come back in `removed`.
   */
  'sync.get': {
    input: z.object({ ids: z.array(idSchema).min(1).max(PULL_PAGE) }),
    output: z.object({ proposals: z.array(serverProposalSchema), removed: z.array(idSchema) }),
  },

  /** Publish a rule pack version (trainer or admin). It becomes active on desks at its effective date. */
  'rules.publish': {
    input: z.object({ pack: rulePackSchema }),
    output: z.object({ id: z.string(), version: z.string(), effectiveDate: z.string() }),
  },
  /** Publish a handbook package (trainer or admin). */
  'handbook.publish': {
    input: z.object({ version: z.string().min(1).max(50), package: base64(20 * 1024 * 1024) }),
    output: z.object({ version: z.string() }),
  },

  /** Accounts (administrators only; every change is audited). */
  'accounts.list': { input: empty, output: z.object({ accounts: z.array(accountSchema) }) },
  'accounts.add': {
    input: z.object({ name: userNameSchema, district: districtSchema, role: roleSchema, password: passwordSchema }),
    output: accountSchema,
  },
  /** Disable (ending its sessions) or enable an account. An administrator cannot disable themselves. */
  'accounts.setDisabled': { input: z.object({ name: userNameSchema, disabled: z.boolean() }), output: accountSchema },
  /** Set a new password; the account's sessions end and its failed-login wait is cleared. */
  'accounts.resetPassword': { input: z.object({ name: userNameSchema, password: passwordSchema }), output: accountSchema },

  /** The federation-wide similar-projects check: one draft against every proposal the caller may see. */
  'dedupe.similar': {
    input: z.object({ proposal: proposalSchema, limit: z.number().int().min(1).max(50).default(10) }),
    output: z.object({
      matches: z.array(z.object({ id: idSchema, title: z.string(), district: z.string(), score: z.number().min(0).max(1) })),
    }),
  },
  /** 统计报表 over every district's proposals (reviewers and admins): the same report JSON as the desktop's. */
  'stats.report': { input: statsQuerySchema, output: statsReportSchema },
  /** The projects behind one figure of the report (ids and titles for the drill-down list), as on the desk. */
  'stats.projects': serverStatsProjects,
  /**
   * 披露日程 from the server's proposals: what is due within `withinDays` or overdue. Reviewers and
   * admins see every district (or the one asked for); anyone else only their own district.
   */
  'disclosure.due': serverDisclosureDue,

  /** Review (see ./review.ts): a transition, a comment or an answer made by the server under the session's role; and the review events since `cursor`. */
  'review.act': { input: reviewIn.act, output: reviewOut.events.extend({ proposal: serverProposalSchema }) },
  'review.comment': { input: reviewIn.comment, output: reviewOut.events },
  'review.answer': { input: reviewIn.answer, output: reviewOut.events },
  'review.pull': { input: reviewIn.pull, output: reviewOut.pull },
} as const satisfies Record<string, MethodSpec>;

export type FederationContract = typeof federationContract;
export type FederationMethod = keyof FederationContract;
export type FederationInput<M extends FederationMethod> = InputOf<FederationContract, M>;
export type FederationInputParsed<M extends FederationMethod> = ParsedInputOf<FederationContract, M>;
export type FederationOutput<M extends FederationMethod> = OutputOf<FederationContract, M>;
export const FEDERATION_METHODS: FederationMethod[] = methodNames(federationContract);
export const isFederationMethod: (name: string) => name is FederationMethod = methodGuard(federationContract);

export const healthSchema = z.object({
  ok: z.literal(true),
  database: z.enum(['pglite', 'postgres']),
  schemaVersion: z.number().int(),
});
export type Health = z.infer<typeof healthSchema>;

export type FederationEnvelope<T> = Envelope<T>;
