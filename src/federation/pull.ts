import type { FederationUser } from '../shared/federation/contract';
import type { Sql } from './db/sql';
import { JsonText } from './jsonText';
import { visibility } from './policy';
import { reviewEventScope } from './review';
import type { TextCache } from './textCache';

/** One change on a page: its sequence number and how it goes into the answer. */
interface Item {
  seq: number;
  kind: 'proposals' | 'changes' | 'removed' | 'packs' | 'handbooks' | 'conflicts';
  /** The item as JSON text. */
  json: string;
}

interface ProposalHead {
  id: string;
  district: string;
  rev: number;
  hash: string;
  updated_by: string;
  updated_at: Date;
  seq: number | string;
  /** False when this user may not see it (another district's draft, or deleted): named as removed. */
  visible: boolean;
  /** Null when not visible, when `texts` holds it already, or when the change is sent instead. */
  doc_text: string | null;
  /** What this revision changed, when the caller asked for changes and holds the revision before. */
  change_text: string | null;
}

/** The fields a proposal goes out with besides its text (or change), as JSON members. */
function headFields(r: Pick<ProposalHead, 'rev' | 'hash' | 'district' | 'updated_by' | 'updated_at'>): string {
  return `"rev":${r.rev},"hash":${q(r.hash)},"district":${q(r.district)},"by":${q(r.updated_by)},"at":${q(r.updated_at.toISOString())}`;
}

/** A proposal as the API sends it whole (`serverProposalSchema`), around its stored JSON text. */
const wholeJson = (doc: string, r: Parameters<typeof headFields>[0]) => `{"proposal":${doc},${headFields(r)}}`;

const q = JSON.stringify;

/**
 * Everything that changed after `cursor` that this user may see, in change order, one page at a
 * time, as the JSON text of the `sync.pull` answer. Each table is read up to `limit + 1` rows past the
 * cursor; the page is the first `limit` changes across all of them, and the new cursor the last
 * change on the page. Proposals go out as the JSON text stored when they were pushed, spliced in
 * without being parsed or serialized again; the database sends no text this user may not see, nor
 * any `texts` already holds (one query, so a proposal changing meanwhile cannot mismatch).
 */
