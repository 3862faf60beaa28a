import { z } from 'zod';
import { PLATFORM_IDS } from '../../domain/catalog';
import { idSchema, isoDateSchema, proposalSchema, timestampSchema } from '../../domain/proposal';
import { COUNT_MODES } from '../../rules/count';
import { fieldSourceSchema } from '../../rules/fieldSources';
import { findingSchema } from '../../rules/finding';
import { rulePackSchema } from '../../rules/pack';
import { severitySchema } from '../../rules/ruleBase';
import type { MethodSpec } from './common';

export const packIdSchema = z.union([z.enum(PLATFORM_IDS), z.literal('legal')], { error: '未知的规则包' });
export type PackId = z.infer<typeof packIdSchema>;

/** Pack files may be large (phrase lists); this bounds what the app sends in one import. */
export const PACK_IMPORT_MAX_CHARS = 4 * 1024 * 1024;

export const packVersionInfoSchema = z.object({
  version: z.string(),
  effectiveDate: isoDateSchema,
  /** Shipped with ShanCe (templates/rules), or imported into this library. */
  origin: z.enum(['shipped', 'imported']),
  importedAt: timestampSchema.nullable(),
  /** The changelog entry of this version. */
  summary: z.string(),
  ruleCount: z.number().int(),
  active: z.boolean(),
  /** Its effective date is still to come. */
  pending: z.boolean(),
});
export type PackVersionInfo = z.infer<typeof packVersionInfoSchema>;

export const packInfoSchema = z.object({
  id: packIdSchema,
  name: z.string(),
  activeVersion: z.string(),
  /** The version the user pinned, or null: then the newest version is active. */
  pinnedVersion: z.string().nullable(),
  /** A newer version that takes over on its effective date (none when a version is pinned). */
  upcoming: z.object({ version: z.string(), effectiveDate: isoDateSchema }).nullable(),
  /** Newest first. */
  versions: z.array(packVersionInfoSchema),
});
export type PackInfo = z.infer<typeof packInfoSchema>;

const countsSchema = z.object({ error: z.number().int(), warning: z.number().int(), info: z.number().int() });

export const packResultSchema = z.object({
  pack: packIdSchema,
  name: z.string(),
  version: z.string(),
  /** No error: the proposal may be exported for this platform. */
  ok: z.boolean(),
  counts: countsSchema,
  /** Errors first, then warnings, then infos; within each, in the pack's order. */
  findings: z.array(findingSchema),
});
export type PackResultDto = z.infer<typeof packResultSchema>;

export const fieldCounterSchema = z.object({
  pack: packIdSchema,
  fieldId: z.string(),
  label: z.string(),
  /** Proposal parts that fill the platform field; the counter sits by the first. */
  sources: z.array(fieldSourceSchema),
  current: z.number().int(),
  max: z.number().int().nullable(),
  min: z.number().int().nullable(),
  mode: z.enum(COUNT_MODES),
  /** ok: grey; near (≥ 90 % of max) and under (below min): amber; over: red. */
  state: z.enum(['ok', 'near', 'over', 'under']),
  /** False when the limit is the federation's default, not a documented platform rule. */
  verified: z.boolean(),
});
export type FieldCounterDto = z.infer<typeof fieldCounterSchema>;

export const ruleRefSchema = z.object({ ruleId: z.string(), severity: severitySchema, message: z.string() });

export const ruleChangeSchema = z.object({
  id: z.string(),
  kind: z.string(),
  message: z.string(),
  /** Each difference in words: 「级别：警告 → 错误」. */
  changes: z.array(z.string()),
});

const itemRefSchema = z.object({ id: z.string(), label: z.string() });
const itemChangeSchema = itemRefSchema.extend({ changes: z.array(z.string()) });
const sectionDiffSchema = z.object({ added: z.array(itemRefSchema), removed: z.array(itemRefSchema), changed: z.array(itemChangeSchema) });

