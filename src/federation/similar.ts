import type { Proposal } from '../shared/domain/proposal';
import type { FederationUser } from '../shared/federation/contract';
import { Boilerplate } from '../core/dedupe/boilerplate';
import { withCommonShingles } from '../core/dedupe/commonShingles';
import { similarTo } from '../core/dedupe/live';
import { LshIndex } from '../core/dedupe/lsh';
import { proposalDoc, type DedupeDoc } from '../core/dedupe/parts';
import { sketchDoc } from '../core/dedupe/sketch';
import type { Sql } from './db/sql';
import { canSee } from './policy';

/** The desktop's default threshold: a copy keeping half its text scores about 0.5, unrelated text below 0.1. */
export const SIMILAR_MIN_SCORE = 0.25;

interface Entry {
  doc: DedupeDoc;
  title: string;
  district: string;
  status: string;
}

/**
 * The federation-wide similar-projects check: the desktop's engine (sketches, LSH candidates, exact
 * scores) over every proposal on the server, held in memory and updated as pushes land.
 */
export class SimilarIndex {
  private readonly lsh = new LshIndex();
  private readonly entries = new Map<string, Entry>();
  /**
   * Pushes not yet in the index (null: removed). Sketching a proposal is a
   * few milliseconds the desk that pushed it need not wait for: it is done at the next similar
   * check, which takes them all in first (so a proposal just pushed is found), or when the server
   * has a moment.
   */
  private readonly pending = new Map<string, Proposal | null>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly boilerplate: Boilerplate = Boilerplate.none) {}

  get size(): number {
    this.flush();
    return this.entries.size;
  }

  /** Index `p` (or drop it, once merged) before the next check. */
  put(p: Proposal): void {
    this.defer(p.id, p);
  }

  remove(id: string): void {
    this.defer(id, null);
  }

  private defer(id: string, p: Proposal | null): void {
    // The last word on each proposal is what counts; proposals do not depend on each other.
    this.pending.set(id, p);
    if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), 200);
      this.timer.unref();
    }
  }

  /** Take every pending push into the index. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const [id, p] of this.pending) {
      if (p) this.index(p);
      else this.drop(id);
    }
    this.pending.clear();
  }

  /**
   * The index over every stored proposal. Wording that many of them share (a legal paragraph every
   * district copies, the same template sentences) is background, as on the desk: counted once here,
   * at start, over what the server holds. Without it such wording made hundreds of unrelated
   * proposals candidates of every query.
   */
  static async load(db: Sql, handbook: Boilerplate = Boilerplate.none): Promise<SimilarIndex> {
    // Stored as parsed when they arrived.
    const stored = (await db.query<{ doc: unknown }>(`SELECT doc FROM proposal_docs WHERE status <> 'merged' AND deleted_at IS NULL`)).map((r) => r.doc as Proposal);
    const { boilerplate } = withCommonShingles(
      stored.map((p) => proposalDoc(p)),
      stored.length,
      handbook,
    );
    const index = new SimilarIndex(boilerplate);
    for (const p of stored) index.index(p);
    return index;
  }

  private index(p: Proposal): void {
    if (p.status === 'merged') {
      this.drop(p.id);
      return;
    }
    const doc = proposalDoc(p);
    const sketch = sketchDoc(doc, this.boilerplate);
    this.entries.set(p.id, { doc, title: p.title, district: p.district, status: p.status });
    if (sketch) this.lsh.set(p.id, sketch);
    else this.lsh.remove(p.id);
  }

  private drop(id: string): void {
    this.entries.delete(id);
    this.lsh.remove(id);
  }

  /** The proposals this user may see that are most like the draft, best first, with exact scores. */
  similar(user: FederationUser, draft: Proposal, limit: number): { id: string; title: string; district: string; score: number }[] {
    this.flush();
    const hits = similarTo(this.lsh, proposalDoc(draft), {
      minScore: SIMILAR_MIN_SCORE,
      limit,
      boilerplate: this.boilerplate,
      load: (id) => this.entries.get(id)!.doc,
      skip: (id) => {
        const e = this.entries.get(id);
        return !e || !canSee(user, e);
      },
    });
    return (hits ?? []).map((h) => {
      const e = this.entries.get(h.id)!;
      return { id: h.id, title: e.title, district: e.district, score: h.score };
    });
  }
}
