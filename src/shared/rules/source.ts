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
  /** The title retells the rule from a news or aggregator page; nobody has read the rule's own text yet. */
  secondary: z.boolean().optional(),
  note: z.string().optional(),
});
export type RuleSource = z.infer<typeof ruleSourceSchema>;

export function describeSource(s: RuleSource): string {
  const base = s.url ? `${s.title}（${s.url}）` : s.title;
  if (!s.verified) return `${base}【总会清单默认值，待核实】`;
  return s.secondary ? `${base}【二手来源，未见条文原文】` : base;
}

/** Whose rule a source makes it: the law's, the platform's, or only the federation's checklist default. */
export function isChecklistDefault(s: RuleSource): boolean {
  return !s.verified;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A finding's message as its source allows it to be said. Only a confirmed rule may speak for the
 * platform (抖音要求…); a federation default reads as 总会清单要求…, with the platform named as
 * the one whose rule is still to be checked.
 */
export function ownedMessage(packName: string, source: RuleSource, message: string): string {
  if (!isChecklistDefault(source)) return message;
  const rest = message.replace(new RegExp(`^${escapeRe(packName)}(?:的|要求)?`, 'u'), '');
  return `总会清单要求：${rest}（${packName}的规则待核实）`;
}
