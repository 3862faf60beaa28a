import { z } from 'zod';
import { LISTING_STATUS_IDS, PLATFORM_IDS } from '../../domain/catalog';
import { BUNDLE_LIMITS } from '../../domain/limits';
import { idSchema, isoDateSchema, listingSchema, proposalSchema } from '../../domain/proposal';
import { findingSchema } from '../../rules/finding';
import { base64, type MethodSpec } from './common';

export const platformIdSchema = z.enum(PLATFORM_IDS, { error: '未知的平台' });

/** A reviewer's reason to export a platform whose checklist has errors; blank means none. */
export const overrideReasonSchema = z
  .string()
  .trim()
  .max(2000, { error: '理由不能超过 2000 个字符' })
  .nullable()
  .default(null);

/** All parts of one combined download together: each part is capped, and so is their sum. */
export const COMBINE_TOTAL_BYTES = 300 * 1024 * 1024;

/** The parts handed back for combining; their base64 text may not add up to more than `maxBytes`. */
export function combinePartsSchema(maxBytes: number) {
  return z
    .array(z.object({ fileName: z.string().min(1).max(255), dataBase64: base64(BUNDLE_LIMITS.fileBytes) }))
    .min(1, { error: '没有要打包的文件' })
    .max(PLATFORM_IDS.length + 2, { error: '要打包的文件过多' })
    .refine((parts) => parts.reduce((n, p) => n + p.dataBase64.length, 0) <= Math.ceil(maxBytes / 3) * 4, {
      error: `要打包的文件合计过大（上限 ${Math.round(maxBytes / 1024 / 1024)} MB），请分开下载`,
    });
}

/** Platforms for the internal review copy; null takes the proposal's target platforms (or every platform with a pack). */
const reviewPlatformsSchema = z.array(platformIdSchema).max(PLATFORM_IDS.length).nullable().default(null);

/** The reasons platforms with errors were exported with, by platform: the review copy lists them. */
const reviewOverridesSchema = z
  .partialRecord(platformIdSchema, z.string().trim().max(2000, { error: '理由不能超过 2000 个字符' }))
  .default({});

export const checklistCountsSchema = z.object({ error: z.number().int(), warning: z.number().int(), info: z.number().int() });

export const exportPlatformSchema = z.object({
  platform: platformIdSchema,
  label: z.string(),
  /** In the proposal's target platforms. */
  targeted: z.boolean(),
  /** False when the federation has issued no rule pack for the platform yet: it cannot be exported. */
  hasPack: z.boolean(),
  packName: z.string().nullable(),
  packVersion: z.string().nullable(),
  effectiveDate: z.string().nullable(),
  findings: z.array(findingSchema),
  counts: checklistCountsSchema,
  /** Errors in the checklist: exporting needs an override reason. */
  blocked: z.boolean(),
});
export type ExportPlatform = z.infer<typeof exportPlatformSchema>;

const written = {
  status: z.literal('written'),
  platform: platformIdSchema,
  label: z.string(),
  /** Paths inside the pack. */
  files: z.array(z.string()),
  findings: z.array(findingSchema),
  /** Written despite errors, with the reason recorded in the pack. */
  overridden: z.boolean(),
  /** Fields over their limits, pictures too small or without consent: for the result list. */
  warnings: z.array(z.string()),
};
const refusedSchema = z.object({
  status: z.literal('refused'),
  platform: platformIdSchema,
  label: z.string(),
  errors: z.array(findingSchema),
  /** 「腾讯公益」的检查有 2 项错误，未导出：…, ready to show. */
  message: z.string(),
});

export const packDownloadSchema = z.discriminatedUnion('status', [
  z.object({ ...written, fileName: z.string(), dataBase64: z.string() }),
  refusedSchema,
]);
export type PackDownload = z.infer<typeof packDownloadSchema>;

const fileOut = z.object({ fileName: z.string(), dataBase64: z.string() });

/** What the tracker form sends: http(s) addresses only, real dates. */
export const listingInputSchema = listingSchema.extend({
  projectNumber: z.string().trim().max(100, { error: '项目编号不能超过 100 个字符' }).default(''),
  url: z
    .string()
    .trim()
    .max(1000, { error: '网址过长' })
    .pipe(z.union([z.literal(''), z.url({ protocol: /^https?$/, hostname: /^[^.]+(\.[^.]+)+$/, error: '网址应为以 http:// 或 https:// 开头的完整网址' })]))
    .default(''),
  liveDate: isoDateSchema.nullable().default(null),
  status: z.enum(LISTING_STATUS_IDS, { error: '未知的上线状态' }).default('preparing'),
  note: z.string().trim().max(1000, { error: '备注不能超过 1000 个字符' }).default(''),
});
export type ListingInput = z.input<typeof listingInputSchema>;

export const exportMethods = {
  /** Every platform with its pack and the proposal's checklist against it, for the 导出到平台 dialog. */
  'export.platforms': {
    input: z.object({ id: idSchema }),
    output: z.object({ items: z.array(exportPlatformSchema) }),
  },
  /** One platform's submission pack as a zip (one call per platform, so the UI can show progress). */
  'export.pack': {
    input: z.object({ id: idSchema, platform: platformIdSchema, overrideReason: overrideReasonSchema }),
    output: packDownloadSchema,
  },
  /** The internal review copy (内部审核稿) as a DOCX. */
  'export.review': {
    input: z.object({ id: idSchema, platforms: reviewPlatformsSchema, overrides: reviewOverridesSchema }),
    output: fileOut,
  },
  /**
   * Several downloads as one zip: the entries of each `.zip` part, other files as they are. The UI
   * uses it for 「打包为一个 zip」 after exporting platform by platform.
   */
  'export.combine': {
    input: z.object({
      name: z.string().trim().min(1).max(200),
      parts: combinePartsSchema(COMBINE_TOTAL_BYTES),
    }),
    output: fileOut,
  },

  /** Record a listing (index null) or change the one at `index`. Returns the saved proposal. */
  'listing.set': {
    input: z.object({ id: idSchema, index: z.number().int().min(0).nullable().default(null), listing: listingInputSchema }),
    output: proposalSchema,
  },
  /** Remove the listing at `index`; `platform` guards against removing another one after a concurrent change. */
  'listing.remove': {
    input: z.object({ id: idSchema, index: z.number().int().min(0), platform: platformIdSchema }),
    output: proposalSchema,
  },
} as const satisfies Record<string, MethodSpec>;
