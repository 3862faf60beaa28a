import { clocksFromPacks, dueDisclosures, type CalendarProposal, type DueItem } from '../core/disclosure/calendar';
import { loadPackDir, shippedPacksDir } from '../core/rules/load';
import { compareVersions, inEffect } from '../core/util/versions';
import { chongqingToday } from '../core/rules/dates';
import { defaultTemplatesDir } from '../core/paths';
import { AppError } from '../shared/errors';
import type { FederationUser } from '../shared/federation/contract';
import type { RulePack } from '../shared/rules/pack';
import { allowed } from './policy';
import type { Sql } from './db/sql';

/**
 * 披露日程 across every district, on the server: the stored proposals run through the desk's own
 * calendar engine (src/core/disclosure/calendar.ts) with the clocks of the rule packs in effect
 * today — the shipped ones, or a version the federation published — so a reviewer's list and a
 * district desk's list of the same proposals agree.
 */

/** The shipped packs, read once per templates folder (they change only with a new server version). */
const shippedCache = new Map<string, RulePack[]>();
function shippedPacks(templatesDir: string): RulePack[] {
  let packs = shippedCache.get(templatesDir);
  if (!packs) {
    packs = loadPackDir(shippedPacksDir(templatesDir));
    shippedCache.set(templatesDir, packs);
  }
  return packs;
}

/** Each pack's version in effect today, among the shipped and the published ones. */
export async function serverActivePacks(db: Sql, templatesDir: string, today: string): Promise<RulePack[]> {
  const published = await db.query<{ doc: RulePack }>('SELECT doc FROM rule_packs');
  const byId = new Map<string, { pack: RulePack }[]>();
  for (const pack of [...shippedPacks(templatesDir), ...published.map((r) => r.doc)]) byId.set(pack.id, [...(byId.get(pack.id) ?? []), { pack }]);
  return [...byId.values()].map((versions) => inEffect(versions.sort((a, b) => compareVersions(b.pack.version, a.pack.version)), today)!.pack);
}

/**
 * Only what the calendar reads, and only proposals with a listing that is live or ended: the others
 * have no calendar, and the database drops them before anything reaches the server's memory.
 */
const LIVE_PROPOSALS = `
  SELECT id, title, district,
    COALESCE(doc->'listings', '[]'::jsonb) AS listings,
    COALESCE(doc->'disclosures', '[]'::jsonb) AS disclosures,
    doc->'fundraisingPeriod' AS "fundraisingPeriod",
    doc->'projectPeriod' AS "projectPeriod"
  FROM proposal_docs
  WHERE deleted_at IS NULL AND ($1::text IS NULL OR district = $1::text)
    AND (doc->'listings' @> '[{"status":"live"}]'::jsonb OR doc->'listings' @> '[{"status":"ended"}]'::jsonb)
  ORDER BY id`;

export interface DueRequest {
  withinDays: number;
  district: string | null;
}

/** Reviewers and admins see every district; anyone else only their own district's projects. */
function districtFor(user: FederationUser, asked: string | null): string | null {
  if (allowed(user, 'readAll')) return asked;
  if (asked !== null && asked !== user.district) throw new AppError('FORBIDDEN', `只能查看本区县（${user.district}）的披露日程；全市的披露日程由总会审核人和管理员查看`);
  return user.district;
}

export async function federationDue(db: Sql, templatesDir: string | undefined, user: FederationUser, q: DueRequest, today = chongqingToday()): Promise<{ items: DueItem[]; today: string }> {
  const district = districtFor(user, q.district);
  const [rows, packs] = await Promise.all([db.query<CalendarProposal>(LIVE_PROPOSALS, [district]), serverActivePacks(db, templatesDir ?? defaultTemplatesDir(), today)]);
  const fallback = { start: null, end: null };
  const proposals = rows.map((r) => ({ ...r, fundraisingPeriod: r.fundraisingPeriod ?? fallback, projectPeriod: r.projectPeriod ?? fallback }));
  return { items: dueDisclosures(proposals, clocksFromPacks(packs), today, { withinDays: q.withinDays, district }), today };
}
