import type { Drill, DrillProject } from '../shared/api/methods/stats';
import type { Cell, DistrictCount, MoneyAggRow, PlatformAggRow, ProposalAggRow, RaisedAggRow, Scope, StatsSource, StatusAggRow } from '../core/stats/source';
import type { Sql } from './db/sql';

/**
 * The report's aggregates on the federation server's database (PostgreSQL or PGlite), over
 * proposals.doc (jsonb), with the same meaning as the desktop's SQLite queries (src/core/stats/sqlite.ts):
 * days in Asia/Shanghai, `raisedFen` / `donationCount` / `disclosures` read whether or not the
 * proposal format has them yet (missing → NULL → 暂无数据). Sums come back as float8 so node-postgres
 * gives numbers (exact for any amount of fen below 2^53).
 * Parameters: $1 first day, $2 last day, $3 district (NULL: every district).
 */
const BASE = `
WITH p AS (
  SELECT id, title, district, COALESCE(doc->>'focusArea', '') AS focus_area, status,
    ((doc->>'createdAt')::timestamptz AT TIME ZONE 'Asia/Shanghai')::date::text AS created_day,
    ((doc->>'updatedAt')::timestamptz AT TIME ZONE 'Asia/Shanghai')::date::text AS updated_day,
    COALESCE((doc->>'targetFen')::float8, 0) AS target,
    doc->'fundraisingPeriod'->>'end' AS fr_end,
    COALESCE(doc->'platforms', '[]'::jsonb) AS platforms,
    doc
  FROM proposal_docs WHERE deleted_at IS NULL AND ($3::text IS NULL OR district = $3::text)
),
l AS (
  SELECT p.id, p.district, p.focus_area, p.target, p.fr_end, je->>'platform' AS platform,
    (je->>'raisedFen')::float8 AS raised, (je->>'donationCount')::float8 AS donations
  FROM p CROSS JOIN LATERAL jsonb_array_elements(COALESCE(p.doc->'listings', '[]'::jsonb)) AS je
  WHERE je->>'status' IN ('live', 'ended') AND je->>'liveDate' <= $2::text AND COALESCE(p.fr_end, '9999-12-31') >= $1::text
),
pl AS (SELECT p.*, p.id IN (SELECT id FROM l) AS live FROM p),
lp AS (
  SELECT platform, district, focus_area, id, MAX(target) AS target, SUM(raised) AS raised, SUM(donations) AS donations
  FROM l GROUP BY platform, district, focus_area, id
)`;

const IN_PERIOD = (col: string) => `${col} BETWEEN $1::text AND $2::text`;
const ACTIVE = `(live OR (created_day <= $2::text AND updated_day >= $1::text))`;
const FIGURES = `
  COUNT(*) FILTER (WHERE ${IN_PERIOD('created_day')})::int AS created,
  COUNT(*) FILTER (WHERE live)::int AS live,
  COUNT(*) FILTER (WHERE live AND ${IN_PERIOD('fr_end')})::int AS ended,
  COALESCE(SUM(target) FILTER (WHERE live), 0)::float8 AS "targetFen"`;
const CELL = `district, focus_area AS "focusArea"`;

const BRANDS = `
WITH b AS (
  SELECT id, district, doc->'brandSources' AS sources FROM proposal_docs
  WHERE deleted_at IS NULL AND jsonb_array_length(COALESCE(doc->'brandSources', '[]'::jsonb)) > 0
    AND ((doc->>'createdAt')::timestamptz AT TIME ZONE 'Asia/Shanghai')::date::text BETWEEN $1::text AND $2::text
    AND ($3::text IS NULL OR district = $3::text OR EXISTS (
      SELECT 1 FROM jsonb_array_elements(doc->'brandSources') AS x WHERE x->>'district' = $3::text))
)`;

export class FederationStatsSource implements StatsSource {
  readonly kind = 'federation';
  constructor(private readonly db: Sql) {}

  private all<T>(sql: string, s: Scope): Promise<T[]> {
    return this.db.query<T>(`${BASE} ${sql}`, [s.period.start, s.period.end, s.district]);
  }

  async prepare(): Promise<void> {}

