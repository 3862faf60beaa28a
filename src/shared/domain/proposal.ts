import { z } from 'zod';
import './zodLocale';
import {
  FOCUS_AREA_IDS,
  LISTING_STATUS_IDS,
  PLATFORM_IDS,
  SECTION_IDS,
  STATUS_IDS,
  type SectionId,
} from './catalog';
import { LIMITS } from './limits';
import { lexicalDocSchema } from './richText';
import { CADENCES } from '../rules/cadence';

/** The version of the proposal file format. Bump it (and add an upgrade step) when a change is not additive. */
export const PROPOSAL_SCHEMA_VERSION = 1;

const text = (max: number = LIMITS.shortTextChars) => z.string().max(max, { error: `不能超过 ${max} 个字符` });
const list = <T extends z.ZodType>(item: T) =>
  z.array(item).max(LIMITS.listItems, { error: `条目过多（最多 ${LIMITS.listItems} 条）` });

export const idSchema = z
  .string()
  .min(1, { error: '编号不能为空' })
  .max(100, { error: '编号过长' })
  .regex(/^[A-Za-z0-9_-]+$/, { error: '编号只能包含字母、数字、下划线和连字符' })
  // JavaScript gives this one name a meaning of its own in objects; no real id looks like it.
  .refine((id) => id !== '__proto__', { error: '编号「__proto__」是保留字，不能使用' });

export const isoDateSchema = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });
export const timestampSchema = z.iso.datetime({ offset: true, error: '时间格式应为 ISO 8601' });
const fen = z.number().int({ error: '金额以“分”为单位，应为整数' }).min(0, { error: '金额不能为负' }).max(1e13, { error: '金额过大' });

export const periodSchema = z.object({
  start: isoDateSchema.nullable().default(null),
  end: isoDateSchema.nullable().default(null),
});

/** An organisation in one of the listing's roles. */
export const orgSchema = z.object({
  name: text(200).default(''),
  /** 统一社会信用代码, 18 characters when given. Its check character is verified by the rules, not here. */
  creditCode: text(40).default(''),
});

export const rolesSchema = z.object({
  /** 发起方 */
  initiator: orgSchema.default({ name: '', creditCode: '' }),
  /** 执行方: several after a merge into a brand project. */
  executors: list(orgSchema.extend({ district: text(50).default('') })).default([]),
  /** 公募支持方: the charity with public-fundraising qualification that receives the money. */
  fundraiser: orgSchema.default({ name: '', creditCode: '' }),
});

/** The filed fundraising plan (募捐方案) and the contents the law asks it to state. */
export const filingSchema = z.object({
  /** 募捐方案备案编号 */
  number: text(60).default(''),
  /** 募捐地域 */
  region: text(200).default(''),
  /** 活动负责人 */
  contactName: text(100).default(''),
  /** 负责人办公地址 */
  contactAddress: text(300).default(''),
  /** 接受捐赠方式 */
  donationMethod: text(500).default(''),
  /** 剩余财产的处理 */
  remainderPlan: text(1000).default(''),
});

export const beneficiarySchema = z.object({
  id: idSchema,
  type: text(100).default(''),
  count: z.number().int().min(0).max(1e9).nullable().default(null),
  region: text(200).default(''),
});

export const richTextSchema = z.object({
  /** Lexical's serialized state; null for text written outside the editor (it is rebuilt from `text`). */
  doc: lexicalDocSchema.nullable().default(null),
  /** Plain-text projection of `doc`, recomputed by the core on every save. */
  text: text(LIMITS.sectionChars).default(''),
});
export type RichText = z.infer<typeof richTextSchema>;

const emptyRichText = (): RichText => ({ doc: null, text: '' });

export const sectionsSchema = z.object(
  Object.fromEntries(SECTION_IDS.map((id) => [id, richTextSchema.default(emptyRichText)])) as Record<
    SectionId,
    z.ZodDefault<typeof richTextSchema>
  >,
);

export const milestoneSchema = z.object({
  id: idSchema,
  date: isoDateSchema.nullable().default(null),
  title: text(200).default(''),
  detail: text(2000).default(''),
});

export const budgetLineSchema = z.object({
  id: idSchema,
  item: text(200).default(''),
  category: text(100).default(''),
  unitPriceFen: fen.default(0),
  quantity: z.number().min(0).max(1e9).default(0),
  amountFen: fen.default(0),
  note: text(500).default(''),
  /** Where the line came from when proposals were merged into a brand project. */
  origin: z
    .object({ proposalId: idSchema, district: text(50).default('') })
    .nullable()
    .default(null),
});

