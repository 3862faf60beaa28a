import type { ListQueryParsed, ProposalSummary, RevisionInfo } from '../../shared/api/methods/proposals';
import { SECTION_IDS } from '../../shared/domain/catalog';
import { parseProposal } from '../../shared/domain/factory';
import type { Proposal } from '../../shared/domain/proposal';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/open';
import { normalizeForSave, searchBody, totalChars } from './normalize';
import { buildSearch } from './search';

/** Saves closer together than this update the latest snapshot instead of adding one. */
export const REVISION_INTERVAL_MS = 2 * 60_000;
/** Older snapshots beyond this many per proposal are dropped. */
export const MAX_REVISIONS = 200;

interface Row {
  id: string;
  json: string;
  deleted_at: string | null;
}

const time = (iso: string): number => Date.parse(iso);

export function summarize(p: Proposal, deletedAt: string | null): ProposalSummary {
  return {
    id: p.id,
    title: p.title,
    summary: p.summary,
    focusArea: p.focusArea,
    district: p.district,
    status: p.status,
    platforms: p.platforms,
    livePlatforms: [...new Set(p.listings.filter((l) => l.status === 'live').map((l) => l.platform))],
    raisedFen: p.listings.some((l) => l.raisedFen !== null) ? p.listings.reduce((s, l) => s + (l.raisedFen ?? 0), 0) : null,
    targetFen: p.targetFen,
    isBrand: p.brandSources.length > 0,
    mergedInto: p.mergedInto,
    chars: totalChars(p),
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    deletedAt,
  };
}

export type WriteHook = (p: Proposal) => void;
export type RemoveHook = (id: string) => void;

export class ProposalStore {
  private readonly writeHooks: WriteHook[] = [];
  private readonly removeHooks: RemoveHook[] = [];
  private readonly saveGuards: WriteHook[] = [];

  constructor(private readonly db: Db) {}

  /**
   * Run `fn` inside the transaction of every write of a live proposal (insert, save, replace,
   * restore), so derived data such as search sketches can never disagree with what was saved.
   */
  onWrite(fn: WriteHook): void {
    this.writeHooks.push(fn);
  }

  /** Run `fn` on the stored proposal before an editor's save; it refuses the save by throwing (review freezes text). */
  guardSaves(fn: WriteHook): void {
    this.saveGuards.push(fn);
  }

  /** Run `fn` inside the transaction that moves a proposal to the trash. */
  onRemove(fn: RemoveHook): void {
    this.removeHooks.push(fn);
  }

  private row(id: string): Row | undefined {
    return this.db.prepare('SELECT id, json, deleted_at FROM proposals WHERE id = ?').get(id) as Row | undefined;
  }

  exists(id: string): boolean {
    return this.row(id) !== undefined;
  }

  /** A stored proposal, or undefined. Deleted ones (in the trash) are included. */
  find(id: string): { proposal: Proposal; deletedAt: string | null } | undefined {
    const row = this.row(id);
    if (!row) return undefined;
    return { proposal: parseProposal(JSON.parse(row.json)), deletedAt: row.deleted_at };
  }

  get(id: string): Proposal {
    const found = this.find(id);
    if (!found) throw new AppError('NOT_FOUND', '项目不存在，可能已被删除');
    return found.proposal;
  }

  /**
   * A proposal about to be changed: stored and not in the trash, else a Chinese refusal.
   * `thenWhat` ends the trash refusal with what restoring allows (e.g. 再登记上线信息).
   */
  live(id: string, thenWhat = ''): Proposal {
    const found = this.find(id);
    if (!found) throw new AppError('NOT_FOUND', '项目不存在，可能已被删除');
    if (found.deletedAt) throw new AppError('CONFLICT', `该项目已移入回收站，请先恢复${thenWhat}`);
    return found.proposal;
  }

  /** Add a proposal whose id is not in the library yet. */
  insert(p: Proposal): Proposal {
    const stored = normalizeForSave(p);
    this.db.transaction(() => {
      if (this.row(stored.id)) throw new AppError('CONFLICT', `项目编号 ${stored.id} 已存在`);
      this.db
        .prepare(
          `INSERT INTO proposals (id, title, focus_area, district, status, created_at, updated_at, json)
           VALUES (@id, @title, @focusArea, @district, @status, @createdAt, @updatedAt, @json)`,
        )
        .run(this.columns(stored));
      this.index(stored);
      this.snapshot(stored, true);
      for (const hook of this.writeHooks) hook(stored);
    })();
    return stored;
  }

