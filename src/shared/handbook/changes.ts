import { z } from 'zod';
import { changelogEntrySchema } from './schema';
import { STEP_IDS } from './steps';

/** One difference in the guidance between two handbook versions. */
export const changeItemSchema = z.object({
  /** The general handbook page, or the focus-area template the proposal uses. */
  scope: z.enum(['handbook', 'template']),
  /** Which part changed, in words: 「常见错误」「“项目背景与需求”的填写提示」… */
  part: z.string(),
  kind: z.enum(['added', 'removed', 'changed']),
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export type ChangeItem = z.infer<typeof changeItemSchema>;

export const stepChangesSchema = z.object({
  step: z.enum(STEP_IDS),
  title: z.string(),
  items: z.array(changeItemSchema),
});
export type StepChanges = z.infer<typeof stepChangesSchema>;

export const versionRefSchema = z.object({ version: z.string(), date: z.string().nullable() });

/** What changed in the guidance that applies to one proposal since it started or last acknowledged. */
export const guidanceChangesSchema = z.object({
  from: versionRefSchema
    .extend({
      /** Whether this machine still has that version's text (otherwise only the change log is shown). */
      known: z.boolean(),
      basis: z.enum(['acknowledged', 'template']),
    })
    .nullable(),
  to: versionRefSchema,
  changed: z.boolean(),
  /** A sentence for the notice. */
  message: z.string(),
  changelog: z.array(changelogEntrySchema),
  steps: z.array(stepChangesSchema),
});
export type GuidanceChanges = z.infer<typeof guidanceChangesSchema>;

const nameList = z.array(z.object({ id: z.string(), name: z.string() }));

/** Everything a new package changes, for the trainer before and after an import. */
export const packageChangesSchema = z.object({
  steps: z.array(stepChangesSchema),
  templates: z.object({ added: nameList, removed: nameList, changed: nameList }),
  /** For each changed template, what changed in it (not only its name). */
  templateChanges: z.array(z.object({ id: z.string(), name: z.string(), items: z.array(changeItemSchema) })).default([]),
  samples: z.object({ added: nameList, removed: nameList, changed: nameList }),
});
export type PackageChanges = z.infer<typeof packageChangesSchema>;