export const budgetSchema = z.object({
  lines: list(budgetLineSchema).default([]),
  /** 公募管理费, in percent of the funds raised. Null when not stated. */
  managementFeePercent: z.number().min(0).max(100).nullable().default(null),
  /** 最低可执行金额 */
  minimumExecutableFen: fen.nullable().default(null),
  /** What happens if less than the target is raised. */
  fallbackPlan: text(2000).default(''),
});

export const consentSchema = z.object({
  identifiablePeople: z.boolean().default(false),
  portraitConsent: z.boolean().default(false),
  minors: z.boolean().default(false),
  guardianConsent: z.boolean().default(false),
  /** True once someone filled in this record; an untouched default does not mean 「no people」. */
  recorded: z.boolean().optional(),
});

export const imageRefSchema = z.object({
  id: idSchema,
  /** Content address of the bytes in the library (lower-case hex SHA-256). */
  sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: '图片校验值无效' }),
  fileName: text(255).default(''),
  mime: z.enum(['image/jpeg', 'image/png', 'image/webp'], { error: '仅支持 JPEG、PNG、WebP 图片' }),
  width: z.number().int().min(1).max(100_000),
  height: z.number().int().min(1).max(100_000),
  bytes: z.number().int().min(1).max(LIMITS.imageBytes),
  caption: text(300).default(''),
  source: text(300).default(''),
  isCover: z.boolean().default(false),
  /** Where to keep the subject when a platform crops the picture: fractions of width and height. */
  focalPoint: z.object({ x: z.number().min(0).max(1), y: z.number().min(0).max(1) }).default({ x: 0.5, y: 0.5 }),
  consent: consentSchema.default({ identifiablePeople: false, portraitConsent: false, minors: false, guardianConsent: false }),
});

/** How often progress is disclosed (信息披露频率): the field the law's quarterly rule is checked against. */
export const disclosurePlanSchema = z.object({
  cadence: z.enum(CADENCES, { error: '未知的披露频率' }).nullable().default(null),
  /** The writer's own words when the cadence is 'other'. */
  note: text(200).default(''),
  /** True while the cadence is the program's guess from older text, until the writer confirms it. */
  guessed: z.boolean().default(false),
});
// Null: never recorded (a proposal from before the field, or an imported file); the rules then guess
// from the disclosure plan's own words and ask the writer to confirm.
export type DisclosurePlan = z.infer<typeof disclosurePlanSchema>;

export const listingSchema = z.object({
  platform: z.enum(PLATFORM_IDS),
  projectNumber: text(100).default(''),
  url: text(1000).default(''),
  liveDate: isoDateSchema.nullable().default(null),
  status: z.enum(LISTING_STATUS_IDS).default('preparing'),
  note: text(1000).default(''),
  /** Money raised on this platform, entered by hand or recomputed from imported donation records. Null: not recorded. */
  raisedFen: fen.nullable().default(null),
  /** Number of donations behind `raisedFen`. Null: not recorded. */
  donationCount: z.number().int().min(0).max(1e9).nullable().default(null),
});

/** Kinds of disclosure: a progress update, the final (结项) report, or a correction of an earlier one (办法 Art. 16). */
export const DISCLOSURE_KINDS = ['progress', 'final', 'correction'] as const;
export type DisclosureKind = (typeof DISCLOSURE_KINDS)[number];
/** Where a disclosure is published: every platform, and the national platform 慈善中国. */
export const CHARITY_CHINA = 'cishanchina' as const;
export const PUBLICATION_TARGETS = [...PLATFORM_IDS, CHARITY_CHINA] as const;
export type PublicationTarget = (typeof PUBLICATION_TARGETS)[number];

/** One 已发布 mark: where the disclosure was published, when, and its address. */
export const publicationSchema = z.object({
  target: z.enum(PUBLICATION_TARGETS, { error: '未知的发布平台' }),
  date: isoDateSchema,
  url: text(1000).default(''),
});

/** Money spent in the period against one budget line. */
export const disclosureSpendingSchema = z.object({
  budgetLineId: idSchema,
  spentFen: fen.default(0),
  /** The date the money was spent, checked against the money raised by then. */
  date: isoDateSchema.nullable().default(null),
  note: text(500).default(''),
});

