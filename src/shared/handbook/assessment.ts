import { z } from 'zod';
import { severitySchema } from '../rules/pack';
import { CHECK_IDS } from './checks';
import { STEP_IDS } from './steps';

/**
 * What the core says about a proposal against the handbook: each step complete, incomplete or with
 * problems (with reasons), and a quality score that explains itself step by step.
 */

/** pass: earned; missing: not written yet; wrong: written but contradicts itself or the law. */
export const CHECK_STATES = ['pass', 'missing', 'wrong'] as const;
export type CheckState = (typeof CHECK_STATES)[number];

export const checkResultSchema = z.object({
  id: z.enum(CHECK_IDS),
  step: z.enum(STEP_IDS),
  label: z.string(),
  points: z.number(),
  earned: z.number(),
  state: z.enum(CHECK_STATES),
  /** What was found: why the points were (or were not) earned. */
  note: z.string(),
  /** What to do next; empty when the check passes. */
  advice: z.string(),
});
export type CheckResult = z.infer<typeof checkResultSchema>;

export const STEP_STATUSES = ['complete', 'incomplete', 'problem'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];
export const STEP_STATUS_LABELS: Record<StepStatus, string> = { complete: '已完成', incomplete: '未完成', problem: '有问题' };

export const assessedFindingSchema = z.object({
  ruleId: z.string(),
  pack: z.string(),
  /** Every pack that reported this problem (one line, the platforms named, scored once). */
  packs: z.array(z.string()).default([]),
  severity: severitySchema,
  message: z.string(),
  fix: z.string(),
  /** Points taken off the step for it. */
  penalty: z.number(),
});

export const stepAssessmentSchema = z.object({
  id: z.enum(STEP_IDS),
  order: z.number().int(),
  title: z.string(),
  status: z.enum(STEP_STATUSES),
  earned: z.number(),
  max: z.number(),
  /** Why the step is incomplete or has problems (empty when complete). */
  reasons: z.array(z.string()),
  /** What earned points. */
  earnedFor: z.array(z.string()),
  checks: z.array(checkResultSchema),
  findings: z.array(assessedFindingSchema),
});
export type StepAssessment = z.infer<typeof stepAssessmentSchema>;

export const assessmentSchema = z.object({
  score: z.number(),
  max: z.number(),
  /** 优秀 / 良好 / 待完善 / 起步 */
  grade: z.string(),
  /** One sentence: the score and what to do first. */
  headline: z.string(),
  steps: z.array(stepAssessmentSchema),
  /** The improvements worth the most points, best first. */
  next: z.array(z.object({ step: z.enum(STEP_IDS), stepTitle: z.string(), checkId: z.enum(CHECK_IDS), advice: z.string(), gain: z.number() })),
  completeSteps: z.number().int(),
  /** Whether rule findings were taken into account. */
  usedFindings: z.boolean(),
  /** Findings about the whole proposal (no step). */
  generalFindings: z.array(assessedFindingSchema),
  handbookVersion: z.string(),
});
export type Assessment = z.infer<typeof assessmentSchema>;
