import { z } from 'zod';
import { FOCUS_AREA_IDS, PLATFORM_IDS, STATUS_IDS } from '../../domain/catalog';
import { LIMITS } from '../../domain/limits';
import { idSchema, proposalSchema, timestampSchema } from '../../domain/proposal';
import type { MethodSpec } from './common';

export const proposalSummarySchema = z.object({
  id: idSchema,
  title: z.string(),
  summary: z.string(),
  focusArea: z.enum(FOCUS_AREA_IDS).nullable(),
  district: z.string(),
  status: z.enum(STATUS_IDS),
  platforms: z.array(z.enum(PLATFORM_IDS)),
  /** Platforms where a listing is recorded as live. */
  livePlatforms: z.array(z.enum(PLATFORM_IDS)),
  /** Raised on every platform together (listings' raisedFen), null when none is recorded; and the target. */
  raisedFen: z.number().nullable(),
  targetFen: z.number().nullable(),
  isBrand: z.boolean(),
  mergedInto: idSchema.nullable(),
  chars: z.number().int(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  deletedAt: timestampSchema.nullable(),
});
export type ProposalSummary = z.infer<typeof proposalSummarySchema>;

export const listQuerySchema = z.object({
  query: z.string().max(200, { error: '搜索词过长' }).default(''),
  focusArea: z.enum(FOCUS_AREA_IDS).nullable().default(null),
  district: z.string().max(50).nullable().default(null),
  status: z.enum(STATUS_IDS).nullable().default(null),
  sort: z.enum(['updated', 'created', 'title']).default('updated'),
  order: z.enum(['asc', 'desc']).default('desc'),
  trash: z.boolean().default(false),
  limit: z.number().int().min(1).max(1000).default(200),
  offset: z.number().int().min(0).default(0),
});
export type ListQuery = z.input<typeof listQuerySchema>;
export type ListQueryParsed = z.output<typeof listQuerySchema>;

const byId = z.object({ id: idSchema });

export const revisionInfoSchema = z.object({
  rev: z.number().int(),
  savedAt: timestampSchema,
  title: z.string(),
  chars: z.number().int(),
});
export type RevisionInfo = z.infer<typeof revisionInfoSchema>;

export const createProposalInputSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1, { error: '请填写项目名称' })
    .max(LIMITS.titleChars, { error: `项目名称不能超过 ${LIMITS.titleChars} 个字符` }),
  focusArea: z.enum(FOCUS_AREA_IDS, { error: '请选择项目领域' }).nullable().default(null),
  district: z.string().max(50).default(''),
});
export type CreateProposalInput = z.output<typeof createProposalInputSchema>;

export const proposalMethods = {
  'proposal.list': {
    input: listQuerySchema,
    output: z.object({
      items: z.array(proposalSummarySchema),
      total: z.number().int(),
      /** Every district that has a proposal, for the filter. */
      districts: z.array(z.string()),
    }),
  },
  'proposal.get': { input: byId, output: proposalSchema },
  'proposal.create': { input: createProposalInputSchema, output: proposalSchema },
  'proposal.save': {
    input: z.object({ proposal: proposalSchema }),
    /** `stale` is true when the library already held a newer edit; `proposal` is then that newer edit. */
    output: z.object({ proposal: proposalSchema, stale: z.boolean() }),
  },
  'proposal.delete': { input: byId, output: z.object({ id: idSchema, title: z.string() }) },
  'proposal.restore': { input: byId, output: z.object({ id: idSchema }) },
  'proposal.revisions': { input: byId, output: z.object({ items: z.array(revisionInfoSchema) }) },
  'proposal.revision': { input: z.object({ id: idSchema, rev: z.number().int() }), output: proposalSchema },
} as const satisfies Record<string, MethodSpec>;
