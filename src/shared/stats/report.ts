import { z } from 'zod';

/**
 * The statistics report (统计报表): the one document the 统计 screen, the XLSX, the DOCX and
 * `shance report --format json` are all built from, so they always agree. Money is in fen (分),
 * dates are Asia/Shanghai calendar days. Documented field by field in the README (统计报表).
 */
export const STATS_REPORT_VERSION = 1;

const count = z.number().int().min(0);
/** Null: no listing in the group has the figure recorded yet (暂无数据), not zero. */
const knownOrNull = z.number().int().min(0).nullable();

export const statsPeriodSchema = z.object({
  id: z.string(),
  kind: z.enum(['month', 'quarter', 'half', 'year', 'range']),
  label: z.string(),
  start: z.iso.date(),
  end: z.iso.date(),
});

/**
 * The money of a set of live listings, the same in a group's figures and in a line of the money table
 * (spread last into both, so the parsed answer keeps its field order).
 */
const moneyFields = {
  /** Sum of the targets of the live proposals (未填写 counts as 0). */
  targetFen: count,
  /** Sum of the listings' recorded amounts raised; null when none is recorded. */
  raisedFen: knownOrNull,
  donations: knownOrNull,
};

/** The figures of one group (a district, a focus area, a platform, or everything). */
export const statsFiguresSchema = z.object({
  /** Proposals created in the period (新建). */
  created: count,
  /** Proposals with activity in the period (edited, or live), by their current status; keys are STATUS_IDS. */
  statuses: z.record(z.string(), count),
  /** Proposals live on a platform at some time in the period (在线): listed on or before its last day, fundraising not ended before its first. */
  live: count,
  /** Live proposals whose fundraising ended in the period (本期结束). */
  ended: count,
  ...moneyFields,
});
export type StatsFigures = z.infer<typeof statsFiguresSchema>;

export const statsRowSchema = statsFiguresSchema.extend({
  /** District name, focus-area id ('' when not chosen) or platform id. */
  key: z.string(),
  label: z.string(),
});
export type StatsRow = z.infer<typeof statsRowSchema>;

/** One line of the money table: what was raised on one platform, for one district and focus area. */
export const moneyRowSchema = z.object({
  platform: z.string(),
  platformLabel: z.string(),
  district: z.string(),
  focusArea: z.string(),
  focusAreaLabel: z.string(),
  live: count,
  ...moneyFields,
});
export type MoneyRow = z.infer<typeof moneyRowSchema>;

export const comparisonSchema = z.object({
  /** 上季度 / 上月 / 上年 … or 去年同期 */
  name: z.string(),
  period: statsPeriodSchema,
  totals: statsFiguresSchema,
});

export const homogeneitySchema = z.object({
  /** False until a 同质化检查 has been run and kept. */
  checked: z.boolean(),
  checkedAt: z.string().nullable(),
  /** Clusters in the last check with at least one member in scope. */
  clusters: count,
  clusteredProposals: count,
  /** Districts with proposals in those clusters, and how many. */
  clusterDistricts: z.array(z.object({ district: z.string(), proposals: count })),
  /** Brand projects (品牌项目) created in the period, and the districts whose proposals joined them. */
  brandProjects: count,
  brandSources: count,
  brandDistricts: z.array(z.object({ district: z.string(), proposals: count })),
});

export const unavailableSchema = z.object({ available: z.literal(false), note: z.string() });

export const statsReportSchema = z.object({
  version: z.literal(STATS_REPORT_VERSION),
  generatedAt: z.string(),
  /** 'library': one desktop's project library; 'federation': the federation server's database. */
  source: z.enum(['library', 'federation']),
  period: statsPeriodSchema,
  /** Null: the whole federation (全市). */
  district: z.string().nullable(),
  scopeLabel: z.string(),
  /** The status ids and labels the counts use, in workflow order. */
  statuses: z.array(z.object({ id: z.string(), label: z.string() })),
  totals: statsFiguresSchema,
  byDistrict: z.array(statsRowSchema),
  byFocusArea: z.array(statsRowSchema),
  /** A proposal listed on two platforms counts on each. */
  byPlatform: z.array(statsRowSchema),
  money: z.array(moneyRowSchema),
  previous: comparisonSchema,
  lastYear: comparisonSchema,
  homogeneity: homogeneitySchema,
  disclosure: z.union([
    unavailableSchema,
    z.object({ available: z.literal(true), records: count, proposalsWithRecords: count }),
  ]),
  training: unavailableSchema,
  /** True when nothing at all happened in the period in scope: show the empty state. */
  empty: z.boolean(),
  /** The generated summary sentence (本季度共上线项目 n 个，…). */
  summary: z.string(),
});
export type StatsReport = z.infer<typeof statsReportSchema>;

export const statsQuerySchema = z.object({
  period: z.string().min(1, { error: '请选择统计期间' }).max(40),
  district: z.string().max(50).nullable().default(null),
});
export type StatsQuery = z.input<typeof statsQuerySchema>;
