import { z } from 'zod';

/**
 * Where a rule or a limit comes from. A value no public source confirms carries the federation's
 * default with `verified: false`, shown to users as 「总会清单默认值，待核实」; it is never presented as the
 * platform's own rule.
 */
export const ruleSourceSchema = z.object({
  kind: z.enum(['law', 'platform', 'federation']),
  title: z.string().min(1),
  url: z.string().url().optional(),
  verified: z.boolean(),
  note: z.string().optional(),
});
export type RuleSource = z.infer<typeof ruleSourceSchema>;

export function describeSource(s: RuleSource): string {
  const base = s.url ? `${s.title}（${s.url}）` : s.title;
  return s.verified ? base : `${base}【总会清单默认值，待核实】`;
}
