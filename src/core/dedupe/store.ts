import { dedupeReportSchema, type DedupeReport, type KindredItem, type SimilarItem } from '../../shared/api/methods/dedupe';
import type { Proposal } from '../../shared/domain/proposal';
import { parseProposal } from '../../shared/domain/factory';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/open';
import type { ProposalStore } from '../library/proposals';
import { Boilerplate } from './boilerplate';
import { JudgementTable, pairKey } from './judgements';
import { LshIndex } from './lsh';
import { proposalDoc, type DedupeDoc } from './parts';
import { STORED_SOURCE_COLUMNS, sourceOf, type SourceRow } from './storedSource';
import { buildReport } from './report';
import { CONFIRM_MARGIN, ExactScorer, confirmPairs } from './confirm';
import { similarTo } from './live';
import { SKETCH_VERSION, sketchDoc } from './sketch';
import { SketchTable } from './sketchTable';
import { withCommonShingles } from './commonShingles';
import { KindredIndex } from './kindred';
import { checkpoint } from '../jobs/progress';

/** Merged sources are superseded by their brand project: comparing them would only find the brand. */
function isCompared(p: Pick<Proposal, 'status'>): boolean {
  return p.status !== 'merged';
}

interface SummaryRow {
  id: string;
  remote: number;
  title: string;
  district: string;
  focus_area: SimilarItem['focusArea'];
  status: SimilarItem['status'];
  updated_at: string;
}

/**
 * The library's duplicate check: sketches kept in the database and updated in the transaction of
 * every save, an in-memory index over them, and the reviewers' judgements. It compares the
 * `dedupe_corpus` view: the library's proposals and other districts' ones received by sync.
 */
export class DedupeStore {
  readonly sketches: SketchTable;
  readonly judgements: JudgementTable;
  /** The handbook's template text. */
  private handbook = Boilerplate.none;
  /** The handbook's text and the wording many proposals of the library share: what the check ignores. */
  private boilerplate = Boilerplate.none;
  private commonCount = 0;
  /** The common wording is counted before the first use of the index, and again for each report. */
  private commonCounted = false;
  private lsh: LshIndex | null = null;
  /** 同类项目 profiles of the live proposals; filled on first use, then kept up to date by saves. */
  private kindredIndex: KindredIndex | null = null;
  private kindredVersion: number | null = null;
  /** Ids written since the index was last brought up to date. */
  private readonly dirty = new Set<string>();
  private dataVersion: number | null = null;

  constructor(
    private readonly db: Db,
    private readonly proposals: ProposalStore,
  ) {
    this.sketches = new SketchTable(db);
    this.judgements = new JudgementTable(db);
    proposals.onWrite((p) => this.written(p));
    proposals.onRemove((id) => this.removed(id));
  }

  /** Which sketches are current: the algorithm's version and the boilerplate they discount. */
  get basis(): string {
    return `v${SKETCH_VERSION}-${this.boilerplate.fingerprint}`;
  }

  get currentBoilerplate(): Boilerplate {
    return this.boilerplate;
  }

  /** 5-grams left out because many proposals of the library share them. */
  get commonShingles(): number {
    return this.commonCount;
  }

  /** Discount this template text from now on; stored sketches of other boilerplate become stale. */
  useBoilerplate(b: Boilerplate): void {
    if (b.fingerprint === this.handbook.fingerprint) return;
    this.handbook = b;
    this.commonCounted = false;
    this.lsh = null;
  }

  /** Every live proposal as the check reads it, streamed from the database. */
  private *liveDocs(): Generator<DedupeDoc> {
    const rows = this.db
      .prepare(`SELECT ${STORED_SOURCE_COLUMNS} FROM proposals p WHERE p.deleted_at IS NULL AND p.status != 'merged'`)
      .iterate() as IterableIterator<SourceRow>;
    for (const row of rows) yield proposalDoc(sourceOf(row));
  }

  /**
   * Count again which wording many proposals share (a pass over the library, done for each full
   * report); when it changed, sketches of the old set are stale and are recomputed.
   */
  refreshCommonWording(): void {
    const live = this.db.prepare(`SELECT count(*) FROM proposals WHERE deleted_at IS NULL AND status != 'merged'`).pluck().get() as number;
    const { boilerplate, common } = withCommonShingles(this.liveDocs(), live, this.handbook);
    this.commonCount = common;
    this.commonCounted = true;
    if (boilerplate.fingerprint === this.boilerplate.fingerprint) return;
    this.boilerplate = boilerplate;
    this.lsh = null;
  }

  private written(p: Proposal): void {
    if (isCompared(p)) this.sketches.put(p.id, this.basis, sketchDoc(proposalDoc(p), this.boilerplate));
    else this.sketches.delete(p.id);
    if (this.kindredIndex) {
      if (isCompared(p)) this.kindredIndex.set(p);
      else this.kindredIndex.remove(p.id);
    }
    this.dirty.add(p.id);
  }

