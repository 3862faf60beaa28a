import { z } from 'zod';
import { STATUS_IDS } from '../../domain/catalog';
import { BUNDLE_LIMITS } from '../../domain/limits';
import { idSchema, timestampSchema } from '../../domain/proposal';
import { base64, type MethodSpec } from './common';

export const conflictResolutionSchema = z.enum(['keepBoth', 'replace', 'skip']);
export type ConflictResolution = z.infer<typeof conflictResolutionSchema>;

export const bundleEntrySummarySchema = z.object({
  id: idSchema,
  title: z.string(),
  district: z.string(),
  status: z.enum(STATUS_IDS),
  updatedAt: timestampSchema,
});
export type BundleEntrySummary = z.infer<typeof bundleEntrySummarySchema>;

export const bundleConflictSchema = z.object({
  id: idSchema,
  incomingTitle: z.string(),
  incomingDistrict: z.string(),
  incomingUpdatedAt: timestampSchema,
  existingTitle: z.string(),
  existingDistrict: z.string(),
  existingUpdatedAt: timestampSchema,
  incomingIsNewer: z.boolean(),
  /** The two look like different projects that share an id (another district's copy), not two versions of one. */
  differentProject: z.boolean(),
  /** Why, in Chinese, for the dialog: 区县不同…, 发起方不同…, 项目名称差别很大. */
  differences: z.array(z.string()),
});
export type BundleConflict = z.infer<typeof bundleConflictSchema>;

export const importResultSchema = z.object({
  added: z.array(idSchema),
  replaced: z.array(idSchema),
  copied: z.array(z.object({ from: idSchema, to: idSchema })),
  skipped: z.array(idSchema),
  images: z.number().int(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

const bundleData = base64(BUNDLE_LIMITS.fileBytes);

export const bundleMethods = {
  'bundle.export': {
    /** null exports the whole library. */
    input: z.object({ ids: z.array(idSchema).max(100_000).nullable().default(null) }),
    output: z.object({ fileName: z.string(), dataBase64: z.string(), count: z.number().int() }),
  },
  'bundle.inspect': {
    input: z.object({ dataBase64: bundleData }),
    output: z.object({ proposals: z.array(bundleEntrySummarySchema), conflicts: z.array(bundleConflictSchema) }),
  },
  'bundle.import': {
    input: z.object({
      dataBase64: bundleData,
      /** What to do with each id that is already in the library; an unanswered conflict stops the import. */
      resolutions: z.record(idSchema, conflictResolutionSchema).default({}),
    }),
    output: importResultSchema,
  },
} as const satisfies Record<string, MethodSpec>;