  /**
   * Save an edit. Edits carry the time they were made (`updatedAt`); an edit older than what is
   * stored loses, so an autosave that arrives late never overwrites newer text.
   */
  save(p: Proposal): { proposal: Proposal; stale: boolean } {
    const incoming = normalizeForSave(p);
    return this.db
      .transaction(() => {
        const row = this.row(incoming.id);
        if (!row) throw new AppError('NOT_FOUND', '项目不存在，可能已被删除，未能保存');
        if (row.deleted_at) throw new AppError('CONFLICT', '该项目已移入回收站，请先恢复再编辑');
        const current = parseProposal(JSON.parse(row.json));
        for (const guard of this.saveGuards) guard(current);
        if (time(current.updatedAt) > time(incoming.updatedAt)) return { proposal: current, stale: true };
        // Listings are recorded through the tracker (listing.set/remove), disclosures through their own
        // editor (disclosure.*) and the status only through the review path, never by an editor's copy.
        const stored = { ...incoming, createdAt: current.createdAt, listings: current.listings, disclosures: current.disclosures, status: current.status };
        this.write(stored);
        return { proposal: stored, stale: false };
      })
      .immediate();
  }

  /** Overwrite a proposal regardless of times (an import the user chose to let replace it). */
  replace(p: Proposal): Proposal {
    const stored = normalizeForSave(p);
    this.db.transaction(() => {
      if (!this.row(stored.id)) throw new AppError('NOT_FOUND', '项目不存在');
      this.db.prepare('UPDATE proposals SET deleted_at = NULL WHERE id = ?').run(stored.id);
      this.write(stored, true);
    })();
    return stored;
  }

  private write(p: Proposal, pinSnapshot = false): void {
    this.db
      .prepare(
        `UPDATE proposals SET title = @title, focus_area = @focusArea, district = @district, status = @status,
           updated_at = @updatedAt, json = @json WHERE id = @id`,
      )
      .run(this.columns(p));
    this.index(p);
    this.snapshot(p, pinSnapshot);
    for (const hook of this.writeHooks) hook(p);
  }

  private columns(p: Proposal) {
    return {
      id: p.id,
      title: p.title,
      focusArea: p.focusArea,
      district: p.district,
      status: p.status,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
      json: JSON.stringify(p),
    };
  }

  private index(p: Proposal): void {
    this.db.prepare('DELETE FROM proposal_fts WHERE id = ?').run(p.id);
    this.db.prepare('INSERT INTO proposal_fts (id, title, body) VALUES (?, ?, ?)').run(p.id, p.title, searchBody(p));
  }

  /**
   * Keep a snapshot of what was just written. Ordinary saves within REVISION_INTERVAL_MS of the last
   * snapshot update it in place; `pinned` snapshots (creation, a replacing import) stay as they are.
   */
  private snapshot(p: Proposal, pinned: boolean): void {
    const now = new Date();
    const last = this.db
      .prepare('SELECT rev, saved_at, pinned FROM revisions WHERE proposal_id = ? ORDER BY rev DESC LIMIT 1')
      .get(p.id) as { rev: number; saved_at: string; pinned: number } | undefined;
    const json = JSON.stringify(p);
    if (last && !pinned && !last.pinned && now.getTime() - time(last.saved_at) < REVISION_INTERVAL_MS) {
      this.db.prepare('UPDATE revisions SET json = ? WHERE proposal_id = ? AND rev = ?').run(json, p.id, last.rev);
      return;
    }
    const rev = (last?.rev ?? 0) + 1;
    this.db
      .prepare('INSERT INTO revisions (proposal_id, rev, saved_at, json, pinned) VALUES (?, ?, ?, ?, ?)')
      .run(p.id, rev, now.toISOString(), json, pinned ? 1 : 0);
    this.db.prepare('DELETE FROM revisions WHERE proposal_id = ? AND rev <= ?').run(p.id, rev - MAX_REVISIONS);
  }

  /** Move to the trash; `restore` brings it back. */
  softDelete(id: string): { id: string; title: string } {
    return this.db.transaction(() => {
      const p = this.get(id);
      this.db.prepare('UPDATE proposals SET deleted_at = ? WHERE id = ?').run(new Date().toISOString(), id);
      for (const hook of this.removeHooks) hook(id);
      return { id, title: p.title };
    })();
  }

