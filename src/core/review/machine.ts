import { statusLabel, type StatusId } from '../../shared/domain/catalog';
import { AppError } from '../../shared/errors';
import { reviewActionLabel, reviewRoleLabel, type ReviewActionId, type ReviewRoleId } from '../../shared/review/actions';

/**
 * The review path as data: for each action, the statuses it starts from, where it leads, who may
 * take it and whether a reason is required. One party holds the pen in each status (see penHolder).
 */
export const TRANSITIONS: Readonly<Record<ReviewActionId, { from: readonly StatusId[]; to: StatusId; roles: readonly ReviewRoleId[]; reason: boolean }>> = {
  submit: { from: ['draft', 'returned'], to: 'submitted', roles: ['district'], reason: false },
  // Before a reviewer has taken it up, the district may take its submission back to write on.
  withdraw: { from: ['submitted'], to: 'draft', roles: ['district'], reason: false },
  take: { from: ['submitted'], to: 'reviewing', roles: ['reviewer'], reason: false },
  return: { from: ['submitted', 'reviewing'], to: 'returned', roles: ['reviewer'], reason: true },
  approve: { from: ['submitted', 'reviewing'], to: 'approved', roles: ['reviewer'], reason: false },
  reject: { from: ['submitted', 'reviewing'], to: 'rejected', roles: ['reviewer'], reason: true },
  // 变更: the district writes again; the approved revision stays frozen and live until the amendment is approved.
  amend: { from: ['approved', 'live'], to: 'draft', roles: ['district'], reason: false },
  golive: { from: ['approved'], to: 'live', roles: ['district', 'reviewer'], reason: false },
  close: { from: ['live'], to: 'closed', roles: ['district', 'reviewer'], reason: false },
};

/** Who may change the proposal in a status: the district writes, the reviewer decides, nobody after a decision. */
export function penHolder(status: StatusId): ReviewRoleId | null {
  if (status === 'draft' || status === 'returned') return 'district';
  if (status === 'submitted' || status === 'reviewing') return 'reviewer';
  return null;
}

/**
 * The district's text may be edited only while the district holds the pen. A proposal merged into a
 * brand project is outside the review path: it never goes live itself, so it stays editable.
 */
export function canEditText(status: StatusId): boolean {
  return status === 'merged' || penHolder(status) === 'district';
}

/** The actions a role may take from a status. */
export function availableActions(status: StatusId, role: ReviewRoleId): ReviewActionId[] {
  return (Object.keys(TRANSITIONS) as ReviewActionId[]).filter((a) => TRANSITIONS[a].from.includes(status) && TRANSITIONS[a].roles.includes(role));
}

/** The status an action leads to, or a Chinese refusal saying why it may not be taken. */
export function nextStatus(status: StatusId, action: ReviewActionId, role: ReviewRoleId, reason: string): StatusId {
  const t = TRANSITIONS[action];
  const what = reviewActionLabel(action);
  if (!t.from.includes(status)) {
    throw new AppError('CONFLICT', `项目当前为「${statusLabel(status)}」，不能${what}（只有「${t.from.map(statusLabel).join('」「')}」的项目可以${what}）`);
  }
  if (!t.roles.includes(role)) {
    throw new AppError('FORBIDDEN', `${reviewRoleLabel(role)}不能${what}，只有${t.roles.map(reviewRoleLabel).join('或')}可以`);
  }
  if (t.reason && reason.trim() === '') throw new AppError('INVALID_INPUT', `${what}必须填写理由`);
  return t.to;
}
