import { z } from 'zod';
import { FOCUS_AREA_IDS, SECTION_IDS, STATUS_IDS, sectionLabel, type SectionId } from '../../domain/catalog';
import { LIMITS } from '../../domain/limits';
import { idSchema, orgSchema, proposalSchema, timestampSchema } from '../../domain/proposal';
import { lexicalDocSchema } from '../../domain/richText';
import type { MethodSpec } from './common';

/** The parts of a proposal the duplicate check reads; `text` is the body of a plain record. */
export const DEDUPE_PART_KEYS = ['title', 'summary', 'beneficiaries', ...SECTION_IDS, 'milestones', 'text'] as const;
export type DedupePartKey = 'title' | 'summary' | 'beneficiaries' | SectionId | 'milestones' | 'text';

/**
 * How much a 5-gram counts in the score, by the part it occurs in. The need, the beneficiaries and
 * the plan say what the project is; the organisation's own texts (capacity, about us) are shared by
 * every project of the same organisation and say little about whether two projects are the same.
 */
export const DEDUPE_PART_WEIGHTS: Record<DedupePartKey, number> = {
  title: 2,
  summary: 2,
  beneficiaries: 3,
  background: 3,
  goals: 2,
  plan: 3,
  milestones: 3,
  capacity: 1,
  risks: 1,
  disclosure: 1,
  aboutUs: 1,
  text: 1,
};

export function dedupePartLabel(key: DedupePartKey): string {
  switch (key) {
    case 'title':
      return '项目名称';
    case 'summary':
      return '一句话简介';
    case 'beneficiaries':
      return '受益人';
    case 'milestones':
      return '执行计划节点';
    case 'text':
      return '正文';
    default:
      return sectionLabel(key);
  }
}

export const dedupePartKeySchema = z.enum(DEDUPE_PART_KEYS);

/**
 * The default score from which two proposals are reported as similar. An edited copy that keeps half
 * of a text and rewrites the other half scores about 1/3 (one that keeps half and drops the rest,
 * 1/2); 0.25 catches it with room for the estimate's error (±0.03), while unrelated proposals —
 * even of the same organisation and from the same template — score below 0.1.
 */
export const DEFAULT_THRESHOLD = 0.25;

/**
 * A score as every screen, file and command shows it: a whole percent of the exact score, so the
 * panel, the report, its Excel and Word files and `shance dedupe` agree to the digit.
 */
export const scorePercent = (score: number): string => `${Math.round(score * 100)}%`;
/** Below this, pairs can be missed: the index finds 95% of pairs at 0.15 and fewer below. */
export const MIN_THRESHOLD = 0.15;

export const thresholdSchema = z
  .number()
  .min(MIN_THRESHOLD, { error: `相似度阈值不能低于 ${MIN_THRESHOLD}` })
  .max(1, { error: '相似度阈值不能高于 1' });

const proposalRef = z.union([z.object({ id: idSchema }), z.object({ proposal: proposalSchema })], {
  error: '请提供项目编号或项目内容',
});
export type ProposalRef = z.infer<typeof proposalRef>;

export const similarItemSchema = z.object({
  id: idSchema,
  title: z.string(),
  district: z.string(),
  focusArea: z.enum(FOCUS_AREA_IDS).nullable(),
  status: z.enum(STATUS_IDS),
  updatedAt: timestampSchema,
  score: z.number(),
  /** Another district's proposal received from the federation server: read-only, not in the library list. */
  remote: z.boolean().default(false),
});
export type SimilarItem = z.infer<typeof similarItemSchema>;

export const passageSideSchema = z.object({
  part: dedupePartKeySchema,
  /** UTF-16 offsets into that part's plain text (the `text` given for the part), end exclusive. */
  start: z.number().int(),
  end: z.number().int(),
});
export const passageSchema = z.object({
  a: passageSideSchema,
  b: passageSideSchema,
  /** Length in normalized characters (without punctuation and whitespace). */
  chars: z.number().int(),
});

export const comparedSideSchema = z.object({
  id: idSchema,
  title: z.string(),
  district: z.string(),
  parts: z.array(z.object({ key: dedupePartKeySchema, label: z.string(), text: z.string(), weight: z.number() })),
});

export const sharedItemsSchema = z.object({
  /** Beneficiary groups (受益人类型) both or several proposals name. */
  beneficiaryGroups: z.array(z.string()),
  /** Regions (受益人地域, 募捐地域) they have in common. */
  regions: z.array(z.string()),
  /** Budget items with the same name. */
  budgetItems: z.array(z.string()),
});

