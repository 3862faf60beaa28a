import { describe, expect, test } from 'vitest';
import { STATUS_IDS, type StatusId } from '../../src/shared/domain/catalog';
import { REVIEW_ACTION_IDS, REVIEW_ROLE_IDS, type ReviewActionId, type ReviewRoleId } from '../../src/shared/review/actions';
import { refusalOf } from './helpers/refusal';
import { availableActions, canEditText, nextStatus, penHolder } from '../../src/core/review/machine';

// The path of the issue, written out by hand: "from status, action, role → to". Everything not
// listed here must be refused.
const ALLOWED: readonly [StatusId, ReviewActionId, ReviewRoleId, StatusId][] = [
  ['draft', 'submit', 'district', 'submitted'],
  ['returned', 'submit', 'district', 'submitted'],
  ['submitted', 'withdraw', 'district', 'draft'],
  ['submitted', 'take', 'reviewer', 'reviewing'],
  ['submitted', 'return', 'reviewer', 'returned'],
  ['reviewing', 'return', 'reviewer', 'returned'],
  ['submitted', 'approve', 'reviewer', 'approved'],
  ['reviewing', 'approve', 'reviewer', 'approved'],
  ['submitted', 'reject', 'reviewer', 'rejected'],
  ['reviewing', 'reject', 'reviewer', 'rejected'],
  ['approved', 'amend', 'district', 'draft'],
  ['live', 'amend', 'district', 'draft'],
  ['approved', 'golive', 'district', 'live'],
  ['approved', 'golive', 'reviewer', 'live'],
  ['live', 'close', 'district', 'closed'],
  ['live', 'close', 'reviewer', 'closed'],
];


describe('the review state machine', () => {
  for (const status of STATUS_IDS) {
    for (const action of REVIEW_ACTION_IDS) {
      for (const role of REVIEW_ROLE_IDS) {
        const allowed = ALLOWED.find(([s, a, r]) => s === status && a === action && r === role);
        test(`${status} · ${action} · ${role}: ${allowed ? `→ ${allowed[3]}` : 'refused'}`, () => {
          if (allowed) expect(nextStatus(status, action, role, '理由')).toBe(allowed[3]);
          else expect(refusalOf(() => nextStatus(status, action, role, '理由'))).toMatch(/不能/);
        });
      }
    }
  }

  test('return and reject need a reason; the refusal says so in Chinese', () => {
    expect(refusalOf(() => nextStatus('reviewing', 'return', 'reviewer', '  '))).toBe('退回修改必须填写理由');
    expect(refusalOf(() => nextStatus('submitted', 'reject', 'reviewer', ''))).toBe('不予通过必须填写理由');
    expect(nextStatus('reviewing', 'approve', 'reviewer', '')).toBe('approved');
  });

  test('refusals name the status and the role', () => {
    expect(refusalOf(() => nextStatus('draft', 'approve', 'reviewer', ''))).toContain('项目当前为「草稿」，不能通过');
    expect(refusalOf(() => nextStatus('submitted', 'approve', 'district', ''))).toContain('区县不能通过');
  });

  test('one pen-holder per status: the district writes in 草稿 and 退回修改 only', () => {
    const editable = STATUS_IDS.filter(canEditText);
    expect(editable).toEqual(['draft', 'returned', 'merged']);
    expect(penHolder('submitted')).toBe('reviewer');
    expect(penHolder('reviewing')).toBe('reviewer');
    expect(penHolder('approved')).toBeNull();
    expect(availableActions('reviewing', 'reviewer').sort()).toEqual(['approve', 'reject', 'return']);
    expect(availableActions('reviewing', 'district')).toEqual([]);
  });
});
