import type { StatsReport } from '../../shared/stats/report';
import { reportDocx } from './docx';
import { reportXlsx } from './xlsx';

export type ReportFormat = 'json' | 'xlsx' | 'docx';
export const REPORT_FORMATS: readonly ReportFormat[] = ['json', 'xlsx', 'docx'];

/** The report in one of its three forms, all from the same JSON. */
export async function reportBytes(r: StatsReport, format: ReportFormat): Promise<Uint8Array> {
  if (format === 'xlsx') return reportXlsx(r);
  if (format === 'docx') return reportDocx(r);
  return new TextEncoder().encode(`${JSON.stringify(r, null, 2)}\n`);
}

/** 统计-2026-Q3-万州区.docx */
export function reportFileName(r: StatsReport, format: ReportFormat): string {
  return `统计-${r.period.id.replace('..', '至')}${r.district ? `-${r.district}` : ''}.${format}`;
}
