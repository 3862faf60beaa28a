import type { Proposal } from '../../../../shared/domain/proposal';
import type { Assessment } from '../../../../shared/handbook/assessment';
import { api } from '../../api';
import { errorText } from '../../util/errors';

export interface DraftAssessment {
  assessment: Assessment;
  /** Why the rules' findings are not in the score, when they are not. */
  rulesNote: string | null;
}

/**
 * The draft against the handbook. Real proposals are scored with the rules checklist's findings
 * (each costs its step points); workshop samples on content alone, as their exercises are defined,
 * so the panel's score and the exercise's agree.
 */
export async function assessDraft(proposal: Proposal, withRules: boolean): Promise<DraftAssessment> {
  if (!withRules) {
    return { assessment: await api.call('handbook.assess', { proposal }), rulesNote: '培训样例的评分只看内容，未计入规则检查。' };
  }
  try {
    const { results } = await api.call('rules.check', { proposal });
    const findings = results.flatMap((r) => r.findings);
    return { assessment: await api.call('handbook.assess', { proposal, findings }), rulesNote: null };
  } catch (e) {
    return { assessment: await api.call('handbook.assess', { proposal }), rulesNote: `规则检查暂时不可用（${errorText(e)}），评分只看内容。` };
  }
}
