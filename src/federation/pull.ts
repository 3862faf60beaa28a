import type { FederationUser } from '../shared/federation/contract';
import type { Sql } from './db/sql';
import { JsonText } from './jsonText';
import { visibility, visibilityParams, visibilitySql } from './policy';
import { StoredQuery } from './db/storedQuery';
import { reviewEventScope } from './review';
import type { TextCache } from './textCache';

/** One change on a page: its sequence number and how it goes into the answer. */
interface Item {
  seq: number;
  kind: 'proposals' | 'changes' | 'removed' | 'packs' | 'handbooks' | 'conflicts';
  /** The item as JSON text. */
  json: string;
}

/**
 * A proposal on the page as the database writes it: `k` is `r` (removed: not visible to this user,
 * or deleted), `c` (sent as a change), `w` (sent whole, its text in `doc`) or `h` (sent whole, its
 * text held in the cache); `j` the item's JSON text (`r`, `c`) or its fields besides the proposal
 * (`w`, `h`). The row `n` is the news: `seq` is the last change committed, `j` four flags (0/1):
 * conflicts, packs, handbooks, review events waiting.
 */
interface Row {
  seq: number | string;
  k: 'n' | 'r' | 'c' | 'w' | 'h';
  j: string;
  doc: string | null;
}

/** A proposal as the API sends it whole (`serverProposalSchema`), around its stored JSON text. */
const wholeJson = (doc: string, fields: string) => `{"proposal":${doc},${fields}}`;

const q = JSON.stringify;

/** The members a proposal goes out with besides its text or change, as the database writes them (`at` as JavaScript's toISOString). */
const HEAD_FIELDS_SQL = `'"rev":' || rev || ',"hash":' || to_json(hash)::text || ',"district":' || to_json(district)::text
  || ',"by":' || to_json(updated_by)::text || ',"at":"' || to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"'`;

// The revision before was current at or before the cursor: a desk that pulled to there holds it
// (when it could see it; if not, it asks for the whole proposal).
const AS_CHANGE = `($4 AND change_text IS NOT NULL AND change_base_seq <= $1)`;

/**
 * The proposals (the usual news), what else is new, the last change committed, and this sync in the
 * log, in one statement: each query is a round trip, and 42 desks syncing at once queue for them.
 * The database writes each item's JSON, one text a row: on PGlite, handing rows and columns over to
 * JavaScript costs more than the query itself. The other tables are read only when they have
 * something past the cursor. Review events are many: the first one past the cursor is looked up in
 * their seq index (an EXISTS drops the ORDER BY, and PGlite, which never analyzes its tables, then
 * scans them all). `top` is the last change committed as the statement began (writers commit in
 * change order, db/changes.ts): every part of the page stops there, so a change committing
 * meanwhile waits for the next pull instead of being skipped by a cursor another part moved past it.
 *
 * $1 cursor, $2 rows to read, $3 change numbers whose text is held, $4 changes wanted, $5–$6 who may
 * see what (policy.ts), $7–$8 the user and district for the log, $9 the district whose conflicts
 * concern this desk, $10–$12 the review events asked about (reviewNews).
 */
