import type { FederationUser, RoleId } from '../shared/federation/contract';
import { AppError } from '../shared/errors';

/**
 * Who may do what. Decided here, on the server, from the session's user: never from anything a
 * client sends.
 */
export const CAN = {
  /** Write proposals: only a district's drafters, and only their district's. */
  writeProposals: ['drafter'],
  readAll: ['reviewer', 'admin'],
  publish: ['trainer', 'admin'],
  manageAccounts: ['admin'],
} as const satisfies Record<string, readonly RoleId[]>;

export function allowed(user: FederationUser, what: keyof typeof CAN): boolean {
  return (CAN[what] as readonly RoleId[]).includes(user.role);
}

export function demand(user: FederationUser, what: keyof typeof CAN, message: string): void {
  if (!allowed(user, what)) throw new AppError('FORBIDDEN', message);
}

/** A drafter sees their district's proposals and other districts' once submitted (not 草稿). */
export function canSee(user: FederationUser, p: { district: string; status: string }): boolean {
  if (allowed(user, 'readAll')) return true;
  if (user.role === 'drafter' && p.district === user.district) return true;
  return p.status !== 'draft';
}

/**
 * `canSee` as a SQL condition over a proposals row (columns `district`, `status`), for queries that
 * should not fetch what they would drop. Its parameters start at `$first`.
 */
export function visibility(user: FederationUser, first: number): { sql: string; params: unknown[] } {
  return { sql: visibilitySql(first), params: visibilityParams(user) };
}

/** The condition of `visibility`, which is the same for every user: the parameters say who. */
export function visibilitySql(first: number): string {
  return `($${first}::boolean OR COALESCE(district = $${first + 1}::text, false) OR status <> 'draft')`;
}

export function visibilityParams(user: FederationUser): unknown[] {
  return [allowed(user, 'readAll'), user.role === 'drafter' ? user.district : null];
}
