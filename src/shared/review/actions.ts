// What the review path is made of, in words a user sees. The rules of who may do what are in
// core/review/machine.ts; the renderer only shows what the core says is possible.

export const REVIEW_ACTIONS = [
  { id: 'submit', label: '提交审核' },
  { id: 'withdraw', label: '撤回提交' },
  { id: 'take', label: '开始审核' },
  { id: 'return', label: '退回修改' },
  { id: 'approve', label: '通过' },
  { id: 'reject', label: '不予通过' },
  { id: 'amend', label: '发起变更' },
  { id: 'golive', label: '标记已上线' },
  { id: 'close', label: '标记已结束' },
] as const;
export type ReviewActionId = (typeof REVIEW_ACTIONS)[number]['id'];
export const REVIEW_ACTION_IDS = REVIEW_ACTIONS.map((a) => a.id) as [ReviewActionId, ...ReviewActionId[]];
export const reviewActionLabel = (id: string): string => REVIEW_ACTIONS.find((a) => a.id === id)?.label ?? id;

/** The two parties: the district that writes the proposal, and the federation's reviewer. */
export const REVIEW_ROLES = [
  { id: 'district', label: '区县' },
  { id: 'reviewer', label: '总会审核人' },
] as const;
export type ReviewRoleId = (typeof REVIEW_ROLES)[number]['id'];
export const REVIEW_ROLE_IDS = REVIEW_ROLES.map((r) => r.id) as [ReviewRoleId, ...ReviewRoleId[]];
export const reviewRoleLabel = (id: string): string => REVIEW_ROLES.find((r) => r.id === id)?.label ?? id;
