/** Words for the disclosure calendar, shared by the core, the CLI and the screens. */

/** What set a due date: the law's quarterly clock, a platform's own feedback rule, or completion. */
export type ClockKind = 'law' | 'platform' | 'completion';
export const CLOCK_LABELS: Record<ClockKind, string> = { law: '法定', platform: '平台规则', completion: '结项' };

/** Hypha's schedule: due (within the window), overdue, very late. */
export type DueState = 'upcoming' | 'due' | 'overdue' | 'veryLate';
export const DUE_STATE_LABELS: Record<DueState, string> = { upcoming: '未到期', due: '即将到期', overdue: '已逾期', veryLate: '严重逾期' };

export const DISCLOSURE_KIND_LABELS = { progress: '进展披露', final: '结项报告', correction: '更正公告' } as const;