const PULL = new StoredQuery<Row>(
  'pull',
  ['bigint', 'integer', 'bigint[]', 'boolean', 'boolean', 'text', 'text', 'text', 'text', 'boolean', 'bigint', 'text'],
  'seq bigint, k text, j text, doc text',
  `WITH logged AS (
     INSERT INTO sync_log (user_name, district, at) VALUES ($7, $8, now())
     ON CONFLICT (user_name) DO UPDATE SET district = EXCLUDED.district, at = EXCLUDED.at
   ), news AS (
     SELECT (SELECT seq FROM change_counter) AS top,
       EXISTS (SELECT 1 FROM conflicts WHERE seq > $1 AND district = $9) AS conflicts,
       EXISTS (SELECT 1 FROM rule_packs WHERE seq > $1) AS packs,
       EXISTS (SELECT 1 FROM handbooks WHERE seq > $1) AS handbooks,
       $10 AND (SELECT seq FROM review_events WHERE seq > $11 AND ($12 IS NULL OR district = $12) ORDER BY seq LIMIT 1) IS NOT NULL AS reviews
   )
   SELECT top, 'n'::text, conflicts::int::text || packs::int::text || handbooks::int::text || reviews::int::text, NULL::text FROM news
   UNION ALL
   SELECT * FROM (
     SELECT seq, k,
       CASE k WHEN 'r' THEN to_json(id)::text
         WHEN 'c' THEN '{"id":' || to_json(id)::text || ',"baseRev":' || (rev - 1) || ',"change":' || change_text || ',' || ${HEAD_FIELDS_SQL} || '}'
         ELSE ${HEAD_FIELDS_SQL} END,
       CASE k WHEN 'w' THEN (SELECT r.doc::text FROM proposal_revisions r WHERE r.proposal_id = proposals.id AND r.rev = proposals.rev) END
     FROM proposals CROSS JOIN LATERAL (
       SELECT CASE WHEN NOT (deleted_at IS NULL AND ${visibilitySql(5)}) THEN 'r' WHEN ${AS_CHANGE} THEN 'c' WHEN seq = ANY($3) THEN 'h' ELSE 'w' END::text AS k
     ) x
     WHERE seq > $1 AND seq <= (SELECT top FROM news) ORDER BY seq LIMIT $2
   ) p`,
);

/**
 * Everything that changed after `cursor` that this user may see, in change order, one page at a
 * time, as the JSON text of the `sync.pull` answer. Each table is read up to `limit + 1` rows past the
 * cursor; the page is the first `limit` changes across all of them, and the new cursor the last
 * change on the page. Proposals go out as JSON text, the server's own (as pushed) or the database's,
 * spliced in without being parsed or serialized here; the database sends no text this user may not see, nor
 * any `texts` already holds (one query, so a proposal changing meanwhile cannot mismatch).
 */
export async function pull(db: Sql, texts: TextCache, user: FederationUser, cursor: number, limit: number, changes = false, reviewCursor?: number): Promise<JsonText> {
  const n = limit + 1;
  // A page holds the n proposals with the lowest change numbers after the cursor, so texts held far
  // beyond them are of no use to it; naming them all cost a desk pulling from long ago more than
  // reading the few it needs. A text held but not named is read from the database, only slower.
  const held = texts.after(cursor, 2 * n);
  const rows = await PULL.call(db, [
    cursor,
    n,
    [...held.keys()],
    changes,
    ...visibilityParams(user),
    user.name,
    user.district,
    user.role === 'drafter' ? user.district : null,
    ...reviewNews(user, reviewCursor),
  ]);
  const newsRow = rows.find((r) => r.k === 'n')!;
  const top = Number(newsRow.seq);
  const [hasConflicts, hasPacks, hasHandbooks, hasReviews] = [...newsRow.j].map((f) => f === '1');
  const news = { conflicts: hasConflicts, packs: hasPacks, handbooks: hasHandbooks, reviews: hasReviews };
  const proposals = rows.filter((r) => r.k !== 'n');
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
      if (r.k === 'r') return { seq, kind: 'removed', json: r.j };
      if (r.k === 'c') return { seq, kind: 'changes', json: r.j };
      const doc = r.doc ?? held.get(seq);
      if (doc === undefined) throw new Error(`pull: text of change ${seq} neither sent nor held`);
      texts.set(seq, doc);
      return { seq, kind: 'proposals', json: wholeJson(doc, r.j) };
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
  const rows = await db.query<{ id: string; j: string; doc_text: string }>(
    `SELECT id, ${HEAD_FIELDS_SQL} AS j, doc::text AS doc_text FROM proposal_docs WHERE id = ANY($1::text[]) AND deleted_at IS NULL AND ${see.sql}`,
    [[...new Set(ids)], ...see.params],
  );
  const found = new Set(rows.map((r) => r.id));
  const removed = [...new Set(ids)].filter((id) => !found.has(id));
  return new JsonText(`{"proposals":[${rows.map((r) => wholeJson(r.doc_text, r.j)).join(',')}],"removed":${q(removed)}}`);
}
