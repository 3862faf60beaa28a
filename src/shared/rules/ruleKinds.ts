import { z } from 'zod';
import { SECTION_IDS } from '../domain/catalog';
import { COUNT_MODES } from './count';
import { FIELD_SOURCES, fieldSourceSchema, type FieldSource } from './fieldSources';
import { ruleBaseSchema, severitySchema } from './ruleBase';

/**
 * The rule vocabulary: every kind of rule a pack may state, as data. Content rules (phrases,
 * patterns) are open; structural rules are a small fixed set whose checks live in the engine
 * (src/core/rules/kinds). A new kind is added here and there, never written as code in a pack.
 */

/** What a reader of the fundraising page sees: the texts a platform publishes. */
export const PUBLIC_TEXT_SOURCES: readonly FieldSource[] = [
  'title',
  'summary',
  ...SECTION_IDS.map((id) => `sections.${id}` as const),
  'milestones',
  'budget',
  'budget.fallbackPlan',
  'beneficiaries',
  'images',
];

/** Every part that holds written text (numbers, dates and the field of work are generated). */
export const ALL_TEXT_SOURCES: readonly FieldSource[] = FIELD_SOURCES.filter(
  (s) =>
    ![
      'focusArea',
      'disclosurePlan',
      'targetFen',
      'fundraisingPeriod',
      'projectPeriod',
      'budget.managementFeePercent',
      'budget.minimumExecutableFen',
    ].includes(s),
);

/** Which texts a content rule reads: 'public' (all public text), 'all' (every written part) or a list. */
export const fieldSelectorSchema = z.union([z.enum(['public', 'all']), z.array(fieldSourceSchema).min(1)]);
export type FieldSelector = z.infer<typeof fieldSelectorSchema>;

export function selectFields(sel: FieldSelector): readonly FieldSource[] {
  if (sel === 'public') return PUBLIC_TEXT_SOURCES;
  if (sel === 'all') return ALL_TEXT_SOURCES;
  return sel;
}

/** A regular expression as a pack writes it: compiled once to check it, with the engine's flags. */
export function compilePattern(pattern: string, flags: string): RegExp {
  return new RegExp(pattern, `gu${flags}`);
}

const patternProblem = (pattern: string, flags: string): string | null => {
  let re: RegExp;
  try {
    re = compilePattern(pattern, flags);
  } catch (e) {
    return `正则表达式无效：${e instanceof Error ? e.message : String(e)}`;
  }
  // A pattern that matches nothing at all would mark every position of every text.
  if (re.test('')) return '正则表达式会匹配空文本，请修改';
  return null;
};

const phrase = z.string().min(1, { error: '短语不能为空' }).max(100, { error: '短语过长（最多 100 个字符）' });

// ── content rules ────────────────────────────────────────────────────────────

/** Any of the phrases in the selected texts. */
export const phrasesRuleSchema = ruleBaseSchema.extend({
  kind: z.literal('phrases'),
  phrases: z.array(phrase).min(1).max(2000),
  fields: fieldSelectorSchema.default('public'),
});

/** A regular expression (Unicode mode; flags i, m, s allowed) in the selected texts. */
export const patternRuleSchema = ruleBaseSchema
  .extend({
    kind: z.literal('pattern'),
    pattern: z.string().min(1).max(1000),
    flags: z
      .string()
      .regex(/^[ims]*$/, { error: '正则标志只能是 i、m、s' })
      .default(''),
    fields: fieldSelectorSchema.default('public'),
  })
  .superRefine((r, ctx) => {
    const problem = patternProblem(r.pattern, r.flags);
    if (problem) ctx.addIssue({ code: 'custom', path: ['pattern'], message: problem });
  });

// ── presence and length ──────────────────────────────────────────────────────

/** Each of the fields must be filled in. */
export const requiredRuleSchema = ruleBaseSchema.extend({
  kind: z.literal('required'),
  fields: z.array(fieldSourceSchema).min(1),
});

/** A length limit on one proposal part (a platform field's own limit is stated on the field). */
export const lengthRuleSchema = ruleBaseSchema
  .extend({
    kind: z.literal('length'),
    field: fieldSourceSchema,
    max: z.number().int().positive().optional(),
    min: z.number().int().positive().optional(),
    mode: z.enum(COUNT_MODES),
  })
  .superRefine((r, ctx) => {
    if (r.max === undefined && r.min === undefined) ctx.addIssue({ code: 'custom', path: ['max'], message: '至少要给出 max 或 min' });
    if (r.max !== undefined && r.min !== undefined && r.min > r.max) {
      ctx.addIssue({ code: 'custom', path: ['min'], message: 'min 不能大于 max' });
    }
  });