export const reportMemberSchema = z.object({
  id: idSchema,
  title: z.string(),
  district: z.string(),
  focusArea: z.enum(FOCUS_AREA_IDS).nullable(),
  status: z.enum(STATUS_IDS),
  isBrand: z.boolean(),
  updatedAt: timestampSchema,
  /** Another district's proposal received from the federation server: read-only. */
  remote: z.boolean().default(false),
});

export const reportPairSchema = z.object({
  a: idSchema,
  b: idSchema,
  score: z.number(),
  /** At or above the threshold, so it links the cluster. */
  similar: z.boolean(),
  /** A reviewer said these two are not the same project (不是同一项目). */
  judgedDistinct: z.boolean(),
  /** Similar pairs only: normalized characters in common passages, and the longest passages. */
  sharedChars: z.number().int(),
  passages: z.array(passageSchema.extend({ text: z.string() })),
  shared: sharedItemsSchema,
});
export type ReportPair = z.infer<typeof reportPairSchema>;

export const reportClusterSchema = z.object({
  /** Stable while the members stay the same: derived from their ids. */
  id: z.string(),
  members: z.array(reportMemberSchema),
  maxScore: z.number(),
  districts: z.array(z.string()),
  focusAreas: z.array(z.enum(FOCUS_AREA_IDS)),
  /** Every pair of members (for clusters up to 30 members; beyond, the similar pairs only). */
  pairs: z.array(reportPairSchema),
  /** What at least two members have in common. */
  shared: sharedItemsSchema,
});
export type ReportCluster = z.infer<typeof reportClusterSchema>;

/**
 * 同类项目: why two proposals are projects of the same kind though written independently. Kept apart
 * from 文字雷同 (copied text): the reviewer sees both, each with its own reasons.
 */
export const kindredWhySchema = z.object({
  /** Key terms of need, beneficiaries and plan both use, most telling first. */
  terms: z.array(z.string()),
  /** Words of the beneficiary groups both name (独居老人 / 空巢老人 → 老人). */
  beneficiaryGroups: z.array(z.string()),
  /** Budget items of the same kind (both sides' words). */
  budgetItems: z.array(z.string()),
  /** 同一区县：城口县, or 同属渝东北, or null. */
  region: z.string().nullable(),
  /** Both in this field of work, or null. */
  focusArea: z.enum(FOCUS_AREA_IDS).nullable(),
});
export type KindredWhy = z.infer<typeof kindredWhySchema>;

/**
 * The 同类项目 score from which a pair is listed: 0–1, shown as a percent like the text score but never
 * mixed with it. In the test set (tests/unit/fixtures/kindredSet.ts) partners score about 0.3–0.6 and
 * unrelated proposals below 0.15.
 */
export const KINDRED_THRESHOLD = 0.25;

export const kindredPairSchema = z.object({
  a: idSchema,
  b: idSchema,
  aTitle: z.string(),
  bTitle: z.string(),
  aDistrict: z.string(),
  bDistrict: z.string(),
  score: z.number(),
  why: kindredWhySchema,
  /** The pair is also in a 文字雷同 cluster. */
  alsoText: z.boolean(),
});
export type KindredPair = z.infer<typeof kindredPairSchema>;

export const kindredItemSchema = similarItemSchema.extend({ why: kindredWhySchema });
export type KindredItem = z.infer<typeof kindredItemSchema>;

export const dedupeReportSchema = z.object({
  threshold: z.number(),
  generatedAt: timestampSchema,
  /** Proposals compared (live ones, not merged, with enough text of their own). */
  compared: z.number().int(),
  /** Proposals with too little text of their own to compare. */
  tooShort: z.number().int(),
  clusters: z.array(reportClusterSchema),
  /** 同类项目: same kind of project, written independently; best first. */
  kindred: z.array(kindredPairSchema).default([]),
  /** 5-grams left out as wording many proposals share. */
  commonShingles: z.number().int().default(0),
  /** Pairs at or above the threshold that a reviewer marked 不是同一项目; left out of the clusters. */
  dismissed: z.array(
    z.object({ a: idSchema, b: idSchema, score: z.number(), aTitle: z.string(), bTitle: z.string(), decidedAt: timestampSchema }),
  ),
});
export type DedupeReport = z.infer<typeof dedupeReportSchema>;

/** For each rich-text section of a brand project: one source's text, or the reviewer's own text. */
export const sectionChoiceSchema = z.union([
  z.object({ from: idSchema }),
  z.object({ text: z.string().max(LIMITS.sectionChars), doc: lexicalDocSchema.nullable().default(null) }),
]);
export type SectionChoice = z.infer<typeof sectionChoiceSchema>;

