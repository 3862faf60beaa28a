import type { Library } from '../library/library';
import type { Drill, DrillProject } from '../../shared/api/methods/stats';
import type { Cell, DistrictCount, MoneyAggRow, PlatformAggRow, ProposalAggRow, RaisedAggRow, Scope, StatsSource, StatusAggRow } from './source';

/**
 * The report's aggregates on a desktop library, in SQLite over proposals.json (json_extract,
 * json_each): nothing is parsed in JavaScript. Days are Asia/Shanghai: SQLite reads the offset of each
 * stored timestamp and '+8 hours' turns the instant into a Beijing calendar day.
 *
 * `raisedFen` and `donationCount` of a listing and a proposal's `disclosures` are read the same way
 * whether or not the proposal format has them yet: a missing field is NULL, shown as 暂无数据.
 */
/**
 * One pass over proposals.json into two small temporary tables (a row per proposal, a row per
 * listing), so the dozen aggregates of a report and its comparison periods do not each parse
 * every proposal's JSON again. Rebuilt at the start of every report: always current.
 */
const EXTRACT = [
  'DROP TABLE IF EXISTS temp.stats_p',
  'DROP TABLE IF EXISTS temp.stats_l',
  `CREATE TEMP TABLE stats_p AS
   SELECT id, title, district, COALESCE(focus_area, '') AS focus_area, status,
     date(created_at, '+8 hours') AS created_day,
     date(updated_at, '+8 hours') AS updated_day,
     COALESCE(json_extract(json, '$.targetFen'), 0) AS target,
     json_extract(json, '$.fundraisingPeriod.end') AS fr_end,
     json_extract(json, '$.platforms') AS platforms,
     json_extract(json, '$.listings') AS listings,
     CASE WHEN json_type(json, '$.disclosures') = 'array' THEN json_array_length(json, '$.disclosures') END AS disclosures,
     CASE WHEN json_array_length(json, '$.brandSources') > 0 THEN json_extract(json, '$.brandSources') END AS brand_sources
   FROM proposals WHERE deleted_at IS NULL`,
  `CREATE TEMP TABLE stats_l AS
   SELECT p.id,
     json_extract(je.value, '$.platform') AS platform,
     json_extract(je.value, '$.status') AS status,
     json_extract(je.value, '$.liveDate') AS live_date,
     json_extract(je.value, '$.raisedFen') AS raised,
     json_extract(je.value, '$.donationCount') AS donations
   FROM stats_p AS p, json_each(p.listings) AS je`,
  'CREATE INDEX temp.stats_l_id ON stats_l (id)',
];

const BASE = `
WITH p AS (SELECT * FROM temp.stats_p WHERE @district IS NULL OR district = @district),
l AS (
  SELECT p.id, p.district, p.focus_area, p.target, p.fr_end, sl.platform, sl.raised, sl.donations
  FROM p JOIN temp.stats_l AS sl ON sl.id = p.id
  WHERE sl.status IN ('live', 'ended') AND sl.live_date <= @end AND COALESCE(p.fr_end, '9999-12-31') >= @start
),
pl AS (SELECT p.*, p.id IN (SELECT id FROM l) AS live FROM p),
-- One line per proposal and platform: a project listed twice on one platform counts its target once.
lp AS (
  SELECT platform, district, focus_area, id, MAX(target) AS target, MAX(fr_end BETWEEN @start AND @end) AS ended,
    SUM(raised) AS raised, SUM(donations) AS donations
  FROM l GROUP BY platform, id
)`;

const CELL = 'district, focus_area AS focusArea';

const FIGURES = `
  SUM(created_day BETWEEN @start AND @end) AS created,
  SUM(live) AS live,
  SUM(live AND fr_end BETWEEN @start AND @end) AS ended,
  COALESCE(SUM(CASE WHEN live THEN target ELSE 0 END), 0) AS targetFen`;

/** Brand projects created in the period; a district's scope takes those its proposals joined, wherever the brand project sits. */
const BRANDS = `
WITH b AS (
  SELECT pr.id, pr.district, pr.brand_sources FROM temp.stats_p AS pr
  WHERE pr.brand_sources IS NOT NULL AND pr.created_day BETWEEN @start AND @end
    AND (@district IS NULL OR pr.district = @district OR EXISTS (
      SELECT 1 FROM json_each(pr.brand_sources) AS x WHERE json_extract(x.value, '$.district') = @district))
)`;

const ACTIVE = '(live OR (created_day <= @end AND updated_day >= @start))';

export class LibraryStatsSource implements StatsSource {
  readonly kind = 'library';
  constructor(private readonly lib: Library) {}

  async prepare(): Promise<void> {
    this.lib.db.transaction(() => {
      for (const sql of EXTRACT) this.lib.db.exec(sql);
    })();
  }

  private all<T>(sql: string, s: Scope): T[] {
    return this.lib.db.prepare(`${BASE} ${sql}`).all({ start: s.period.start, end: s.period.end, district: s.district }) as T[];
  }

  async proposals(s: Scope): Promise<(ProposalAggRow & Cell)[]> {
    return this.all(`SELECT ${CELL}, ${FIGURES} FROM pl GROUP BY 1, 2`, s);
  }

