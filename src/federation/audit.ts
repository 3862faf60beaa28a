import type { Sql } from './db/sql';

export type AuditOutcome = 'ok' | 'refused' | 'failed';

/**
 * Who did what, when. Never the password, the token or a proposal's text: the target is an id or a
 * name, the detail a short reason.
 */
export async function audit(db: Sql, entry: { user: string | null; action: string; target?: string; outcome: AuditOutcome; detail?: string }): Promise<void> {
  await db.query('INSERT INTO audit (user_name, action, target, outcome, detail) VALUES ($1, $2, $3, $4, $5)', [
    entry.user,
    entry.action,
    (entry.target ?? '').slice(0, 200),
    entry.outcome,
    (entry.detail ?? '').slice(0, 500),
  ]);
}

export interface AuditRow {
  at: string;
  user: string | null;
  action: string;
  target: string;
  outcome: AuditOutcome;
  detail: string;
}

export async function recentAudit(db: Sql, limit = 50): Promise<AuditRow[]> {
  const rows = await db.query<{ at: Date; user_name: string | null; action: string; target: string; outcome: AuditOutcome; detail: string }>(
    'SELECT at, user_name, action, target, outcome, detail FROM audit ORDER BY id DESC LIMIT $1',
    [limit],
  );
  return rows.map((r) => ({ at: r.at.toISOString(), user: r.user_name, action: r.action, target: r.target, outcome: r.outcome, detail: r.detail }));
}
