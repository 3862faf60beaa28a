import { z } from 'zod';
import { idSchema, proposalSchema, timestampSchema } from '../../domain/proposal';
import { federationContract, userNameSchema } from '../../federation/contract';
import { empty, type MethodSpec } from './common';

/**
 * What the header shows: 已同步 hh:mm (synced), n 项待上传 (pending), 离线（已保存在本机） (offline),
 * 正在同步 (syncing), 需要重新登录 (needsLogin), 同步出错 (error), 未连接总会 (unconfigured).
 */
export const SYNC_STATES = ['unconfigured', 'syncing', 'synced', 'pending', 'offline', 'needsLogin', 'error'] as const;
export type SyncStateId = (typeof SYNC_STATES)[number];

export const syncSummarySchema = z.object({
  uploaded: z.number().int(),
  /** Proposals moved to the trash here and deleted on the server. */
  deleted: z.number().int(),
  images: z.number().int(),
  rejected: z.number().int(),
  /** The district's proposals brought in or updated from the server. */
  downloaded: z.number().int(),
  /** Other districts' submitted proposals received (for 相似项目 and 同质化检查). */
  remote: z.number().int(),
  conflicts: z.number().int(),
  packs: z.array(z.object({ id: z.string(), version: z.string(), effectiveDate: z.string() })),
  handbooks: z.array(z.string()),
  /** What could not be taken in (a rule pack whose version number is already used here …), in Chinese. */
  warnings: z.array(z.string()),
  finishedAt: timestampSchema,
});
export type SyncSummary = z.infer<typeof syncSummarySchema>;

export const syncProgressSchema = z.object({
  phase: z.enum(['upload', 'download']),
  done: z.number().int(),
  /** Known for the upload; the download counts what has arrived. */
  total: z.number().int().nullable(),
});
export type SyncProgress = z.infer<typeof syncProgressSchema>;

export const syncStatusSchema = z.object({
  state: z.enum(SYNC_STATES),
  server: z.string().nullable(),
  user: z.string().nullable(),
  district: z.string().nullable(),
  role: z.string().nullable(),
  lastSyncAt: timestampSchema.nullable(),
  pending: z.number().int(),
  /** The district's proposals the server refused as they are now, with its reason. */
  rejected: z.array(z.object({ id: idSchema, title: z.string(), reason: z.string() })),
  /** Other districts' proposals held here. */
  remote: z.number().int(),
  /** Conflicts not yet looked at. */
  conflicts: z.number().int(),
  progress: syncProgressSchema.nullable(),
  lastError: z.string().nullable(),
  lastResult: syncSummarySchema.nullable(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const conflictRevisionSchema = z.object({
  conflictRev: z.number().int(),
  /** The revision (历史版本) that holds the losing version. */
  rev: z.number().int(),
  title: z.string(),
  by: z.string(),
  at: timestampSchema,
  receivedAt: timestampSchema,
  dismissed: z.boolean(),
});
export type ConflictRevision = z.infer<typeof conflictRevisionSchema>;

export const syncMethods = {
  'sync.status': { input: empty, output: syncStatusSchema },
  /** Log in to a server and remember it; the first sync then runs in the background. Nothing is stored if the login fails. */
  'sync.connect': {
    input: z.object({
      server: z.string().trim().min(1, { error: '请填写总会服务器地址' }).max(300, { error: '服务器地址过长' }),
      user: userNameSchema,
      password: z.string().min(1, { error: '请填写密码' }).max(256, { error: '密码过长' }),
    }),
    output: syncStatusSchema,
  },
  /** Start a sync now (in the background); answers at once with the status. */
  'sync.now': { input: empty, output: syncStatusSchema },
  /** Log out and forget the session; the library and what it received stay. */
  'sync.disconnect': { input: empty, output: syncStatusSchema },
  /** The versions of a proposal that lost a conflict, newest first. */
  'sync.conflicts': { input: z.object({ id: idSchema }), output: z.object({ items: z.array(conflictRevisionSchema) }) },
  /** Another district's proposal received by sync, to read (it cannot be edited here). */
  'sync.remoteProposal': {
    input: z.object({ id: idSchema }),
    output: z.object({ proposal: proposalSchema, district: z.string(), by: z.string(), at: timestampSchema, rev: z.number().int() }),
  },
  /**
   * 账号管理 for an administrator signed in on this desk: the server's accounts, passed through (the
   * server checks the role and audits; these only carry the call with this desk's session).
   */
  'sync.accounts': { input: empty, output: federationContract['accounts.list'].output },
  'sync.addAccount': federationContract['accounts.add'],
  'sync.setAccountDisabled': federationContract['accounts.setDisabled'],
  'sync.resetAccountPassword': federationContract['accounts.resetPassword'],
  'sync.dismissConflict': {
    input: z.object({ id: idSchema, conflictRev: z.number().int() }),
    output: z.object({ id: idSchema, conflictRev: z.number().int() }),
  },
} as const satisfies Record<string, MethodSpec>;
