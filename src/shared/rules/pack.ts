import { z } from 'zod';
import { PLATFORM_IDS } from '../domain/catalog';
import { isoDateSchema } from '../domain/proposal';
import { COUNT_MODES } from './count';
import { fieldSourceSchema } from './fieldSources';
import { ruleSchema } from './ruleKinds';
import { ruleSourceSchema } from './source';

export { SEVERITIES, SEVERITY_LABELS, severitySchema, ruleBaseSchema, type Severity } from './ruleBase';
export { ruleSchema, type Rule } from './ruleKinds';

/**
 * A rule pack: one platform's form and rules (or the common legal pack), as data in
 * templates/rules/*.json that the federation edits and re-issues without code.
 *
 * This file fixes the parts other features read (fields, image specs, sources, severities).
 * The rule vocabulary (`ruleSchema`) is owned by the rules engine and only grows.
 */

export const lengthLimitSchema = z.object({
  limit: z.number().int().positive(),
  mode: z.enum(COUNT_MODES),
  source: ruleSourceSchema,
  /** As on a rule: false lets an over-limit export go on (for a limit that is only the federation's default). */
  blocksExport: z.boolean().optional(),
});
export type LengthLimit = z.infer<typeof lengthLimitSchema>;

/** One field of the platform's listing form, in the platform's order and words. */
export const platformFieldSchema = z.object({
  id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/),
  label: z.string().min(1),
  order: z.number().int(),
  /** The proposal parts that fill it, joined by a blank line. */
  from: z.array(fieldSourceSchema).min(1),
  required: z.boolean().default(false),
  maxLength: lengthLimitSchema.nullable().default(null),
  minLength: lengthLimitSchema.nullable().default(null),
  /** How dates and money are written in this field. */
  format: z
    .object({
      date: z.enum(['YYYY-MM-DD', 'YYYY.MM.DD', 'YYYY年M月D日']).optional(),
      money: z.enum(['yuan2', 'yuan0']).optional(),
      /** The form wants each executor's unified social credit code beside its name. */
      creditCodes: z.boolean().optional(),
    })
    .default({}),
  help: z.string().default(''),
  /** Where the field (and its being required) comes from; required fields must say. */
  source: ruleSourceSchema.optional(),
  /** Whether a missing required value stops the export; it does unless this is false. */
  blocksExport: z.boolean().optional(),
});
export type PlatformField = z.infer<typeof platformFieldSchema>;

/** What the platform wants of a kind of picture, and what the export writes for it. */
export const imageSpecSchema = z.object({
  id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/),
  label: z.string().min(1),
  role: z.enum(['cover', 'gallery']),
  /**
   * A gallery the platform counts the cover in (its "3–9 张项目图片" include the cover): the cover
   * picture then counts toward minCount/maxCount and is exported with the gallery too.
   */
  countsCover: z.boolean().optional(),
  minCount: z.number().int().min(0),
  maxCount: z.number().int().min(1),
  /** Width:height the platform shows; null when it takes any shape. */
  aspect: z.object({ w: z.number().positive(), h: z.number().positive() }).nullable(),
  minWidth: z.number().int().min(1),
  minHeight: z.number().int().min(1),
  /** The size the export resizes and crops to. */
  output: z.object({ width: z.number().int().min(1), height: z.number().int().min(1) }),
  maxBytes: z.number().int().min(1),
  formats: z.array(z.enum(['image/jpeg', 'image/png', 'image/webp'])).min(1),
  source: ruleSourceSchema,
});
export type ImageSpec = z.infer<typeof imageSpecSchema>;

/**
 * A form field that takes one of the platform's own options: the platform's list, and which option
 * each of our values goes to. Export writes the option, never our label.
 */
export const fieldOptionsSchema = z.object({
  options: z.array(z.string().min(1)).min(1),
  /** Our value (e.g. a focus-area id) to one of `options`; unmapped values go to `fallback`. */
  map: z.record(z.string(), z.string()),
  fallback: z.string().min(1),
  source: ruleSourceSchema,
});
export type FieldOptions = z.infer<typeof fieldOptionsSchema>;

/** Something the platform asks every project for beyond its form fields (e.g. a feedback plan). */
export const packAskSchema = z.object({
  id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/),
  label: z.string().min(1),
  /** The proposal parts that answer it. */
  from: z.array(fieldSourceSchema).min(1),
  source: ruleSourceSchema,
});
export type PackAsk = z.infer<typeof packAskSchema>;

/**
 * How often the platform (or, in the legal pack, the law) wants progress disclosed after going live.
 * The disclosure calendar (src/core/disclosure) reads it; a platform without one has no clock of its own.
 */
export const disclosureClockSchema = z
  .object({
    /** At least one update every so many months, or days (a platform counting in days, e.g. 180). */
    everyMonths: z.number().int().positive().optional(),
    everyDays: z.number().int().positive().optional(),
    /** The clock applies only when the fundraising or the project runs longer than this many months. */
    whenLongerThanMonths: z.number().int().positive().optional(),
    /** The full (final) disclosure is due this many months after the project ends. */
    afterEndMonths: z.number().int().positive().optional(),
    source: ruleSourceSchema,
  })
  .refine((c) => c.everyMonths !== undefined || c.everyDays !== undefined || c.afterEndMonths !== undefined, { error: '披露时钟至少要有一个期限' });
export type DisclosureClock = z.infer<typeof disclosureClockSchema>;

/** The parts of a disclosure record a progress update can show. */
export const UPDATE_PARTS = ['period', 'funds', 'spending', 'beneficiaries', 'activities', 'photos', 'problems', 'leftover', 'outcomes'] as const;
export type UpdatePart = (typeof UPDATE_PARTS)[number];

/**
 * The platform's progress-update (项目进展) form: which parts of a disclosure, in its order, with its
 * limits. In the legal pack it is the entry on 慈善中国.
 */
export const progressUpdateSchema = z.object({
  parts: z.array(z.object({ part: z.enum(UPDATE_PARTS), label: z.string().min(1), maxChars: z.number().int().positive().optional() })).min(1),
  /** The whole text's limit. */
  maxChars: z.number().int().positive().optional(),
  source: ruleSourceSchema,
});
export type ProgressUpdateForm = z.infer<typeof progressUpdateSchema>;

export const RULE_PACK_FORMAT = 'shance-rule-pack';

export const rulePackSchema = z.object({
  format: z.literal(RULE_PACK_FORMAT),
  formatVersion: z.literal(1),
  /** The platform id, or 'legal' for the pack every listing must pass. */
  id: z.union([z.enum(PLATFORM_IDS), z.literal('legal')]),
  name: z.string().min(1),
  version: z.string().regex(/^\d+(\.\d+){0,3}$/),
  effectiveDate: isoDateSchema,
  description: z.string().default(''),
  changelog: z.array(z.object({ version: z.string(), date: isoDateSchema, summary: z.string() })).default([]),
  fields: z.array(platformFieldSchema).default([]),
  images: z.array(imageSpecSchema).default([]),
  /** Option lists of fields that take the platform's own choices, by field source (e.g. focusArea). */
  fieldOptions: z.record(z.string(), fieldOptionsSchema).optional(),
  /** What the platform asks for outside its form; every pack contains it. */
  asks: z.array(packAskSchema).optional(),
  /** The platform's (or the law's) disclosure clock after going live. */
  disclosureClock: disclosureClockSchema.optional(),
  /** The platform's progress-update form (legal pack: the 慈善中国 entry). */
  progressUpdate: progressUpdateSchema.optional(),
  rules: z.array(ruleSchema).default([]),
});
export type RulePack = z.infer<typeof rulePackSchema>;
