import { z } from 'zod';
import { STATUS_IDS } from '../../domain/catalog';
import { statsQuerySchema, statsReportSchema } from '../../stats/report';
import type { MethodSpec } from './common';
import { askServerField, notHereField, originSchema } from './serverOrigin';

/** Which figure a click on the 统计 screen opens: a measure, and the group it was counted in. */
export const drillSchema = z.object({
  measure: z.union([z.enum(['created', 'live', 'ended']), z.templateLiteral(['status:', z.enum(STATUS_IDS)])]),
  /** 'all': the whole scope. */
  dimension: z.enum(['all', 'district', 'focusArea', 'platform']),
  key: z.string().max(100).default(''),
});
export type Drill = z.infer<typeof drillSchema>;

export const drillProjectSchema = z.object({
  id: z.string(),
  title: z.string(),
  district: z.string(),
  focusArea: z.string(),
  status: z.string(),
  targetFen: z.number().nullable(),
  raisedFen: z.number().nullable(),
});
export type DrillProject = z.infer<typeof drillProjectSchema>;

const drillInput = statsQuerySchema.extend({ drill: drillSchema });
const drillOutput = z.object({ items: z.array(drillProjectSchema), total: z.number().int() });

/** The federation server's drill-down (src/shared/federation/contract.ts), the same list the desk gives. */
export const serverStatsProjects = { input: drillInput, output: drillOutput } as const satisfies MethodSpec;

/**
 * The 统计 screen: the report, the projects behind a figure, and the report as a file. With
 * `fromServer` the desk asks the federation server when connected and says where the figures came from.
 */
export const statsMethods = {
  'stats.report': { input: statsQuerySchema.extend(askServerField), output: statsReportSchema.extend({ origin: originSchema }) },
  'stats.projects': {
    input: drillInput.extend(askServerField),
    output: drillOutput.extend({ origin: originSchema, ...notHereField }),
  },
  'stats.export': {
    input: statsQuerySchema.extend({ format: z.enum(['xlsx', 'docx'], { error: '格式应为 xlsx 或 docx' }), ...askServerField }),
    output: z.object({ fileName: z.string(), dataBase64: z.string(), origin: originSchema }),
  },
} as const satisfies Record<string, MethodSpec>;