export const packDiffSchema = z.object({
  pack: packIdSchema,
  name: z.string(),
  from: z.object({ version: z.string(), effectiveDate: isoDateSchema }),
  to: z.object({ version: z.string(), effectiveDate: isoDateSchema }),
  rules: z.object({
    added: z.array(ruleChangeSchema.omit({ changes: true }).extend({ severity: severitySchema })),
    removed: z.array(ruleChangeSchema.omit({ changes: true }).extend({ severity: severitySchema })),
    changed: z.array(ruleChangeSchema),
  }),
  /** Platform fields, their labels, required flags and length limits. */
  fields: sectionDiffSchema,
  images: sectionDiffSchema,
});
export type PackDiff = z.infer<typeof packDiffSchema>;

export const IMPACT_CHANGES = ['newlyFailing', 'newlyPassing', 'changed'] as const;
export type ImpactChange = (typeof IMPACT_CHANGES)[number];
/** How a proposal's result moved between two pack versions, as the app and the CLI both say it. */
export const IMPACT_CHANGE_LABELS: Record<ImpactChange, string> = { newlyFailing: '变为不通过', newlyPassing: '变为通过', changed: '仍不通过，原因有变' };

export const proposalImpactSchema = z.object({
  id: idSchema,
  title: z.string(),
  district: z.string(),
  /** newlyFailing: had no error, now has; newlyPassing: the reverse; changed: fails under both, for other reasons. */
  change: z.enum(IMPACT_CHANGES),
  before: z.object({ ok: z.boolean(), errors: z.number().int() }),
  after: z.object({ ok: z.boolean(), errors: z.number().int() }),
  /** Error rules that fire under the new version only: the rules responsible for failing. */
  nowFailing: z.array(ruleRefSchema),
  /** Error rules that fired under the old version only. */
  nowPassing: z.array(ruleRefSchema),
});
export type ProposalImpact = z.infer<typeof proposalImpactSchema>;

export const impactReportSchema = z.object({
  diff: packDiffSchema,
  /** Proposals checked: every proposal in the library targeting the platform (every proposal for the legal pack). */
  checked: z.number().int(),
  proposals: z.array(proposalImpactSchema),
});
export type ImpactReport = z.infer<typeof impactReportSchema>;

export const proposalRulesSummarySchema = z.object({
  id: idSchema,
  packs: z.array(
    z.object({ pack: packIdSchema, name: z.string(), ok: z.boolean(), errors: z.number().int(), warnings: z.number().int(), infos: z.number().int() }),
  ),
});

export const ruleMethods = {
  /** Every pack with its versions and which one is active. */
  'rules.packs': { input: z.object({}).default({}), output: z.object({ packs: z.array(packInfoSchema) }) },
  /** One pack version in full (the active one when no version is given). */
  'rules.pack': { input: z.object({ id: packIdSchema, version: z.string().max(40).optional() }), output: rulePackSchema },
  /**
   * Check a draft (unsaved text included) against the legal pack and its target platforms (or the
   * platforms given), with counters for every limited field.
   */
  'rules.check': {
    input: z.object({ proposal: proposalSchema, platforms: z.array(z.enum(PLATFORM_IDS)).max(PLATFORM_IDS.length).optional() }),
    output: z.object({ results: z.array(packResultSchema), counters: z.array(fieldCounterSchema) }),
  },
  /** Error/warning counts per pack for the library list. Ids not in the library are left out. */
  'rules.summaries': {
    input: z.object({ ids: z.array(idSchema).max(1000) }),
    output: z.object({ items: z.array(proposalRulesSummarySchema) }),
  },
  /** Import a pack version (or an array of them) from JSON text: all or nothing. */
  'rules.import': {
    input: z.object({ json: z.string().min(1, { error: '规则包内容为空' }).max(PACK_IMPORT_MAX_CHARS, { error: '规则包过大（上限 4 MB）' }) }),
    output: z.object({
      imported: z.array(
        z.object({ id: packIdSchema, version: z.string(), status: z.enum(['added', 'unchanged']), active: z.boolean(), effectiveDate: isoDateSchema }),
      ),
    }),
  },
  /** The differences between two versions of a pack and every library proposal whose result changes. */
  'rules.diff': {
    input: z.object({ id: packIdSchema, from: z.string().max(40), to: z.string().max(40) }),
    output: impactReportSchema,
  },
  /** Pin a version as active (null: the newest is active again). */
  'rules.pin': { input: z.object({ id: packIdSchema, version: z.string().max(40).nullable() }), output: packInfoSchema },
} as const satisfies Record<string, MethodSpec>;
