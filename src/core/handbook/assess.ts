import { platformLabel } from '../../shared/domain/catalog';
import type { Proposal } from '../../shared/domain/proposal';
import type { Assessment, CheckResult, StepAssessment, StepStatus } from '../../shared/handbook/assessment';
import { CHECKS } from '../../shared/handbook/checks';
import type { HandbookPackage } from '../../shared/handbook/schema';
import { STEP_IDS, stepOfField, type StepId } from '../../shared/handbook/steps';
import type { Finding } from '../../shared/rules/finding';
import { EVALUATORS } from './evaluate';

/** Points a rule finding takes off its step; the step keeps at least zero. */
const FINDING_PENALTY = { error: 2, warning: 1, info: 0 } as const;

const SEVERITY_RANK = { error: 2, warning: 1, info: 0 } as const;

const packLabel = (pack: string) => (pack === 'legal' ? '法律法规' : platformLabel(pack));

/**
 * Findings that are one problem: the same rule (its id without the pack's prefix, so
 * tencent.images.size and weibo.images.size, or legal.consent and alipay.consent) on the same
 * part. A small picture every platform warns about, or a placeholder rule's five hits in one
 * section, is one problem and is scored once.
 */
export function sameProblem(findings: readonly Finding[]): Finding[][] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.ruleId.slice(f.ruleId.indexOf('.') + 1)}|${f.field ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups.values()];
}

const GRADES = ['起步', '待完善', '良好', '优秀'] as const;

/**
 * The grade follows the share of points, but a proposal with a step that contradicts itself is never
 * better than 待完善, and one with an unfinished step never better than 良好: a high score must not
 * hide a problem a reviewer would send back.
 */
function grade(ratio: number, steps: readonly StepAssessment[]): string {
  let g = ratio >= 0.85 ? 3 : ratio >= 0.7 ? 2 : ratio >= 0.5 ? 1 : 0;
  if (steps.some((s) => s.status === 'problem')) g = Math.min(g, 1);
  else if (steps.some((s) => s.status === 'incomplete')) g = Math.min(g, 2);
  return GRADES[g]!;
}

/**
 * The proposal against the handbook: each step complete, incomplete or with problems, and a score
 * whose every point is explained. Rule findings are optional: without them the score rests on the
 * proposal's content alone; with them, each finding is listed under its step and costs points.
 */
export function assessProposal(p: Proposal, hb: Pick<HandbookPackage, 'steps' | 'scoring' | 'version'>, findings?: readonly Finding[]): Assessment {
  const weights = hb.scoring.weights as Partial<Record<string, number>>;
  const results: CheckResult[] = CHECKS.map((spec) => {
    const v = EVALUATORS[spec.id](p);
    const points = weights[spec.id] ?? spec.points;
    return {
      id: spec.id,
      step: spec.step,
      label: spec.label,
      points,
      // Partial credit rounds down, so an unfinished check never shows full points.
      earned: v.state === 'pass' ? points : Math.floor(points * v.ratio),
      state: v.state,
      note: v.note,
      advice: v.advice,
    };
  });

  const byStep = new Map<StepId | null, Finding[][]>();
  for (const group of sameProblem(findings ?? [])) {
    const step = stepOfField(group[0]!.field);
    byStep.set(step, [...(byStep.get(step) ?? []), group]);
  }
  // One penalty per problem, however many platforms' packs report it.
  const assessFindings = (list: readonly Finding[][], budget: number) =>
    list.map((group) => {
      const f = group.reduce((worst, g) => (SEVERITY_RANK[g.severity] > SEVERITY_RANK[worst.severity] ? g : worst));
      const penalty = Math.min(FINDING_PENALTY[f.severity], budget);
      budget -= penalty;
      const packs = [...new Set(group.map((g) => g.pack))];
      return { ruleId: f.ruleId, pack: f.pack, packs, severity: f.severity, message: f.message, fix: f.fix, penalty };
    });
  const packsNote = (packs: readonly string[]) => (packs.length > 1 ? `（${packs.map(packLabel).join('、')}）` : '');

  const steps: StepAssessment[] = STEP_IDS.map((id, i) => {
    const checks = results.filter((c) => c.step === id);
    const max = checks.reduce((s, c) => s + c.points, 0);
    const contentEarned = checks.reduce((s, c) => s + c.earned, 0);
    const stepFindings = assessFindings(byStep.get(id) ?? [], contentEarned);
    const earned = contentEarned - stepFindings.reduce((s, f) => s + f.penalty, 0);
    const hasError = stepFindings.some((f) => f.severity === 'error');
    const status: StepStatus = checks.some((c) => c.state === 'wrong') || hasError ? 'problem' : checks.every((c) => c.state === 'pass') ? 'complete' : 'incomplete';
    return {
      id,
      order: i + 1,
      title: hb.steps.find((s) => s.id === id)?.title ?? id,
      status,
      earned,
      max,
      reasons: [
        ...checks.filter((c) => c.state === 'wrong').map((c) => c.note),
        ...stepFindings.filter((f) => f.severity !== 'info').map((f) => `${f.severity === 'error' ? '规则错误' : '规则警告'}：${f.message}${packsNote(f.packs)}`),
        ...checks.filter((c) => c.state === 'missing').map((c) => c.note),
      ],
      earnedFor: checks.filter((c) => c.earned > 0).map((c) => `${c.label}（+${c.earned}）：${c.note}`),
      checks,
      findings: stepFindings,
    };
  });

  const score = Math.max(0, steps.reduce((s, st) => s + st.earned, 0));
  const max = steps.reduce((s, st) => s + st.max, 0);
  const titleOf = (id: StepId) => steps.find((s) => s.id === id)!.title;
  // Problems first (they mislead readers), then the biggest gains, in handbook order.
  const next = results
    .filter((c) => c.state !== 'pass')
    .sort((a, b) => Number(b.state === 'wrong') - Number(a.state === 'wrong') || b.points - b.earned - (a.points - a.earned) || STEP_IDS.indexOf(a.step) - STEP_IDS.indexOf(b.step))
    .slice(0, 3)
    .map((c) => ({ step: c.step, stepTitle: titleOf(c.step), checkId: c.id, advice: c.advice, gain: c.points - c.earned }));
  const completeSteps = steps.filter((s) => s.status === 'complete').length;
  const g = grade(max === 0 ? 0 : score / max, steps);
  const first = next[0];
  const headline =
    `得分 ${score}/${max}（${g}），${completeSteps}/${steps.length} 步已完成。` +
    (first ? `最该先改：第 ${STEP_IDS.indexOf(first.step) + 1} 步「${first.stepTitle}」——${first.advice}` : '各步都已完成，可以提交审核。');
  return {
    score,
    max,
    grade: g,
    headline,
    steps,
    next,
    completeSteps,
    usedFindings: findings !== undefined,
    generalFindings: assessFindings(byStep.get(null) ?? [], 0),
    handbookVersion: hb.version,
  };
}
