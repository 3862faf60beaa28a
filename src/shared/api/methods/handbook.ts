import { z } from 'zod';
import { FOCUS_AREA_IDS, SECTION_IDS } from '../../domain/catalog';
import { LIMITS } from '../../domain/limits';
import { idSchema, proposalSchema } from '../../domain/proposal';
import { assessmentSchema } from '../../handbook/assessment';
import { guidanceChangesSchema, packageChangesSchema } from '../../handbook/changes';
import { changelogEntrySchema, guidePageSchema, slugSchema, stepSchema, templateSchema } from '../../handbook/schema';
import { STEP_IDS } from '../../handbook/steps';
import { exerciseStatusSchema, sampleSummarySchema } from '../../handbook/workshop';
import { findingSchema } from '../../rules/finding';
import { base64, empty, type MethodSpec } from './common';
import { sha256Schema } from './images';

/** Upper bound of an uploaded handbook package (zip or JSON). */
export const HANDBOOK_PACKAGE_BYTES = 30 * 1024 * 1024;

export const templateSummarySchema = z.object({
  id: z.string(),
  focusArea: z.enum(FOCUS_AREA_IDS),
  focusAreaLabel: z.string(),
  name: z.string(),
  description: z.string(),
  beneficiaryTypes: z.array(z.string()),
  budgetCategories: z.array(z.string()),
  milestones: z.array(z.string()),
  pitfalls: z.array(z.string()),
});
export type TemplateSummary = z.infer<typeof templateSummarySchema>;

/** What the guide panel shows beside the part being edited. */
export const guideSchema = z.object({
  version: z.string(),
  step: z.object({ id: z.enum(STEP_IDS), order: z.number().int(), title: z.string(), summary: z.string() }),
  section: z.object({ id: z.enum(SECTION_IDS), label: z.string() }).nullable(),
  page: guidePageSchema,
  /** The focus-area template's advice for this part, when the proposal has a template or a focus area. */
  area: z
    .object({
      templateId: z.string(),
      templateName: z.string(),
      focusArea: z.enum(FOCUS_AREA_IDS),
      /** The template's prompts for the section (empty for a step without a section). */
      prompts: z.array(z.string()),
      guidance: z.array(z.string()),
      pitfalls: z.array(z.string()),
      /** Typical entries for the structured part of this step, shown as examples. */
      examples: z.array(z.string()),
    })
    .nullable(),
});
export type Guide = z.infer<typeof guideSchema>;

export const importOutcomeSchema = z.object({
  version: z.string(),
  previousVersion: z.string().nullable(),
  imported: z.boolean(),
  unchanged: z.boolean(),
  dryRun: z.boolean(),
  message: z.string(),
  changes: packageChangesSchema,
  changelog: z.array(changelogEntrySchema),
});

const sampleId = z.object({ sampleId: slugSchema });

/** What a trainer types as the PIN; checked against the stored hash in the core. */
const trainerPinSchema = z.string().max(20);