  private removed(id: string): void {
    this.sketches.delete(id);
    this.kindredIndex?.remove(id);
    this.dirty.add(id);
  }

  /**
   * Other districts' proposals (ids) arrived, changed or left through sync: their sketches are
   * recomputed and the index rebuilt at the next check.
   */
  refreshCorpus(ids: Iterable<string>): void {
    for (const id of ids) this.sketches.delete(id);
    this.lsh = null;
  }

  /**
   * Give every live proposal a current sketch (those saved before this feature existed, or under
   * other boilerplate) and drop sketches of proposals that are gone or merged. One transaction.
   */
  private backfill(): void {
    const stale = this.db.prepare(
      `SELECT ${STORED_SOURCE_COLUMNS} FROM dedupe_corpus p LEFT JOIN dedupe_sketches s ON s.proposal_id = p.id
       WHERE p.deleted_at IS NULL AND p.status != 'merged' AND (s.basis IS NULL OR s.basis != ?) LIMIT 500`,
    );
    this.db.transaction(() => {
      this.db
        .prepare(
          `DELETE FROM dedupe_sketches WHERE proposal_id NOT IN
             (SELECT id FROM dedupe_corpus WHERE deleted_at IS NULL AND status != 'merged')`,
        )
        .run();
      // In batches: rows cannot be written while a query over them is still being read, and each
      // batch written is no longer stale, so the next query returns the next batch.
      const total = (this.db.prepare(`SELECT count(*) AS n FROM dedupe_corpus WHERE deleted_at IS NULL AND status != 'merged'`).get() as { n: number }).n;
      let done = 0;
      for (;;) {
        const rows = stale.all(this.basis) as SourceRow[];
        if (rows.length === 0) break;
        for (const row of rows) {
          // Inside the transaction: a 取消 rolls back the sketches of this run, leaving the library as it was.
          if (done % 32 === 0) checkpoint('正在分析项目文本', done, total);
          this.sketches.put(row.id, this.basis, sketchDoc(proposalDoc(sourceOf(row)), this.boilerplate));
          done += 1;
        }
      }
    })();
  }

  /** What the duplicate check reads of a stored proposal, without parsing its rich text. */
  private loadDoc(id: string): DedupeDoc {
    const row = this.db.prepare(`SELECT ${STORED_SOURCE_COLUMNS} FROM dedupe_corpus p WHERE p.id = ?`).get(id) as SourceRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', `项目 ${id} 不存在`);
    return proposalDoc(sourceOf(row));
  }

  /** A compared proposal: the library's own, or another district's received by sync (read-only). */
  loadProposal(id: string): Proposal {
    const row = this.db.prepare('SELECT json FROM dedupe_corpus WHERE id = ?').get(id) as { json: string } | undefined;
    if (!row) throw new AppError('NOT_FOUND', `项目 ${id} 不存在`);
    return parseProposal(JSON.parse(row.json));
  }

  /** The index, up to date with the database (including writes by other programs on the same file). */
  index(): LshIndex {
    if (!this.commonCounted) this.refreshCommonWording();
    const version = this.db.pragma('data_version', { simple: true }) as number;
    if (version !== this.dataVersion) {
      this.dataVersion = version;
      this.lsh = null;
    }
    if (!this.lsh) {
      this.backfill();
      const lsh = new LshIndex();
      for (const { id, sketch } of this.sketches.all(this.basis)) if (sketch) lsh.set(id, sketch);
      lsh.build();
      this.lsh = lsh;
    } else {
      for (const id of this.dirty) {
        const sketch = this.sketches.get(id, this.basis);
        if (sketch) this.lsh.set(id, sketch);
        else this.lsh.remove(id);
      }
    }
    this.dirty.clear();
    return this.lsh;
  }

  /** The 同类项目 index, read again from the database when another program changed it. */
  kindred(): KindredIndex {
    const version = this.db.pragma('data_version', { simple: true }) as number;
    if (!this.kindredIndex || version !== this.kindredVersion) {
      const index = new KindredIndex();
      const ids = this.db.prepare(`SELECT id FROM proposals WHERE deleted_at IS NULL AND status != 'merged'`).pluck().all() as string[];
      for (const id of ids) index.set(this.proposals.get(id));
      this.kindredIndex = index;
      this.kindredVersion = version;
    }
    return this.kindredIndex;
  }

  /** Live proposals with too little text of their own to compare. */
  tooShortCount(): number {
    this.index();
    return (this.db.prepare(`SELECT count(*) AS n FROM dedupe_sketches WHERE basis = ? AND length(sketch) = 0`).get(this.basis) as { n: number }).n;
  }

