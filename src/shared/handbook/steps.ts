import type { SectionId } from '../domain/catalog';
import { FILING_SOURCES, type FieldSource } from '../rules/fieldSources';

/**
 * The handbook's ten steps, in the order a proposal is written. The ids and what each step covers
 * are fixed by the program (the checks and the editor depend on them); the handbook data gives the
 * titles and the guidance users read.
 */
export const STEP_IDS = [
  'need',
  'beneficiaries',
  'goals',
  'plan',
  'budget',
  'capacity',
  'risks',
  'disclosure',
  'images',
  'platforms',
] as const;
export type StepId = (typeof STEP_IDS)[number];

/** Fallback titles, used where the handbook data is not at hand (e.g. a CLI message). */
export const STEP_LABELS: Record<StepId, string> = {
  need: '需求与背景',
  beneficiaries: '受益对象',
  goals: '项目目标',
  plan: '执行计划与时间节点',
  budget: '项目预算',
  capacity: '执行能力',
  risks: '风险及应对',
  disclosure: '信息披露与进度反馈',
  images: '图片与肖像授权',
  platforms: '上线平台与备案信息',
};

/** The rich-text sections each step is written in. Every section belongs to exactly one step. */
export const STEP_SECTIONS: Record<StepId, readonly SectionId[]> = {
  need: ['background'],
  beneficiaries: [],
  goals: ['goals'],
  plan: ['plan'],
  budget: [],
  capacity: ['capacity', 'aboutUs'],
  risks: ['risks'],
  disclosure: ['disclosure'],
  images: [],
  platforms: [],
};

/** The parts of a proposal each step covers, named as rule packs name them (field sources). */
export const STEP_FIELDS: Record<StepId, readonly FieldSource[]> = {
  need: ['title', 'summary', 'focusArea', 'district', 'sections.background'],
  beneficiaries: ['beneficiaries'],
  goals: ['sections.goals'],
  plan: ['sections.plan', 'milestones', 'projectPeriod'],
  budget: ['targetFen', 'budget', 'budget.managementFeePercent', 'budget.minimumExecutableFen', 'budget.fallbackPlan'],
  capacity: ['sections.capacity', 'sections.aboutUs', 'executors'],
  risks: ['sections.risks'],
  disclosure: ['sections.disclosure'],
  images: ['images'],
  platforms: [
    'initiator.name',
    'initiator.creditCode',
    'fundraiser.name',
    'fundraiser.creditCode',
    ...FILING_SOURCES,
    'fundraisingPeriod',
  ],
};

export function stepOfSection(id: SectionId): StepId {
  for (const step of STEP_IDS) if (STEP_SECTIONS[step].includes(id)) return step;
  // Unreachable while every section is listed above; a test keeps it so.
  return 'need';
}

/**
 * The step a finding's field belongs to: a field source, an indexed part such as 'images.3' or
 * 'budget.lines.2', or null for the whole proposal (no step).
 */
export function stepOfField(field: string | null): StepId | null {
  if (!field) return null;
  if (field === 'platforms' || field.startsWith('listings')) return 'platforms';
  // Findings may also name the proposal's own paths (roles.executors.0) rather than field sources.
  if (field.startsWith('roles.executors')) return 'capacity';
  if (field.startsWith('roles.')) return 'platforms';
  for (const step of STEP_IDS) {
    for (const source of STEP_FIELDS[step]) {
      if (field === source || field.startsWith(`${source}.`)) return step;
    }
  }
  return null;
}
