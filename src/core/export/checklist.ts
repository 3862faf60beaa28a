import type { Proposal } from '../../shared/domain/proposal';
import { blockingFindings, type Finding } from '../../shared/rules/finding';
import type { RulePack, Severity } from '../../shared/rules/pack';
import { SEVERITY_LABELS } from '../../shared/rules/pack';
import { findingFieldLabel } from '../../shared/rules/labels';
import { describeSource } from '../../shared/rules/source';

/**
 * The checklist of one platform: what the rules engine found for the proposal against the
 * platform's pack (and the legal pack). Export takes it as an input so that any engine can be
 * plugged in; `noFindings` is the stand-in until the engine is wired.
 */
export type CheckFn = (proposal: Proposal, pack: RulePack) => Finding[] | Promise<Finding[]>;

export const noFindings: CheckFn = () => [];

export function checklistCounts(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

export const hasErrors = (findings: readonly Finding[]) => blockingFindings(findings).length > 0;

/** One line naming a finding: 「[错误] 项目介绍：……」. */
export function findingLine(f: Finding): string {
  return `[${SEVERITY_LABELS[f.severity]}] ${findingFieldLabel(f.field)}：${f.message}`;
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
export const sortFindings = (findings: readonly Finding[]) => [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);

/** The checklist result written into a pack, with the override reason when errors were overridden. */
export function checklistText(platformLabel: string, pack: RulePack, findings: readonly Finding[], overrideReason: string | null): string {
  const c = checklistCounts(findings);
  const lines = [
    `检查结果 · ${platformLabel}`,
    `规则包：${pack.name} ${pack.version}（${pack.effectiveDate} 起适用）`,
    `错误 ${c.error} 项，警告 ${c.warning} 项，提示 ${c.info} 项`,
    '',
  ];
  if (overrideReason) {
    lines.push('【越过错误导出】本平台检查有错误，审核人决定仍然导出。', `理由：${overrideReason}`, '');
  } else if (c.error === 0) {
    lines.push('没有错误，可以提交。', '');
  }
  sortFindings(findings).forEach((f, i) => {
    lines.push(`${i + 1}. ${findingLine(f)}`);
    if (f.fix) lines.push(`   修改建议：${f.fix}`);
    lines.push(`   依据：${describeSource(f.source)}（规则 ${f.ruleId}）`);
  });
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