  async statuses(s: Scope): Promise<(StatusAggRow & Cell)[]> {
    return this.all(`SELECT ${CELL}, status, COUNT(*) AS n FROM pl WHERE ${ACTIVE} GROUP BY 1, 2, 3`, s);
  }

  async raised(s: Scope): Promise<(RaisedAggRow & Cell)[]> {
    return this.all(`SELECT ${CELL}, SUM(raised) AS raisedFen, SUM(donations) AS donations FROM lp GROUP BY 1, 2`, s);
  }

  async platformProposals(s: Scope): Promise<(ProposalAggRow & { key: string })[]> {
    return this.all(
      `SELECT pf.value AS key, SUM(created_day BETWEEN @start AND @end) AS created, 0 AS live, 0 AS ended, 0 AS targetFen
       FROM pl, json_each(pl.platforms) AS pf GROUP BY 1`,
      s,
    );
  }

  async platformStatuses(s: Scope): Promise<(StatusAggRow & { key: string })[]> {
    return this.all(
      `SELECT pf.value AS key, status, COUNT(*) AS n FROM pl, json_each(pl.platforms) AS pf WHERE ${ACTIVE} GROUP BY 1, 2`,
      s,
    );
  }

  async platformMoney(s: Scope): Promise<PlatformAggRow[]> {
    return this.all(
      `SELECT platform AS key, COUNT(*) AS live, SUM(target) AS targetFen, SUM(raised) AS raisedFen, SUM(donations) AS donations
       FROM lp GROUP BY 1`,
      s,
    );
  }

  async money(s: Scope): Promise<MoneyAggRow[]> {
    return this.all(
      `SELECT platform, district, focus_area AS focusArea, COUNT(*) AS live, SUM(target) AS targetFen,
         SUM(raised) AS raisedFen, SUM(donations) AS donations
       FROM lp GROUP BY platform, district, focus_area ORDER BY platform, district, focus_area`,
      s,
    );
  }

  async brands(s: Scope): Promise<{ brandProjects: number; brandDistricts: DistrictCount[] }> {
    const params = { start: s.period.start, end: s.period.end, district: s.district };
    const brandProjects = (this.lib.db.prepare(`${BRANDS} SELECT COUNT(*) AS n FROM b`).get(params) as { n: number }).n;
    const rows = this.lib.db
      .prepare(
        `${BRANDS} SELECT COALESCE(json_extract(src.value, '$.district'), '') AS district, COUNT(*) AS proposals
         FROM b, json_each(b.brand_sources) AS src GROUP BY 1 ORDER BY 2 DESC, 1`,
      )
      .all(params) as DistrictCount[];
    return { brandProjects, brandDistricts: rows };
  }

  async disclosures(s: Scope): Promise<{ records: number; proposalsWithRecords: number } | null> {
    const has = this.lib.db.prepare('SELECT 1 FROM temp.stats_p WHERE disclosures IS NOT NULL LIMIT 1').get();
    if (!has) return null;
    const row = this.all<{ records: number | null; proposals: number }>(
      'SELECT SUM(disclosures) AS records, COUNT(*) AS proposals FROM p WHERE disclosures > 0',
      s,
    )[0];
    return { records: row?.records ?? 0, proposalsWithRecords: row?.proposals ?? 0 };
  }

  async projects(s: Scope, drill: Drill, limit: number): Promise<{ items: DrillProject[]; total: number }> {
    const measure =
      drill.measure === 'created'
        ? 'created_day BETWEEN @start AND @end'
        : drill.measure === 'live'
          ? 'live'
          : drill.measure === 'ended'
            ? 'live AND fr_end BETWEEN @start AND @end'
            : `${ACTIVE} AND status = @status`;
    // A platform's live figures come from its listings, its other figures from the platforms a proposal plans.
    const group = {
      all: '1',
      district: 'district = @key',
      focusArea: 'focus_area = @key',
      platform: drill.measure === 'live' || drill.measure === 'ended'
        ? 'id IN (SELECT id FROM l WHERE platform = @key)'
        : 'EXISTS (SELECT 1 FROM json_each(pl.platforms) AS pf WHERE pf.value = @key)',
    }[drill.dimension];
    const params = { start: s.period.start, end: s.period.end, district: s.district, key: drill.key, status: drill.measure.replace('status:', '') };
    const where = `FROM pl WHERE (${measure}) AND (${group})`;
    const total = (this.lib.db.prepare(`${BASE} SELECT COUNT(*) AS n ${where}`).get(params) as { n: number }).n;
    const items = this.lib.db
      .prepare(
        `${BASE} SELECT id, title, district, focus_area AS focusArea, status, target AS targetFen,
           (SELECT SUM(raised) FROM l WHERE l.id = pl.id) AS raisedFen
         ${where} ORDER BY district, title, id LIMIT ${Math.floor(limit)}`,
      )
      .all(params) as DrillProject[];
    return { items, total };
  }

  async lastDedupeReport() {
    return this.lib.dedupe.lastReport();
  }
}
