import type { Library } from '../../../src/core/library/library';
import type { Sql } from '../../../src/federation/db/sql';
import { newProposal } from '../../../src/shared/domain/factory';

/**
 * Libraries for the statistics tests, written straight into a real SQLite file so that listings can
 * carry `raisedFen` / `donationCount` (and proposals `disclosures`) before the proposal format has
 * them: exactly what a library written by a later ShanCe looks like to this one.
 */
export interface StatsListing {
  platform: string;
  status: 'preparing' | 'submitted' | 'live' | 'ended' | 'rejected';
  liveDate: string | null;
  raisedFen?: number;
  donationCount?: number;
}

export interface StatsProposal {
  id: string;
  district: string;
  focusArea: string | null;
  status: string;
  createdAt: string;
  updatedAt?: string;
  targetFen?: number | null;
  fundraisingEnd?: string | null;
  platforms?: string[];
  listings?: StatsListing[];
  brandSources?: { id: string; title: string; district: string }[];
  deleted?: boolean;
  disclosures?: unknown[];
}

/** The proposal JSON of one generated item, with the fields a later format adds. */
export function statsDoc(it: StatsProposal) {
  return {
    ...newProposal({ id: it.id, title: `项目${it.id}`, district: it.district }),
    focusArea: it.focusArea,
    status: it.status,
    createdAt: it.createdAt,
    updatedAt: it.updatedAt ?? it.createdAt,
    targetFen: it.targetFen ?? null,
    fundraisingPeriod: { start: null, end: it.fundraisingEnd ?? null },
    platforms: it.platforms ?? [],
    listings: (it.listings ?? []).map((l) => ({ projectNumber: '', url: '', note: '', ...l })),
    brandSources: it.brandSources ?? [],
    ...(it.disclosures ? { disclosures: it.disclosures } : {}),
  };
}

export function writeStatsProposals(lib: Library, items: readonly StatsProposal[]): void {
  const insert = lib.db.prepare(
    `INSERT INTO proposals (id, title, focus_area, district, status, created_at, updated_at, json, deleted_at)
     VALUES (@id, @title, @focusArea, @district, @status, @createdAt, @updatedAt, @json, @deletedAt)`,
  );
  lib.db.transaction(() => {
    for (const it of items) {
      const updatedAt = it.updatedAt ?? it.createdAt;
      const json = statsDoc(it);
      insert.run({
        id: it.id,
        title: json.title,
        focusArea: it.focusArea,
        district: it.district,
        status: it.status,
        createdAt: it.createdAt,
        updatedAt,
        json: JSON.stringify(json),
        deletedAt: it.deleted ? updatedAt : null,
      });
    }
  })();
}

/** A stored 同质化检查 report with the given clusters (members as id and district). */
export function writeDedupeReport(lib: Library, clusters: { id: string; district: string }[][]): void {
  const report = {
    threshold: 0.5,
    generatedAt: '2026-09-01T02:00:00.000Z',
    compared: 10,
    tooShort: 0,
    clusters: clusters.map((members, i) => ({
      id: `c${i}`,
      members: members.map((m) => ({ ...m, title: m.id, focusArea: null, status: 'draft', isBrand: false, updatedAt: '2026-09-01T02:00:00.000Z' })),
      maxScore: 0.8,
      districts: [...new Set(members.map((m) => m.district))],
      focusAreas: [],
      pairs: [],
      shared: { beneficiaryGroups: [], regions: [], budgetItems: [] },
    })),
    dismissed: [],
  };
  lib.db
    .prepare('INSERT INTO dedupe_last_report (id, threshold, generated_at, json) VALUES (1, ?, ?, ?)')
    .run(report.threshold, report.generatedAt, JSON.stringify(report));
}

/** The same items stored on a federation server as a sync would leave them (the server keeps no recycle bin: deleted ones are left out). */
export async function writeServerStatsProposals(db: Sql, items: readonly StatsProposal[]): Promise<void> {
  let seq = 0;
  for (const it of items.filter((x) => !x.deleted)) {
    const doc = statsDoc(it);
    // The document lives in the proposal's current revision (db/docMigration.ts).
    await db.query(
      `INSERT INTO proposals (id, district, rev, hash, status, title, updated_by, updated_at, seq) VALUES ($1, $2, 1, $3, $4, $5, 'seed', $6, $7)`,
      [doc.id, doc.district, '0'.repeat(64), doc.status, doc.title, doc.updatedAt, ++seq],
    );
    await db.query(`INSERT INTO proposal_revisions (proposal_id, rev, hash, doc, by_user, at) VALUES ($1, 1, $2, $3::jsonb, 'seed', $4)`, [
      doc.id,
      '0'.repeat(64),
      JSON.stringify(doc),
      doc.updatedAt,
    ]);
  }
  // Numbered as the server numbers changes (db/changes.ts): pulls read up to the counter.
  await db.query('UPDATE change_counter SET seq = GREATEST(seq, $1)', [seq]);
}
