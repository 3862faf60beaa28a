import { SECTION_IDS, type SectionId } from '../../../../shared/domain/catalog';
import { STEP_SECTIONS, stepOfField, type StepId } from '../../../../shared/handbook/steps';

/** What the guide shows for a field of the editor: a section's own page, or its step's page. */
export type GuideTarget = { sectionId: SectionId; stepId: null } | { sectionId: null; stepId: StepId };

export function guideTarget(field: string | null): GuideTarget | null {
  if (!field) return null;
  const section = /^sections\.([A-Za-z]+)/.exec(field)?.[1];
  if (section && (SECTION_IDS as readonly string[]).includes(section)) return { sectionId: section as SectionId, stepId: null };
  const step = stepOfField(field);
  return step ? { sectionId: null, stepId: step } : null;
}

/**
 * The part of the editor a step is written in: its first section, or the form part named after the
 * step (受益人 beneficiaries, 预算 budget, 图片 images, 目标平台 platforms).
 */
export function stepField(step: StepId): string {
  const section = STEP_SECTIONS[step][0];
  return section ? `sections.${section}` : step;
}