export const handbookMethods = {
  /** The current handbook: version, change log and the ten steps with their pages. */
  'handbook.get': {
    input: empty,
    output: z.object({
      version: z.string(),
      date: z.string(),
      title: z.string(),
      intro: z.string(),
      changelog: z.array(changelogEntrySchema),
      steps: z.array(stepSchema),
      source: z.enum(['files', 'import']),
      warnings: z.array(z.string()),
    }),
  },
  /** The guide for a section (or a step without a section), with the template's advice. */
  'handbook.guide': {
    input: z
      .object({
        sectionId: z.enum(SECTION_IDS).nullable().default(null),
        stepId: z.enum(STEP_IDS).nullable().default(null),
        templateId: z.string().max(100).nullable().default(null),
        focusArea: z.enum(FOCUS_AREA_IDS).nullable().default(null),
      })
      .refine((i) => i.sectionId !== null || i.stepId !== null, { error: '请指定栏目（sectionId）或步骤（stepId）' }),
    output: guideSchema,
  },
  'handbook.templates': {
    input: z.object({ focusArea: z.enum(FOCUS_AREA_IDS).nullable().default(null) }).default({ focusArea: null }),
    output: z.object({ version: z.string(), items: z.array(templateSummarySchema) }),
  },
  'handbook.template': {
    input: z.object({ id: slugSchema }),
    output: z.object({ version: z.string(), template: templateSchema }),
  },
  /** 新建项目 from a template: saved in the library and returned. */
  'handbook.createFromTemplate': {
    input: z.object({
      templateId: slugSchema,
      title: z.string().trim().max(LIMITS.titleChars, { error: `项目名称不能超过 ${LIMITS.titleChars} 个字符` }).default(''),
      district: z.string().max(50).default(''),
    }),
    output: proposalSchema,
  },
  /** Progress by step and the quality score, for any proposal object (saved or not). */
  'handbook.assess': {
    input: z.object({ proposal: proposalSchema, findings: z.array(findingSchema).max(10_000).optional() }),
    output: assessmentSchema,
  },
  /** What changed in the guidance for this proposal since it started or was last acknowledged. */
  'handbook.changes': {
    input: z.object({ proposal: proposalSchema }),
    output: guidanceChangesSchema,
  },
  /** The user has read the current guidance: later notices compare with this version. */
  'handbook.acknowledge': {
    input: z.object({ proposalId: idSchema }),
    output: z.object({ proposalId: idSchema, version: z.string() }),
  },
  /** A revised handbook package, as a zip or JSON file (base64) or JSON text. All or nothing. */
  'handbook.import': {
    input: z
      .object({
        dataBase64: base64(HANDBOOK_PACKAGE_BYTES).optional(),
        json: z.string().max(HANDBOOK_PACKAGE_BYTES, { error: '手册包过大（上限 30 MB）' }).optional(),
        /** Check and show the changes without importing. */
        dryRun: z.boolean().default(false),
      })
      .refine((i) => (i.dataBase64 === undefined) !== (i.json === undefined), { error: '请提供手册包文件（dataBase64）或 JSON 文本（json）之一' }),
    output: importOutcomeSchema,
  },
  /** The current handbook as a zip of its folder, for a trainer to edit and import again. */
  'handbook.export': {
    input: empty,
    output: z.object({ fileName: z.string(), dataBase64: z.string(), version: z.string() }),
  },
  'handbook.versions': {
    input: empty,
    output: z.object({
      items: z.array(
        z.object({ version: z.string(), date: z.string(), source: z.enum(['files', 'import']), addedAt: z.string(), current: z.boolean() }),
      ),
    }),
  },

  /** 培训模式: the samples, strong and flawed, by focus area. */
  'workshop.samples': {
    input: z.object({ focusArea: z.enum(FOCUS_AREA_IDS).nullable().default(null) }).default({ focusArea: null }),
    output: z.object({ version: z.string(), items: z.array(sampleSummarySchema) }),
  },
  /** Open a sample's working copy in the workshop library (made from the sample the first time). */
  'workshop.open': {
    input: sampleId,
    output: z.object({ proposal: proposalSchema, sample: sampleSummarySchema, status: exerciseStatusSchema }),
  },
  'workshop.save': {
    input: z.object({ proposal: proposalSchema }),
    output: z.object({ proposal: proposalSchema, stale: z.boolean(), status: exerciseStatusSchema }),
  },
  'workshop.reset': {
    input: sampleId,
    output: z.object({ proposal: proposalSchema, status: exerciseStatusSchema }),
  },
  /** Which planted problems are fixed; pass the editor's unsaved proposal to check it as it is. */
  'workshop.status': {
    input: z.object({ sampleId: slugSchema, proposal: proposalSchema.nullable().default(null) }),
    output: exerciseStatusSchema,
  },
  /** A picture of a workshop proposal (they live in the workshop library, not the real one). */
  'workshop.image': {
    input: z.object({ sha256: sha256Schema }),
    output: z.object({ mime: z.string(), dataBase64: z.string() }),
  },
  /** A problem's reference fix (参考改法), for the trainer: only with this computer's trainer PIN. */
  'workshop.solution': {
    input: z.object({ sampleId: slugSchema, problemId: slugSchema, pin: trainerPinSchema.nullable().default(null) }),
    output: z.object({ problemId: z.string(), hint: z.string(), changes: z.array(z.object({ path: z.string(), value: z.unknown() })) }),
  },
  /** Whether a trainer PIN is set on this computer, and whether `pin` is it. */
  'workshop.trainer': {
    input: z.object({ pin: trainerPinSchema.nullable().default(null) }),
    output: z.object({ pinSet: z.boolean(), pinOk: z.boolean() }),
  },
  /** Set the trainer PIN (changing it needs the current one). */
  'workshop.setPin': {
    input: z.object({ pin: z.string().regex(/^\d{4,8}$/, { error: '培训老师口令应为 4～8 位数字' }), current: trainerPinSchema.nullable().default(null) }),
    output: z.object({ pinSet: z.boolean() }),
  },
} as const satisfies Record<string, MethodSpec>;
