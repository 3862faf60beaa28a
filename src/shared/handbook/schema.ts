import { z } from 'zod';
import '../domain/zodLocale';
import { FOCUS_AREA_IDS, SECTION_IDS, type SectionId } from '../domain/catalog';
import { LIMITS } from '../domain/limits';
import { findPlaceholders } from '../domain/placeholders';
import {
  beneficiarySchema,
  budgetLineSchema,
  budgetSchema,
  consentSchema,
  idSchema,
  isoDateSchema,
  milestoneSchema,
  proposalSchema,
} from '../domain/proposal';
import { fieldSourceLabel, fieldSourceSchema } from '../rules/fieldSources';
import { CHECK_IDS } from './checks';
import { STEP_IDS } from './steps';

/**
 * The project-planning handbook as data (templates/handbook/): the ten steps with their guidance,
 * one or more templates per focus area, and workshop samples. The federation revises these files
 * or imports a revised package; every part is checked here before the program uses it.
 */

export const HANDBOOK_FORMAT = 'shance-handbook';
export const HANDBOOK_FORMAT_VERSION = 1;

const line = (max = 300) =>
  z.string().trim().min(1, { error: '不能为空' }).max(max, { error: `不能超过 ${max} 个字符` });
const para = (max = 3000) =>
  z.string().trim().min(1, { error: '不能为空' }).max(max, { error: `不能超过 ${max} 个字符` });
const lines = (min = 1, max = 40, each = 300) =>
  z
    .array(line(each))
    .min(min, { error: `至少要有 ${min} 条` })
    .max(max, { error: `最多 ${max} 条` });

export const slugSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,60}$/, { error: '编号只能用小写字母、数字和连字符，并以字母开头（如 elderly-meals）' });

export const versionSchema = z.string().regex(/^\d+(\.\d+){0,3}$/, { error: '版本号应为 1.0、1.2.3 这样的数字' });

/**
 * Template text must show what the user still has to supply as placeholders (【请填写：…】), and a
 * bracket that does not form a placeholder is a typo the rules would not catch.
 */
const withPlaceholders = <T extends z.ZodString>(s: T) =>
  s.superRefine((text, ctx) => {
    const found = findPlaceholders(text).length;
    if (found === 0) {
      ctx.addIssue({ code: 'custom', message: '模板文字必须含有占位符（如【请填写：受益人数】），不能写成关于具体项目的事实' });
    }
    const opened = [...text].filter((ch) => ch === '【').length;
    if (opened !== found) {
      ctx.addIssue({ code: 'custom', message: '有写法不完整的占位符：应为【请填写：…】或【示例：…】，成对的全角方括号，冒号前是“请填写/请补充/请选择/示例/例如”' });
    }
  });

export const exampleSchema = z.strictObject({
  /** What the pair illustrates, e.g. 「用数字写需求」. */
  topic: line(100),
  good: para(2000),
  weak: para(2000),
  /** Why the good one works and the weak one does not. */
  why: para(1000),
});
export type GuideExample = z.infer<typeof exampleSchema>;

/** One page of the guide: shown beside the section being written. */
export const guidePageSchema = z.strictObject({
  /** 评审和捐赠人看什么 */
  lookFor: lines(),
  /** 要回答的问题 */
  questions: lines(),
  /** 常见错误 */
  mistakes: lines(),
  /** 好的写法与弱的写法并排 */
  examples: z.array(exampleSchema).min(1, { error: '至少要有 1 组示例' }).max(10),
  /** 动手要点 */
  tips: lines(0).default([]),
});
export type GuidePage = z.infer<typeof guidePageSchema>;

export const stepSchema = z.strictObject({
  id: z.enum(STEP_IDS, { error: `步骤编号应为 ${STEP_IDS.join('、')} 之一` }),
  title: line(40),
  /** What this step is for, in a sentence or two. */
  summary: para(500),
  page: guidePageSchema,
  /** A section of this step that needs a page of its own (e.g. 关于我们 inside 执行能力). */
  sectionPages: z.partialRecord(z.enum(SECTION_IDS, { error: '未知的正文栏目' }), guidePageSchema).default({}),
});
export type Step = z.infer<typeof stepSchema>;

export const changelogEntrySchema = z.strictObject({
  version: versionSchema,
  date: isoDateSchema,
  summary: para(2000),
});
export type ChangelogEntry = z.infer<typeof changelogEntrySchema>;

