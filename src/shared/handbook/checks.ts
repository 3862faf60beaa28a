import type { StepId } from './steps';

/**
 * What the quality score looks at. The program decides whether a check passes (src/core/handbook);
 * the handbook data may re-weight the points (handbook.json「scoring」), and workshop exercises name
 * checks to say how fixing a planted problem shows up.
 */
export interface CheckSpec {
  id: string;
  step: StepId;
  /** Default points, out of 100 in all. */
  points: number;
  label: string;
}

export const CHECKS = [
  { id: 'need.title', step: 'need', points: 2, label: '项目名称具体' },
  { id: 'need.summary', step: 'need', points: 2, label: '一句话简介' },
  { id: 'need.text', step: 'need', points: 3, label: '需求与背景写完整' },
  { id: 'need.numbers', step: 'need', points: 4, label: '用具体数字说明需求' },
  { id: 'need.source', step: 'need', points: 2, label: '说明数据来源' },
  { id: 'need.vague', step: 'need', points: 1, label: '少用空泛的词' },

  { id: 'beneficiaries.listed', step: 'beneficiaries', points: 3, label: '列出受益对象类型' },
  { id: 'beneficiaries.counts', step: 'beneficiaries', points: 3, label: '写明受益人数' },
  { id: 'beneficiaries.region', step: 'beneficiaries', points: 2, label: '写明受益地域' },
  { id: 'beneficiaries.criteria', step: 'beneficiaries', points: 2, label: '说明筛选标准' },

  { id: 'goals.text', step: 'goals', points: 3, label: '项目目标写完整' },
  { id: 'goals.measurable', step: 'goals', points: 4, label: '目标可以衡量' },
  { id: 'goals.consistent', step: 'goals', points: 3, label: '目标与受益人数一致' },

  { id: 'plan.text', step: 'plan', points: 2, label: '执行计划写完整' },
  { id: 'plan.period', step: 'plan', points: 3, label: '项目执行周期' },
  { id: 'plan.milestones', step: 'plan', points: 3, label: '列出执行节点' },
  { id: 'plan.dated', step: 'plan', points: 3, label: '每个节点都有日期' },
  { id: 'plan.inPeriod', step: 'plan', points: 3, label: '节点都在执行周期内' },

  { id: 'budget.lines', step: 'budget', points: 2, label: '列出预算明细' },
  { id: 'budget.math', step: 'budget', points: 3, label: '单价 × 数量 = 金额' },
  { id: 'budget.total', step: 'budget', points: 4, label: '预算合计等于筹款目标' },
  { id: 'budget.basis', step: 'budget', points: 2, label: '写明测算依据' },
  { id: 'budget.fallback', step: 'budget', points: 3, label: '未筹满时的执行方案' },

  { id: 'capacity.text', step: 'capacity', points: 3, label: '执行能力写完整' },
  { id: 'capacity.evidence', step: 'capacity', points: 3, label: '用过往成绩证明能力' },
  { id: 'capacity.executor', step: 'capacity', points: 1, label: '写明执行方' },
  { id: 'capacity.aboutUs', step: 'capacity', points: 2, label: '关于我们' },

  { id: 'risks.text', step: 'risks', points: 3, label: '风险及应对写完整' },
  { id: 'risks.responses', step: 'risks', points: 5, label: '每个风险都有应对措施' },

  { id: 'disclosure.text', step: 'disclosure', points: 2, label: '信息披露计划写完整' },
  { id: 'disclosure.frequency', step: 'disclosure', points: 3, label: '进度反馈的频次' },
  { id: 'disclosure.content', step: 'disclosure', points: 2, label: '反馈的内容与渠道' },
  { id: 'disclosure.final', step: 'disclosure', points: 2, label: '结项报告' },

  { id: 'images.count', step: 'images', points: 2, label: '项目图片与封面' },
  { id: 'images.captions', step: 'images', points: 1, label: '图片说明与来源' },
  { id: 'images.consent', step: 'images', points: 3, label: '肖像授权' },

  { id: 'platforms.chosen', step: 'platforms', points: 2, label: '选择上线平台' },
  { id: 'platforms.roles', step: 'platforms', points: 2, label: '发起方与公募支持方' },
  { id: 'platforms.filing', step: 'platforms', points: 2, label: '募捐方案信息' },
] as const satisfies readonly CheckSpec[];

export type CheckId = (typeof CHECKS)[number]['id'];
export const CHECK_IDS = CHECKS.map((c) => c.id) as [CheckId, ...CheckId[]];

export function checkSpec(id: CheckId): CheckSpec {
  return CHECKS.find((c) => c.id === id)!;
}
