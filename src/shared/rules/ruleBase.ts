import { z } from 'zod';
import { ruleSourceSchema } from './source';

// Lives apart from pack.ts so that the rule vocabulary (ruleKinds.ts) can extend the base while
// pack.ts uses the vocabulary, without an import cycle. pack.ts re-exports everything here.

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export const severitySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severitySchema>;
export const SEVERITY_LABELS: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

/** The common part of every rule; the engine's vocabulary extends it by `kind`. */
export const ruleBaseSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/),
  kind: z.string(),
  severity: severitySchema,
  /** What is wrong, in Chinese, shown to the user. */
  message: z.string().min(1),
  /** How to fix it. */
  fix: z.string().default(''),
  source: ruleSourceSchema,
  /**
   * Whether an error from this rule stops the export. The federation decides it per rule, above all
   * for its own unconfirmed defaults; an error blocks unless the rule says false.
   */
  blocksExport: z.boolean().optional(),
});