// ── structural rules: a fixed vocabulary ─────────────────────────────────────

/** The budget lines add up to the fundraising target. */
export const budgetSumRuleSchema = ruleBaseSchema.extend({
  kind: z.literal('budgetSum'),
  toleranceFen: z.number().int().min(0).default(0),
});

/** Every budget line's amount is its unit price times its quantity. */
export const budgetLineRuleSchema = ruleBaseSchema.extend({
  kind: z.literal('budgetLineArithmetic'),
  /** Rounding a fractional quantity may leave a fen. */
  toleranceFen: z.number().int().min(0).default(1),
});

/** The management fee (公募管理费) is stated and at most `maxPercent`. */
export const managementFeeRuleSchema = ruleBaseSchema.extend({
  kind: z.literal('managementFee'),
  maxPercent: z.number().min(0).max(100),
});

/** The execution plan has dated milestones inside the project period. */
export const milestonesRuleSchema = ruleBaseSchema.extend({
  kind: z.literal('milestones'),
  minCount: z.number().int().min(1).default(1),
  withinProjectPeriod: z.boolean().default(true),
});

/** When the project or the fundraising lasts over `overMonths`, progress is disclosed at least every `everyMonths`. */
export const disclosureRuleSchema = ruleBaseSchema.extend({
  kind: z.literal('disclosure'),
  overMonths: z.number().int().min(1).default(6),
  everyMonths: z.number().int().min(1).default(3),
  /**
   * Kept so older packs still load: the cadence is now read from the structured 披露频率 field, and
   * only a never-recorded one is guessed, from 信息披露与反馈计划 alone.
   */
  fields: z.array(fieldSourceSchema).min(1).default(['sections.disclosure']),
});

export const IMAGE_CHECKS = ['count', 'minSize', 'aspect', 'bytes', 'format'] as const;
export type ImageCheck = (typeof IMAGE_CHECKS)[number];

/** The pictures against the pack's image specs. */
export const imageSpecRuleSchema = ruleBaseSchema.extend({
  kind: z.literal('imageSpec'),
  /** Spec ids of this pack; all specs when left out. */
  specs: z.array(z.string()).min(1).optional(),
  checks: z.array(z.enum(IMAGE_CHECKS)).min(1),
  /** How far the width:height may differ from the spec's, as a fraction. */
  aspectTolerance: z.number().min(0).max(1).default(0.03),
});

/**
 * Every identifiable person in a picture has portrait consent; a minor has guardian consent. A
 * picture whose people-and-consent record was never filled in is not taken as 「no people」.
 */
export const consentRuleSchema = ruleBaseSchema.extend({
  kind: z.literal('consent'),
  guardianForMinors: z.boolean().default(true),
  requireRecord: z.boolean().default(true),
});

/** An organisation is named and its 统一社会信用代码 is valid (GB 32100-2015 check character). */
export const creditCodeRuleSchema = ruleBaseSchema.extend({
  kind: z.literal('creditCode'),
  role: z.enum(['fundraiser', 'initiator']),
  requireName: z.boolean().default(true),
  /** When false, only a code that is given is checked. */
  requireCode: z.boolean().default(true),
  /** The holder must be a social organisation (first character 5), as a 公募支持方 must. */
  socialOrganisation: z.boolean().default(false),
});

/** The 募捐方案备案编号 is present; a format mismatch gets `formatSeverity` (newer numbers may differ). */
export const filingNumberRuleSchema = ruleBaseSchema.extend({
  kind: z.literal('filingNumber'),
  formatSeverity: severitySchema.default('warning'),
  /** Also say when the code inside the number is not the fundraiser's. */
  matchFundraiser: z.boolean().default(true),
});

export const PRIVACY_KINDS = ['idNumber', 'phone', 'address'] as const;

/** No resident ID numbers (valid GB 11643 check digit), phone numbers or home addresses in the texts. */
export const privacyRuleSchema = ruleBaseSchema.extend({
  kind: z.literal('privacy'),
  detect: z.array(z.enum(PRIVACY_KINDS)).min(1),
  fields: fieldSelectorSchema.default('public'),
});

