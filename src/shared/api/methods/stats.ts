import { z } from 'zod';
import { STATUS_IDS } from '../../domain/catalog';
import { statsQuerySchema, statsReportSchema } from '../../stats/report';
import type { MethodSpec } from './common';

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

/** The 统计 screen: the report, the projects behind a figure, and the report as a file. */
export const statsMethods = {
  'stats.report': { input: statsQuerySchema, output: statsReportSchema },
  'stats.projects': {
    input: statsQuerySchema.extend({ drill: drillSchema }),
    output: z.object({ items: z.array(drillProjectSchema), total: z.number().int() }),
  },
  'stats.export': {
    input: statsQuerySchema.extend({ format: z.enum(['xlsx', 'docx'], { error: '格式应为 xlsx 或 docx' }) }),
    output: z.object({ fileName: z.string(), dataBase64: z.string() }),
  },
} as const satisfies Record<string, MethodSpec>;
