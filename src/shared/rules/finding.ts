import { z } from 'zod';
import { severitySchema } from './pack';
import { ruleSourceSchema } from './source';

/** One problem the rules found in a proposal. */
export const findingSchema = z.object({
  ruleId: z.string(),
  severity: severitySchema,
  /** The pack it came from: a platform id or 'legal'. */
  pack: z.string(),
  /** The proposal part (a field source such as 'sections.plan', or 'images.0'), or null for the whole proposal. */
  field: z.string().nullable(),
  /** Where in the field's plain text, in UTF-16 offsets, when the problem is a passage. */
  range: z.object({ start: z.number().int(), end: z.number().int() }).nullable(),
  message: z.string(),
  fix: z.string(),
  source: ruleSourceSchema,
  /** Whether an error stops the export (left out: it does); a rule may state that its errors do not. */
  blocksExport: z.boolean().optional(),
});
export type Finding = z.infer<typeof findingSchema>;

/** The findings that stop an export. */
export const blockingFindings = <F extends Pick<Finding, 'severity' | 'blocksExport'>>(findings: readonly F[]): F[] =>
  findings.filter((f) => f.severity === 'error' && f.blocksExport !== false);