/** handbook.json: what the package is, its version and change log. */
export const handbookMetaSchema = z.strictObject({
  format: z.literal(HANDBOOK_FORMAT, { error: `format 应为 "${HANDBOOK_FORMAT}"` }),
  formatVersion: z.literal(HANDBOOK_FORMAT_VERSION, { error: `formatVersion 应为 ${HANDBOOK_FORMAT_VERSION}` }),
  version: versionSchema,
  date: isoDateSchema,
  title: line(100),
  intro: para(3000),
  changelog: z.array(changelogEntrySchema).min(1, { error: '至少要有 1 条修订记录' }).max(500),
  /** Re-weighting of the quality score's checks (points out of the total); unlisted checks keep their default. */
  scoring: z
    .object({ weights: z.partialRecord(z.enum(CHECK_IDS, { error: '未知的评分项' }), z.number().int().min(0).max(50)).default({}) })
    .default({ weights: {} }),
});
export type HandbookMeta = z.infer<typeof handbookMetaSchema>;

const sectionSkeletonSchema = z.strictObject({
  /** The text the new proposal's section starts with. */
  skeleton: withPlaceholders(para(5000)),
  /** Questions the section should answer, for this kind of project. */
  prompts: lines(1, 20),
});

export const templateSchema = z
  .object({
    id: slugSchema,
    focusArea: z.enum(FOCUS_AREA_IDS, { error: `项目领域应为 ${FOCUS_AREA_IDS.join('、')} 之一` }),
    name: line(60),
    /** Which projects the template suits. */
    description: para(1000),
    title: withPlaceholders(line(200)),
    summary: withPlaceholders(para(1000)),
    sections: z.strictObject(
      Object.fromEntries(SECTION_IDS.map((id) => [id, sectionSkeletonSchema])) as Record<SectionId, typeof sectionSkeletonSchema>,
    ),
    beneficiaryTypes: z
      .array(z.strictObject({ type: line(100), note: para(500), suggested: z.boolean().default(false) }))
      .min(1, { error: '至少要有 1 类受益对象' })
      .max(20),
    budget: z.strictObject({
      categories: z.array(z.strictObject({ name: line(50), note: para(500) })).min(2, { error: '至少要有 2 个预算类别' }).max(20),
      exampleLines: z
        .array(
          z.strictObject({
            item: line(100),
            category: line(50),
            unitPriceYuan: z.number().min(0).max(1e8),
            quantity: z.number().min(0).max(1e8),
            unit: line(20),
            note: para(300),
          }),
        )
        .min(2, { error: '至少要有 2 条预算示例' })
        .max(40),
      tips: lines(1, 20),
      fallbackHint: withPlaceholders(para(500)),
    }),
    milestones: z
      .array(z.strictObject({ title: line(100), when: line(100), detail: para(500) }))
      .min(3, { error: '至少要有 3 个典型节点' })
      .max(30),
    pitfalls: z.array(z.strictObject({ step: z.enum(STEP_IDS), text: para(500) })).min(3, { error: '至少要有 3 条常见坑' }).max(40),
    /** Advice for this kind of project, shown with the step's page. */
    guidance: z.partialRecord(z.enum(STEP_IDS), lines(1, 20)).default({}),
    imageTips: lines(1, 20),
  })
  .superRefine((t, ctx) => {
    const names = new Set(t.budget.categories.map((c) => c.name));
    t.budget.exampleLines.forEach((l, i) => {
      if (!names.has(l.category)) {
        ctx.addIssue({ code: 'custom', path: ['budget', 'exampleLines', i, 'category'], message: `类别「${l.category}」不在 budget.categories 中` });
      }
    });
    if (!t.beneficiaryTypes.some((b) => b.suggested)) {
      ctx.addIssue({ code: 'custom', path: ['beneficiaryTypes'], message: '至少要把 1 类受益对象标为 suggested: true（新建项目时预填）' });
    }
  });
export type Template = z.infer<typeof templateSchema>;

export const sampleImageSchema = z.strictObject({
  fileName: line(100),
  caption: z.string().max(300).default(''),
  source: z.string().max(300).default(''),
  isCover: z.boolean().default(false),
  consent: consentSchema.default({ identifiablePeople: false, portraitConsent: false, minors: false, guardianConsent: false }),
  /** Colour of the stand-in picture the workshop draws (samples carry no real photos). */
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: '颜色应为 #RRGGBB' }).default('#9db4c0'),
});
export type SampleImage = z.infer<typeof sampleImageSchema>;

/** A change to a sample: a dotted path under `proposal` or `images`, and the value to put there. */
export const samplePatchSchema = z.strictObject({
  path: z
    .string()
    .max(200)
    .regex(/^(proposal|images)(\.[A-Za-z0-9_]+)+$/, { error: '路径应以 proposal. 或 images. 开头，如 proposal.sections.background' })
    // A path is applied to a copy of the sample; these names would reach JavaScript's own objects.
    .refine((p) => !p.split('.').some((k) => k === '__proto__' || k === 'constructor' || k === 'prototype'), { error: '路径中含有不允许的名称' }),
  value: z.unknown(),
});
export type SamplePatch = z.infer<typeof samplePatchSchema>;