export const mergeInputSchema = z.object({
  sourceIds: z
    .array(idSchema)
    .min(2, { error: '至少选择两个项目才能合并' })
    .max(50, { error: '一次最多合并 50 个项目' })
    .refine((ids) => new Set(ids).size === ids.length, { error: '合并的项目不能重复' }),
  /** Empty: what the sources' titles share, without copy marks or a district's name (core/merge/brandDefaults). */
  title: z.string().max(LIMITS.titleChars).default(''),
  /** Empty: the first source's summary. */
  summary: z.string().max(1000).default(''),
  /** Null: the sources' common district, or 市慈善总会（本级） when they differ. */
  district: z.string().max(50).nullable().default(null),
  /** Null: the sources' common focus area, else the first source's. */
  focusArea: z.enum(FOCUS_AREA_IDS).nullable().default(null),
  /** The common fundraising body (公募支持方). Null: the first source's. */
  fundraiser: orgSchema.nullable().default(null),
  /** 发起方. Null: the sources' common initiator, else the fundraising body. */
  initiator: orgSchema.nullable().default(null),
  /** Sections left out take the first source's text. */
  sections: z.partialRecord(z.enum(SECTION_IDS), sectionChoiceSchema).default({}),
});
export type MergeInput = z.input<typeof mergeInputSchema>;
export type MergeInputParsed = z.output<typeof mergeInputSchema>;

export const mergeStatusSchema = z.object({
  brandId: idSchema,
  mergedAt: timestampSchema,
  sources: z.array(z.object({ id: idSchema, title: z.string(), district: z.string() })),
  canUndo: z.boolean(),
  /** Why undo is no longer possible, in Chinese; null when it is. */
  reason: z.string().nullable(),
});
export type MergeStatus = z.infer<typeof mergeStatusSchema>;

const reportOptions = { threshold: thresholdSchema.default(DEFAULT_THRESHOLD) };

export const dedupeMethods = {
  /** The live check: library proposals most similar to a draft (saved or not). */
  'dedupe.similar': {
    input: z.object({
      proposal: proposalSchema,
      limit: z.number().int().min(1).max(50).default(10),
      minScore: thresholdSchema.default(DEFAULT_THRESHOLD),
    }),
    output: z.object({
      items: z.array(similarItemSchema),
      /** The draft has too little text of its own to compare yet. */
      tooShort: z.boolean(),
      threshold: z.number(),
      /** 同类项目: the same kind of project, found from what it is about rather than its wording. */
      kindred: z.array(kindredItemSchema).default([]),
    }),
  },
  /** Two proposals side by side: the exact score and the passages they share. */
  'dedupe.compare': {
    input: z.object({ a: proposalRef, b: proposalRef }),
    output: z.object({ score: z.number(), a: comparedSideSchema, b: comparedSideSchema, passages: z.array(passageSchema) }),
  },
  /** 同质化检查 over the whole library; the report is kept as the last one. */
  'dedupe.report': { input: z.object(reportOptions), output: dedupeReportSchema },
  /** The last 同质化检查 with its threshold and time, or null before the first. */
  'dedupe.lastReport': { input: z.object({}), output: z.object({ report: dedupeReportSchema.nullable() }) },
  /** Mark a pair as not the same project (distinct: true), or take that back (false). */
  'dedupe.judge': {
    input: z.object({ a: idSchema, b: idSchema, distinct: z.boolean() }),
    output: z.object({ a: idSchema, b: idSchema, distinct: z.boolean() }),
  },
  /** The report as a spreadsheet or a Word document; clusterIds picks and orders clusters (null: all). */
  'dedupe.exportReport': {
    input: z.object({
      ...reportOptions,
      format: z.enum(['xlsx', 'docx']),
      clusterIds: z.array(z.string().max(64)).max(100_000).nullable().default(null),
    }),
    output: z.object({ fileName: z.string(), dataBase64: z.string(), clusters: z.number().int() }),
  },
  /** The brand project a merge would create, without saving anything. */
  'merge.preview': {
    input: mergeInputSchema,
    output: z.object({ brand: proposalSchema, warnings: z.array(z.string()) }),
  },
  /** Create the brand project and mark the sources 已合并, in one transaction. */
  'merge.commit': {
    input: mergeInputSchema,
    output: z.object({ brand: proposalSchema, sources: z.array(idSchema), warnings: z.array(z.string()) }),
  },
  'merge.status': { input: z.object({ brandId: idSchema }), output: mergeStatusSchema },
  /** Undo a merge while the brand project is unchanged: the sources come back exactly as they were. */
  'merge.undo': {
    input: z.object({ brandId: idSchema }),
    output: z.object({ brandId: idSchema, restored: z.array(idSchema) }),
  },
} as const satisfies Record<string, MethodSpec>;