  /** The live check: the library proposals most similar to a draft, which need not be saved. */
  similar(draft: Proposal, limit: number, minScore: number): { items: SimilarItem[]; tooShort: boolean; kindred: KindredItem[] } {
    const distinct = this.judgements.distinctFrom(draft.id);
    const hits = similarTo(this.index(), proposalDoc(draft), {
      minScore,
      limit,
      boilerplate: this.boilerplate,
      load: (id) => this.loadDoc(id),
      skip: (id) => distinct.has(id),
    });
    const kindred = this.kindred()
      .similarTo(draft, { limit, skip: (id) => distinct.has(id) || id === draft.id })
      .flatMap((k) => this.summaries([k.id]).map((s) => ({ ...s, score: k.score, why: k.why })));
    if (hits === null) return { items: [], tooShort: true, kindred };
    const summaries = new Map(this.summaries(hits.map((h) => h.id)).map((s) => [s.id, s]));
    const items = hits.flatMap((h) => {
      const s = summaries.get(h.id);
      return s ? [{ ...s, score: h.score }] : [];
    });
    return { items, tooShort: false, kindred };
  }

  /** What the panel shows of library proposals, without parsing them. */
  private summaries(ids: readonly string[]): Omit<SimilarItem, 'score'>[] {
    if (ids.length === 0) return [];
    const rows = this.db
      .prepare(`SELECT id, title, district, focus_area, status, updated_at, remote FROM dedupe_corpus WHERE id IN (${ids.map(() => '?').join(',')})`)
      .all(...ids) as SummaryRow[];
    return rows.map((r) => ({ id: r.id, title: r.title, district: r.district, focusArea: r.focus_area, status: r.status, updatedAt: r.updated_at, remote: r.remote === 1 }));
  }

  /** The last 同质化检查, as it was stored with its threshold and time; null before the first. */
  lastReport(): DedupeReport | null {
    const row = this.db.prepare('SELECT json FROM dedupe_last_report WHERE id = 1').get() as { json: string } | undefined;
    if (!row) return null;
    const parsed = dedupeReportSchema.safeParse(JSON.parse(row.json));
    // A report of an older format is not shown rather than shown wrong; the next check replaces it.
    return parsed.success ? parsed.data : null;
  }

  /** 同质化检查 over the whole library, kept as the last report. */
  report(threshold: number): DedupeReport {
    const report = this.buildLibraryReport(threshold);
    this.db
      .prepare(
        `INSERT INTO dedupe_last_report (id, threshold, generated_at, json) VALUES (1, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET threshold = excluded.threshold, generated_at = excluded.generated_at, json = excluded.json`,
      )
      .run(report.threshold, report.generatedAt, JSON.stringify(report));
    return report;
  }

  private buildLibraryReport(threshold: number): DedupeReport {
    this.refreshCommonWording();
    const lsh = this.index();
    const scorer = new ExactScorer((id) => this.loadDoc(id), this.boilerplate);
    const judged = this.judgements.all();
    return this.markRemote(buildReport({
      threshold,
      pairs: confirmPairs(lsh.pairs(threshold - CONFIRM_MARGIN), threshold, (a, b) => scorer.score(a, b)),
      judged,
      // Clusters are small: their other pairs are scored exactly, so none shows an estimate that
      // disagrees with the threshold decision.
      score: (a, b) => scorer.score(a, b),
      load: (id) => this.loadProposal(id),
      boilerplate: this.boilerplate,
      compared: lsh.size,
      tooShort: this.tooShortCount(),
      kindred: this.kindred()
        .pairs()
        .filter((k) => !judged.has(pairKey(k.a, k.b))),
      commonShingles: this.commonCount,
    }));
  }

  /** Flag the members that are other districts' proposals, so the report opens them read-only. */
  private markRemote(report: DedupeReport): DedupeReport {
    const remote = new Set((this.db.prepare('SELECT id FROM dedupe_corpus WHERE remote = 1').all() as { id: string }[]).map((r) => r.id));
    if (remote.size === 0) return report;
    return { ...report, clusters: report.clusters.map((c) => ({ ...c, members: c.members.map((m) => ({ ...m, remote: remote.has(m.id) })) })) };
  }

  /** Record or take back a reviewer's "not the same project" for a pair. */
  judge(a: string, b: string, distinct: boolean): void {
    if (a === b) throw new AppError('INVALID_INPUT', '请选择两个不同的项目');
    for (const id of [a, b]) if (!this.db.prepare('SELECT 1 FROM dedupe_corpus WHERE id = ?').get(id)) throw new AppError('NOT_FOUND', `项目 ${id} 不存在`);
    this.judgements.setDistinct(a, b, distinct);
  }
}