export async function pull(db: Sql, texts: TextCache, user: FederationUser, cursor: number, limit: number, changes = false, reviewCursor?: number): Promise<JsonText> {
  const n = limit + 1;
  const see = visibility(user, 5);
  const visible = `(deleted_at IS NULL AND ${see.sql})`;
  // The revision before was current at or before the cursor: a desk that pulled to there holds it
  // (when it could see it; if not, it asks for the whole proposal).
  const asChange = `($4::boolean AND change_text IS NOT NULL AND change_base_seq <= $1)`;
  // The proposals (the usual news), what else is new, the last change committed, and this sync in
  // the log, in one statement: each query is a round trip, and 42 desks syncing at once queue for
  // them. The other tables are read only when they have something past the cursor. `top` is the
  // last change committed as the statement began (writers commit in change order, db/changes.ts):
  // every part of the page stops there, so a change committing meanwhile waits for the next pull
  // instead of being skipped by a cursor another part moved past it.
  const held = texts.after(cursor);
  const rows = await db.query<{ top: number | string; conflicts: boolean; packs: boolean; handbooks: boolean; reviews: boolean } & ({ id: null } | ProposalHead)>(
    `WITH logged AS (
       INSERT INTO sync_log (user_name, district, at) VALUES ($7, $8, now())
       ON CONFLICT (user_name) DO UPDATE SET district = EXCLUDED.district, at = EXCLUDED.at RETURNING 1
     ), news AS (
       SELECT (SELECT seq FROM change_counter) AS top,
         EXISTS (SELECT 1 FROM conflicts WHERE seq > $1 AND district = $9) AS conflicts,
         EXISTS (SELECT 1 FROM rule_packs WHERE seq > $1) AS packs,
         EXISTS (SELECT 1 FROM handbooks WHERE seq > $1) AS handbooks,
         $10::boolean AND EXISTS (SELECT 1 FROM review_events WHERE seq > $11 AND ($12::text IS NULL OR district = $12)) AS reviews,
         (SELECT count(*) FROM logged) AS logged
     )
     SELECT news.top, news.conflicts, news.packs, news.handbooks, news.reviews, p.* FROM news LEFT JOIN LATERAL (
       SELECT id, district, rev, hash, updated_by, updated_at, seq, ${visible} AS visible,
         CASE WHEN ${visible} AND ${asChange} THEN change_text END AS change_text,
         CASE WHEN ${visible} AND NOT ${asChange} AND NOT (seq = ANY($3::bigint[])) THEN doc_text END AS doc_text
       FROM proposals WHERE seq > $1 AND seq <= news.top ORDER BY seq LIMIT $2
     ) p ON true`,
    [cursor, n, [...held.keys()], changes, ...see.params, user.name, user.district, user.role === 'drafter' ? user.district : null, ...reviewNews(user, reviewCursor)],
  );
  const news = rows[0]!;
  const top = Number(news.top);
  const proposals = rows.filter((r): r is typeof r & ProposalHead => r.id !== null);
  const none = Promise.resolve([]);
  const [conflicts, packs, handbooks] = await Promise.all([
    // Conflicts concern the desks that edit: the owning district's.
    news.conflicts
      ? db.query<{ id: number | string; proposal_id: string; doc: { title?: string }; by_user: string; at: Date; seq: number | string }>(
          'SELECT id, proposal_id, doc, by_user, at, seq FROM conflicts WHERE seq > $1 AND seq <= $4 AND district = $2 ORDER BY seq LIMIT $3',
          [cursor, user.district, n, top],
        )
      : none,
    !news.packs ? none : db.query<{ doc: unknown; published_by: string; published_at: Date; seq: number | string }>(
      'SELECT doc, published_by, published_at, seq FROM rule_packs WHERE seq > $1 AND seq <= $3 ORDER BY seq LIMIT $2',
      [cursor, n, top],
    ),
    !news.handbooks ? none : db.query<{ version: string; package: Uint8Array; published_by: string; published_at: Date; seq: number | string }>(
      'SELECT version, package, published_by, published_at, seq FROM handbooks WHERE seq > $1 AND seq <= $3 ORDER BY seq LIMIT $2',
      [cursor, n, top],
    ),
  ]);
  const items: Item[] = [
    ...proposals.map((r): Item => {
      const seq = Number(r.seq);
      // The desk drops any copy it held.
      if (!r.visible) return { seq, kind: 'removed', json: q(r.id) };
      if (r.change_text !== null) return { seq, kind: 'changes', json: `{"id":${q(r.id)},"baseRev":${r.rev - 1},"change":${r.change_text},${headFields(r)}}` };
      const doc = r.doc_text ?? held.get(seq);
      if (doc === undefined) throw new Error(`pull: text of change ${seq} neither sent nor held`);
      texts.set(seq, doc);
      return { seq, kind: 'proposals', json: wholeJson(doc, r) };
    }),
    ...conflicts.map((r): Item => ({
      seq: Number(r.seq),
      kind: 'conflicts',
      json: q({ id: r.proposal_id, title: r.doc.title ?? '', conflictRev: Number(r.id), proposal: r.doc, by: r.by_user, at: r.at.toISOString() }),
    })),
    ...packs.map((r): Item => ({
      seq: Number(r.seq),
      kind: 'packs',
      json: q({ pack: r.doc, publishedBy: r.published_by, publishedAt: r.published_at.toISOString() }),
    })),
    ...handbooks.map((r): Item => ({
      seq: Number(r.seq),
      kind: 'handbooks',
      json: q({ version: r.version, package: Buffer.from(r.package).toString('base64'), publishedBy: r.published_by, publishedAt: r.published_at.toISOString() }),
    })),
  ].sort((a, b) => a.seq - b.seq);
  const page = items.slice(0, limit);
  const lists: Record<Item['kind'], string[]> = { proposals: [], changes: [], removed: [], packs: [], handbooks: [], conflicts: [] };
  for (const item of page) lists[item.kind].push(item.json);
  const next = page.length > 0 ? page[page.length - 1]!.seq : cursor;
  const fields = Object.entries(lists).map(([k, v]) => `${q(k)}:[${v.join(',')}]`);
  fields.push(`"cursor":${next}`, `"more":${items.length > limit}`, `"serverTime":${q(new Date().toISOString())}`);
  if (reviewCursor !== undefined) fields.push(`"reviews":${news.reviews}`);
  return new JsonText(`{${fields.join(',')}}`);
}

/**
 * The parameters of the pull's question about review events ($10–$12): asked at all, past which
 * cursor, and in which district (null: all), over the events `review.pull` gives this account.
 */
function reviewNews(user: FederationUser, reviewCursor: number | undefined): unknown[] {
  const scope = reviewEventScope(user);
  return [reviewCursor !== undefined && scope !== null, reviewCursor ?? 0, scope?.district ?? null];
}

/**
 * Whole proposals by id, for a desk that could not apply a change it pulled: those this user may
 * see, and the other ids as removed (deleted, another district's draft, or never stored).
 */
export async function getWhole(db: Sql, user: FederationUser, ids: readonly string[]): Promise<JsonText> {
  const see = visibility(user, 2);
  const rows = await db.query<Omit<ProposalHead, 'seq' | 'change_text' | 'visible'> & { doc_text: string }>(
    `SELECT id, district, rev, hash, updated_by, updated_at, doc_text FROM proposals WHERE id = ANY($1::text[]) AND deleted_at IS NULL AND ${see.sql}`,
    [[...new Set(ids)], ...see.params],
  );
  const found = new Set(rows.map((r) => r.id));
  const removed = [...new Set(ids)].filter((id) => !found.has(id));
  return new JsonText(`{"proposals":[${rows.map((r) => wholeJson(r.doc_text, r)).join(',')}],"removed":${q(removed)}}`);
}
