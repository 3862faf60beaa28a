import { z } from 'zod';
import { FOCUS_AREA_IDS } from '../domain/catalog';
import { assessmentSchema, checkResultSchema } from './assessment';
import { CHECK_IDS } from './checks';
import { problemWhereSchema, SAMPLE_KINDS } from './schema';
import { STEP_IDS } from './steps';

/** A workshop sample as the 培训模式 list shows it. */
export const sampleSummarySchema = z.object({
  id: z.string(),
  focusArea: z.enum(FOCUS_AREA_IDS),
  focusAreaLabel: z.string(),
  kind: z.enum(SAMPLE_KINDS),
  name: z.string(),
  description: z.string(),
  lessons: z.array(z.string()),
  templateId: z.string().nullable(),
  problemCount: z.number().int(),
  /** Whether the trainee has opened it (it then has a working copy in the workshop library). */
  opened: z.boolean(),
});
export type SampleSummary = z.infer<typeof sampleSummarySchema>;

export const exerciseProblemSchema = z.object({
  id: z.string(),
  step: z.enum(STEP_IDS),
  stepTitle: z.string(),
  where: problemWhereSchema,
  whereLabel: z.string(),
  title: z.string(),
  detail: z.string(),
  hint: z.string(),
  fixed: z.boolean(),
  checks: z.array(checkResultSchema.pick({ id: true, label: true, state: true, note: true }).extend({ id: z.enum(CHECK_IDS) })),
});
export type ExerciseProblem = z.infer<typeof exerciseProblemSchema>;

/** How far a trainee has got with a sample: the planted problems fixed so far, and the score. */
export const exerciseStatusSchema = z.object({
  sampleId: z.string(),
  kind: z.enum(SAMPLE_KINDS),
  name: z.string(),
  problems: z.array(exerciseProblemSchema),
  fixed: z.number().int(),
  total: z.number().int(),
  /** A sentence for the checklist header. */
  summary: z.string(),
  assessment: assessmentSchema,
});
export type ExerciseStatus = z.infer<typeof exerciseStatusSchema>;