  proposals(s: Scope) {
    return this.all<ProposalAggRow & Cell>(`SELECT ${CELL}, ${FIGURES} FROM pl GROUP BY 1, 2`, s);
  }
  statuses(s: Scope) {
    return this.all<StatusAggRow & Cell>(`SELECT ${CELL}, status, COUNT(*)::int AS n FROM pl WHERE ${ACTIVE} GROUP BY 1, 2, 3`, s);
  }
  raised(s: Scope) {
    return this.all<RaisedAggRow & Cell>(`SELECT ${CELL}, SUM(raised) AS "raisedFen", SUM(donations) AS donations FROM lp GROUP BY 1, 2`, s);
  }
  platformProposals(s: Scope) {
    return this.all<ProposalAggRow & { key: string }>(
      `SELECT pf AS key, COUNT(*) FILTER (WHERE ${IN_PERIOD('created_day')})::int AS created, 0 AS live, 0 AS ended, 0 AS "targetFen"
       FROM pl CROSS JOIN LATERAL jsonb_array_elements_text(pl.platforms) AS pf GROUP BY 1`,
      s,
    );
  }
  platformStatuses(s: Scope) {
    return this.all<StatusAggRow & { key: string }>(
      `SELECT pf AS key, status, COUNT(*)::int AS n FROM pl CROSS JOIN LATERAL jsonb_array_elements_text(pl.platforms) AS pf WHERE ${ACTIVE} GROUP BY 1, 2`,
      s,
    );
  }
  platformMoney(s: Scope) {
    return this.all<PlatformAggRow>(
      `SELECT platform AS key, COUNT(*)::int AS live, SUM(target) AS "targetFen", SUM(raised) AS "raisedFen", SUM(donations) AS donations FROM lp GROUP BY 1`,
      s,
    );
  }
  money(s: Scope) {
    return this.all<MoneyAggRow>(
      `SELECT platform, district, focus_area AS "focusArea", COUNT(*)::int AS live, SUM(target) AS "targetFen", SUM(raised) AS "raisedFen", SUM(donations) AS donations
       FROM lp GROUP BY platform, district, focus_area ORDER BY platform COLLATE "C", district COLLATE "C", focus_area COLLATE "C"`,
      s,
    );
  }
  async brands(s: Scope): Promise<{ brandProjects: number; brandDistricts: DistrictCount[] }> {
    const params = [s.period.start, s.period.end, s.district];
    const [count] = await this.db.query<{ n: number }>(`${BRANDS} SELECT COUNT(*)::int AS n FROM b`, params);
    const brandDistricts = await this.db.query<DistrictCount>(
      `${BRANDS} SELECT * FROM (
         SELECT COALESCE(src->>'district', '') AS district, COUNT(*)::int AS proposals
         FROM b CROSS JOIN LATERAL jsonb_array_elements(b.sources) AS src GROUP BY 1
       ) AS x ORDER BY proposals DESC, district COLLATE "C"`,
      params,
    );
    return { brandProjects: count?.n ?? 0, brandDistricts };
  }
  async disclosures(s: Scope): Promise<{ records: number; proposalsWithRecords: number } | null> {
    const has = await this.db.query(`SELECT 1 FROM proposal_docs WHERE jsonb_typeof(doc->'disclosures') = 'array' LIMIT 1`);
    if (has.length === 0) return null;
    const [row] = await this.all<{ records: number | null; proposals: number }>(
      `SELECT SUM(jsonb_array_length(doc->'disclosures'))::int AS records, COUNT(*)::int AS proposals FROM p
       WHERE jsonb_typeof(doc->'disclosures') = 'array' AND jsonb_array_length(doc->'disclosures') > 0`,
      s,
    );
    return { records: row?.records ?? 0, proposalsWithRecords: row?.proposals ?? 0 };
  }
  /** The server keeps no 同质化检查 report (each desk runs its own): the section says so. */
  async lastDedupeReport() {
    return null;
  }
  async projects(s: Scope, drill: Drill, limit: number): Promise<{ items: DrillProject[]; total: number }> {
    const measure = { created: IN_PERIOD('created_day'), live: 'live', ended: `live AND ${IN_PERIOD('fr_end')}` }[drill.measure as 'created'] ?? `${ACTIVE} AND status = $5`;
    const group = {
      all: 'true',
      district: 'district = $4',
      focusArea: 'focus_area = $4',
      platform: drill.measure === 'live' || drill.measure === 'ended' ? 'id IN (SELECT id FROM l WHERE platform = $4)' : 'pl.platforms ? $4',
    }[drill.dimension];
    const params = [s.period.start, s.period.end, s.district, drill.key, drill.measure.replace('status:', '')];
    const where = `FROM pl WHERE (${measure}) AND (${group}) AND $4::text IS NOT NULL AND $5::text IS NOT NULL`;
    const [count] = await this.db.query<{ n: number }>(`${BASE} SELECT COUNT(*)::int AS n ${where}`, params);
    const items = await this.db.query<DrillProject>(
      `${BASE} SELECT id, title, district, focus_area AS "focusArea", status, target AS "targetFen",
         (SELECT SUM(raised) FROM l WHERE l.id = pl.id) AS "raisedFen"
       ${where} ORDER BY district, title, id LIMIT ${Math.floor(limit)}`,
      params,
    );
    return { items, total: count?.n ?? 0 };
  }
}