/** Where a planted problem is: a part of the proposal as rule packs name it, or its list of platforms. */
export const problemWhereSchema = z.union([fieldSourceSchema, z.literal('platforms')], { error: '位置（where）应为项目的某个部分，如 sections.background、budget、milestones、platforms' });
export type ProblemWhere = z.infer<typeof problemWhereSchema>;

export function problemWhereLabel(where: ProblemWhere): string {
  return where === 'platforms' ? '目标平台' : fieldSourceLabel(where);
}

export const sampleProblemSchema = z.strictObject({
  id: slugSchema,
  step: z.enum(STEP_IDS),
  /** The part of the proposal to look at. */
  where: problemWhereSchema,
  /** What is wrong, in a line. */
  title: line(100),
  /** Why it matters to reviewers and donors. */
  detail: para(1000),
  /** How to fix it. */
  hint: para(1000),
  /** The score checks that pass once it is fixed. */
  checks: z.array(z.enum(CHECK_IDS, { error: '未知的评分项' })).min(1).max(10),
  /** A reference fix (参考改法), shown to the trainer on request. */
  solution: z.array(samplePatchSchema).min(1, { error: '至少要有 1 处参考改法' }).max(20),
});
export type SampleProblem = z.infer<typeof sampleProblemSchema>;

/**
 * A sample's proposal as written in its file: sections as plain text, rows without ids, no dates of
 * its own; the program adds them when it opens the sample in the workshop.
 */
export const sampleProposalSchema = proposalSchema
  .omit({
    schemaVersion: true,
    id: true,
    createdAt: true,
    updatedAt: true,
    template: true,
    images: true,
    status: true,
    mergedInto: true,
    brandSources: true,
    listings: true,
    sections: true,
  })
  .extend({
    sections: z
      .partialRecord(z.enum(SECTION_IDS, { error: '未知的正文栏目' }), z.string().max(LIMITS.sectionChars))
      .default({}),
    // Rows may leave out their ids; the program numbers them.
    beneficiaries: z.array(beneficiarySchema.extend({ id: idSchema.optional() })).max(LIMITS.listItems).default([]),
    milestones: z.array(milestoneSchema.extend({ id: idSchema.optional() })).max(LIMITS.listItems).default([]),
    budget: budgetSchema
      .extend({ lines: z.array(budgetLineSchema.extend({ id: idSchema.optional() })).max(LIMITS.listItems).default([]) })
      .default({ lines: [], managementFeePercent: null, minimumExecutableFen: null, fallbackPlan: '' }),
  });
export type SampleProposal = z.infer<typeof sampleProposalSchema>;

export const SAMPLE_KINDS = ['strong', 'flawed'] as const;
export type SampleKind = (typeof SAMPLE_KINDS)[number];

export const sampleSchema = z
  .object({
    id: slugSchema,
    focusArea: z.enum(FOCUS_AREA_IDS),
    kind: z.enum(SAMPLE_KINDS, { error: 'kind 应为 strong（好样例）或 flawed（练习，有埋设的问题）' }),
    templateId: slugSchema.nullable().default(null),
    name: line(100),
    /** For the trainer: what the sample teaches. */
    description: para(1000),
    /** What makes it strong (or what to look for). */
    lessons: lines(0, 20).default([]),
    proposal: sampleProposalSchema,
    images: z.array(sampleImageSchema).max(12).default([]),
    problems: z.array(sampleProblemSchema).max(20).default([]),
  })
  .superRefine((s, ctx) => {
    if (s.kind === 'flawed' && s.problems.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['problems'], message: '练习样例（flawed）至少要列出 1 个埋设的问题' });
    }
    if (s.kind === 'strong' && s.problems.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['problems'], message: '好样例（strong）不应列出埋设的问题' });
    }
    const seen = new Set<string>();
    s.problems.forEach((p, i) => {
      if (seen.has(p.id)) ctx.addIssue({ code: 'custom', path: ['problems', i, 'id'], message: `问题编号「${p.id}」重复` });
      seen.add(p.id);
    });
  });
export type Sample = z.infer<typeof sampleSchema>;
export type SampleInput = z.input<typeof sampleSchema>;

/** The whole package, as the program holds it and as a single-file JSON package gives it. */
export const handbookPackageSchema = handbookMetaSchema.extend({
  steps: z.array(stepSchema).length(STEP_IDS.length, { error: `应有 ${STEP_IDS.length} 个步骤` }),
  templates: z.array(templateSchema).min(1, { error: '至少要有 1 个模板' }).max(200),
  samples: z.array(sampleSchema).max(500).default([]),
});
export type HandbookPackage = z.infer<typeof handbookPackageSchema>;
export type HandbookPackageInput = z.input<typeof handbookPackageSchema>;