/**
 * No links (web addresses) and none of the commercial phrases. `links` chooses which links this rule
 * reports: a link to a shop, a product or a paid service ('commercial') is what the law forbids
 * outright; 'other' links are a lesser matter, so a pack can give the two their own severity.
 */
export const noAdsRuleSchema = ruleBaseSchema.extend({
  kind: z.literal('noAdsOrLinks'),
  phrases: z.array(phrase).max(2000).default([]),
  links: z.enum(['all', 'commercial', 'other', 'none']).default('all'),
  /** Hosts (or host/path prefixes) of shops, beside the built-in list. */
  commercialHosts: z.array(z.string().min(3).max(100)).max(500).default([]),
  fields: fieldSelectorSchema.default('public'),
});

/** No template placeholders (【请填写：…】) left. */
export const placeholdersRuleSchema = ruleBaseSchema.extend({
  kind: z.literal('placeholders'),
  fields: fieldSelectorSchema.default('all'),
});

/** The fundraising period is given, ends after it starts, and (optionally) lasts at most `maxMonths`. */
export const fundraisingPeriodRuleSchema = ruleBaseSchema.extend({
  kind: z.literal('fundraisingPeriod'),
  maxMonths: z.number().int().min(1).optional(),
});

export const BASIC_FACTS = ['targetAboveZero', 'projectPeriodInOrder', 'beneficiaryCounts'] as const;

/** Facts a reviewer checks first: a target above 0, a project period that ends after it starts, beneficiaries counted. */
export const basicFactsRuleSchema = ruleBaseSchema.extend({
  kind: z.literal('basicFacts'),
  checks: z.array(z.enum(BASIC_FACTS)).min(1),
});

/** Every picture says where it comes from (拍摄者/机构): the page publishes it, its rights must be clear. */
export const imageSourceRuleSchema = ruleBaseSchema.extend({
  kind: z.literal('imageSource'),
});

/** The contents the law asks of a 募捐方案. */
export const FILING_ITEMS = [
  'purpose',
  'period',
  'region',
  'contact',
  'donationMethod',
  'bankAccount',
  'beneficiaries',
  'use',
  'cost',
  'remainder',
] as const;
export type FilingItem = (typeof FILING_ITEMS)[number];
export const FILING_ITEM_LABELS: Record<FilingItem, string> = {
  purpose: '募捐目的',
  period: '起止时间',
  region: '募捐地域',
  contact: '活动负责人姓名和办公地址',
  donationMethod: '接受捐赠方式',
  bankAccount: '银行账户',
  beneficiaries: '受益人',
  use: '募得款物用途',
  cost: '募捐成本',
  remainder: '剩余财产的处理',
};

export const filingContentsRuleSchema = ruleBaseSchema.extend({
  kind: z.literal('filingContents'),
  items: z.array(z.enum(FILING_ITEMS)).min(1),
});

/** What no program can check (what a photo shows): always listed, as an item for a person to confirm. */
export const manualCheckRuleSchema = ruleBaseSchema.extend({
  kind: z.literal('manualCheck'),
  severity: z.literal('info', { error: '人工确认项（manualCheck）的级别只能是 info' }),
});

export const ruleSchema = z.discriminatedUnion(
  'kind',
  [
    phrasesRuleSchema,
    patternRuleSchema,
    requiredRuleSchema,
    lengthRuleSchema,
    budgetSumRuleSchema,
    budgetLineRuleSchema,
    managementFeeRuleSchema,
    milestonesRuleSchema,
    disclosureRuleSchema,
    imageSpecRuleSchema,
    consentRuleSchema,
    creditCodeRuleSchema,
    filingNumberRuleSchema,
    privacyRuleSchema,
    noAdsRuleSchema,
    placeholdersRuleSchema,
    fundraisingPeriodRuleSchema,
    filingContentsRuleSchema,
    basicFactsRuleSchema,
    imageSourceRuleSchema,
    manualCheckRuleSchema,
  ],
  { error: (iss) => (iss.code === 'invalid_union' ? '未知的规则类型（kind）' : undefined) },
);
export type Rule = z.infer<typeof ruleSchema>;
export type RuleKind = Rule['kind'];
export type RuleOf<K extends RuleKind> = Extract<Rule, { kind: K }>;