  restore(id: string): void {
    this.db.transaction(() => {
      const res = this.db.prepare('UPDATE proposals SET deleted_at = NULL WHERE id = ?').run(id);
      if (res.changes === 0) throw new AppError('NOT_FOUND', '项目不存在，无法恢复');
      const p = this.get(id);
      for (const hook of this.writeHooks) hook(p);
    })();
  }

  revisions(id: string): RevisionInfo[] {
    this.get(id);
    // Read in SQL rather than parsing 200 whole documents: the list must open at once. SQLite's
    // length() counts code points; totalChars counts as the editor does, which differs only for
    // joined emoji and combining marks — close enough for a list of versions.
    const lengths = ['title', 'summary', ...SECTION_IDS.map((s) => `sections.${s}.text`)].map((f) => `coalesce(length(json_extract(json, '$.${f}')), 0)`).join(' + ');
    const rows = this.db
      .prepare(`SELECT rev, saved_at, coalesce(json_extract(json, '$.title'), '') AS title, ${lengths} AS chars FROM revisions WHERE proposal_id = ? ORDER BY rev DESC`)
      .all(id) as { rev: number; saved_at: string; title: string; chars: number }[];
    return rows.map((r) => ({ rev: r.rev, savedAt: r.saved_at, title: r.title, chars: r.chars }));
  }

  revision(id: string, rev: number): Proposal {
    const row = this.db.prepare('SELECT json FROM revisions WHERE proposal_id = ? AND rev = ?').get(id, rev) as
      | { json: string }
      | undefined;
    if (!row) throw new AppError('NOT_FOUND', '该历史版本不存在');
    return parseProposal(JSON.parse(row.json));
  }

  /** Every proposal in the library (not the trash), for export and library-wide checks. */
  *all(): Generator<Proposal> {
    const stmt = this.db.prepare('SELECT json FROM proposals WHERE deleted_at IS NULL ORDER BY created_at, rowid');
    for (const row of stmt.iterate() as Iterable<{ json: string }>) yield parseProposal(JSON.parse(row.json));
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM proposals WHERE deleted_at IS NULL').get() as { n: number }).n;
  }

  list(q: ListQueryParsed): { items: ProposalSummary[]; total: number; districts: string[] } {
    const where: string[] = [q.trash ? 'deleted_at IS NOT NULL' : 'deleted_at IS NULL'];
    const params: unknown[] = [];
    if (q.focusArea) {
      where.push('focus_area = ?');
      params.push(q.focusArea);
    }
    if (q.district) {
      where.push('district = ?');
      params.push(q.district);
    }
    if (q.status) {
      where.push('status = ?');
      params.push(q.status);
    }
    const search = buildSearch(q.query);
    if (search) {
      where.push(`id IN (${search.sql})`);
      params.push(...search.params);
    }
    const filter = `FROM proposals WHERE ${where.join(' AND ')}`;
    const total = (this.db.prepare(`SELECT count(*) AS n ${filter}`).get(...params) as { n: number }).n;

    let rows: Row[];
    if (q.sort === 'title') {
      // Chinese titles sort by pinyin, which SQLite cannot do: order the (small) id/title list here.
      const collator = new Intl.Collator('zh-CN');
      const all = this.db.prepare(`SELECT id, title ${filter}`).all(...params) as { id: string; title: string }[];
      all.sort((a, b) => collator.compare(a.title, b.title) * (q.order === 'asc' ? 1 : -1));
      const ids = all.slice(q.offset, q.offset + q.limit).map((r) => r.id);
      const byId = this.db.prepare('SELECT id, json, deleted_at FROM proposals WHERE id = ?');
      rows = ids.map((id) => byId.get(id) as Row);
    } else {
      const column = q.sort === 'created' ? 'created_at' : 'updated_at';
      rows = this.db
        .prepare(`SELECT id, json, deleted_at ${filter} ORDER BY ${column} ${q.order === 'asc' ? 'ASC' : 'DESC'}, id LIMIT ? OFFSET ?`)
        .all(...params, q.limit, q.offset) as Row[];
    }
    const districts = (
      this.db.prepare(`SELECT DISTINCT district FROM proposals WHERE deleted_at IS NULL AND district != '' ORDER BY district`).all() as {
        district: string;
      }[]
    ).map((r) => r.district);
    return {
      items: rows.map((r) => summarize(parseProposal(JSON.parse(r.json)), r.deleted_at)),
      total,
      districts,
    };
  }
}