/** A disclosure record (信息披露), written once and published on every platform. */
export const disclosureSchema = z.object({
  id: idSchema,
  kind: z.enum(DISCLOSURE_KINDS, { error: '未知的披露类型' }).default('progress'),
  /** The period it covers. */
  period: periodSchema.default({ start: null, end: null }),
  receivedFen: fen.nullable().default(null),
  spending: list(disclosureSpendingSchema).default([]),
  beneficiariesReached: z.number().int().min(0).max(1e9).nullable().default(null),
  /** What was done (执行进展). */
  activities: text(5000).default(''),
  /** Pictures from the proposal's images, by id; their consent records travel with them. */
  imageIds: list(idSchema).default([]),
  problems: text(2000).default(''),
  /** Final report: money left over and how it is handled (剩余财产处理). */
  leftoverFen: fen.nullable().default(null),
  leftoverPlan: text(1000).default(''),
  /** Outcomes, for the final report. */
  outcomes: text(5000).default(''),
  /** A correction names the disclosure it corrects. */
  corrects: idSchema.nullable().default(null),
  publications: list(publicationSchema).default([]),
});
export type Disclosure = z.infer<typeof disclosureSchema>;
export type Publication = z.infer<typeof publicationSchema>;

export const proposalSchema = z.object({
  schemaVersion: z.literal(PROPOSAL_SCHEMA_VERSION, { error: `格式版本应为 ${PROPOSAL_SCHEMA_VERSION}` }),
  id: idSchema,
  title: text(LIMITS.titleChars).default(''),
  summary: text(1000).default(''),
  focusArea: z.enum(FOCUS_AREA_IDS, { error: '未知的项目领域' }).nullable().default(null),
  district: text(50).default(''),
  roles: rolesSchema.default({ initiator: { name: '', creditCode: '' }, executors: [], fundraiser: { name: '', creditCode: '' } }),
  filing: filingSchema.default({ number: '', region: '', contactName: '', contactAddress: '', donationMethod: '', remainderPlan: '' }),
  targetFen: fen.nullable().default(null),
  fundraisingPeriod: periodSchema.default({ start: null, end: null }),
  projectPeriod: periodSchema.default({ start: null, end: null }),
  beneficiaries: list(beneficiarySchema).default([]),
  sections: sectionsSchema.default(() => Object.fromEntries(SECTION_IDS.map((id) => [id, emptyRichText()])) as Record<SectionId, RichText>),
  milestones: list(milestoneSchema).default([]),
  disclosurePlan: disclosurePlanSchema.nullable().default(null),
  budget: budgetSchema.default({ lines: [], managementFeePercent: null, minimumExecutableFen: null, fallbackPlan: '' }),
  images: z.array(imageRefSchema).max(LIMITS.imagesPerProposal, { error: `图片过多（最多 ${LIMITS.imagesPerProposal} 张）` }).default([]),
  platforms: z.array(z.enum(PLATFORM_IDS, { error: '未知的平台' })).max(PLATFORM_IDS.length).default([]),
  status: z.enum(STATUS_IDS, { error: '未知的状态' }).default('draft'),
  /** The handbook template the proposal started from, and its version then. */
  template: z.object({ id: text(100), version: text(50) }).nullable().default(null),
  /** For a brand project: the proposals it was merged from. */
  brandSources: list(z.object({ id: idSchema, title: text(LIMITS.titleChars).default(''), district: text(50).default('') })).default([]),
  /** For a source proposal that has been merged: the brand project's id. */
  mergedInto: idSchema.nullable().default(null),
  /** Where the project is listed (上线跟踪). */
  listings: z.array(listingSchema).max(PLATFORM_IDS.length * 4).default([]),
  /** Disclosures after going live (信息披露), oldest first. */
  disclosures: list(disclosureSchema).default([]),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});

export type Proposal = z.infer<typeof proposalSchema>;
/** A proposal as a file may give it: every field with a default may be left out. */
export type ProposalInput = z.input<typeof proposalSchema>;
export type BudgetLine = z.infer<typeof budgetLineSchema>;
export type Milestone = z.infer<typeof milestoneSchema>;
export type Beneficiary = z.infer<typeof beneficiarySchema>;
export type ImageRef = z.infer<typeof imageRefSchema>;
export type Listing = z.infer<typeof listingSchema>;
export type Org = z.infer<typeof orgSchema>;
