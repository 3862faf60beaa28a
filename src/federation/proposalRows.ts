import type { Proposal } from '../shared/domain/proposal';
import type { ServerProposal } from '../shared/federation/contract';
import { diffProposal } from './proposalChange';
import type { Sql } from './db/sql';

// The stored proposal row and the one way it is written: shared by the sync push (proposals.ts) and
// the review decisions made on the server (review.ts), which each build on it.

export interface ProposalRow {
  id: string;
  district: string;
  rev: number;
  hash: string;
  status: string;
  doc: unknown;
  updated_by: string;
  updated_at: Date;
  seq: number | string;
  deleted_at: Date | null;
}

/** Every column but the document (and its text), which most decisions do not need. */
export const ROW_HEAD = 'id, district, rev, hash, status, updated_by, updated_at, seq, deleted_at';

/**
 * What a push reads of the stored row (ROW_HEAD), once, locked. Not the text its change is taken
 * against: that is usually held in memory (`TextMemo`), and reading 20 KB out of PGlite costs more
 * than the write.
 */
export type PushHead = Omit<ProposalRow, 'doc'>;

/** A row as written: its head, and the document's text as sent. */
export interface Written {
  head: PushHead;
  text: string;
}

/**
 * Stored texts a push knows outside the database, by change number: the previous revision's (to take
 * the change against, read from the row when not known), and what it wrote, to be remembered once
 * the transaction has committed (a change number rolled back is taken again by the next write).
 */
export interface TextMemo {
  known(seq: number): string | undefined;
  wrote(written: Written): void;
}

/**
 * A stored row as the API sends it. The document was parsed with the proposal schema when it
 * arrived; it is sent as stored, not parsed again, which would cost more than the rest of a pull.
 */
export function toServerProposal(r: ProposalRow): ServerProposal {
  return {
    proposal: r.doc as Proposal,
    rev: r.rev,
    hash: r.hash,
    district: r.district as ServerProposal['district'],
    by: r.updated_by,
    at: r.updated_at.toISOString(),
  };
}

/**
 * What `p` changed since the stored revision, as JSON text, with the change number that revision
 * was current at; null when there is nothing a desk could hold to apply it to (a tombstone being
 * restored) or when the change is not much smaller than the proposal (sent whole then).
 */
type Previous = Pick<PushHead, 'seq' | 'deleted_at'> & { doc_text: string };

async function changeSincePrevious(tx: Sql, p: Proposal, text: string, known?: Previous): Promise<{ text: string; baseSeq: number } | null> {
  const before = known ?? (await tx.query<Previous>('SELECT doc::text AS doc_text, seq, deleted_at FROM proposal_docs WHERE id = $1', [p.id]))[0];
  if (!before || before.deleted_at !== null) return null;
  const change = JSON.stringify(diffProposal(JSON.parse(before.doc_text) as Record<string, unknown>, p as unknown as Record<string, unknown>));
  return change.length * 2 <= text.length ? { text: change, baseSeq: Number(before.seq) } : null;
}

/**
 * Store `p` as the current revision, in one statement: the change number taken, the proposal's row
 * written and its revision inserted, which holds the document (db/docMigration.ts), sent and parsed
 * once. `previous` is the stored row as the caller read it in this transaction, with its text, when
 * it knows them. With `onlyIfSeq`, the statement writes only while the stored row is still that
 * change (a push that read nothing first, proposals.ts), and answers null when it is not. Answers
 * what was written.
 */
export async function writeCurrent(tx: Sql, p: Proposal, hash: string, rev: number, by: string, insert: boolean, previous?: Previous): Promise<Written>;
export async function writeCurrent(tx: Sql, p: Proposal, hash: string, rev: number, by: string, insert: false, previous: Previous, onlyIfSeq: number): Promise<Written | null>;
export async function writeCurrent(tx: Sql, p: Proposal, hash: string, rev: number, by: string, insert: boolean, previous?: Previous, onlyIfSeq?: number): Promise<Written | null> {
  // Serialized once, and parsed by the database into the revision's jsonb: the one copy it keeps (db/docMigration.ts).
  const text = JSON.stringify(p);
  const at = new Date();
  const params: unknown[] = [p.id, p.district, rev, hash, p.status, p.title, text, by, at];
  let write: string;
  if (insert) {
    write = `INSERT INTO proposals (id, district, rev, hash, status, title, updated_by, updated_at, seq)
      VALUES ($1,$2,$3,$4,$5,$6,$8,$9,(SELECT seq FROM s))`;
  } else {
    const change = await changeSincePrevious(tx, p, text, previous);
    params.push(change?.text ?? null, change?.baseSeq ?? null);
    write = `UPDATE proposals SET district=$2, rev=$3, hash=$4, status=$5, title=$6, updated_by=$8, updated_at=$9,
      seq=(SELECT seq FROM s), deleted_at=NULL, change_text=$10, change_base_seq=$11 WHERE id=$1`;
  }
  // Written only while the row is that change: locked first, so a writer on another connection
  // either went before (the change differs, nothing is written, no number taken) or waits.
  const guard = onlyIfSeq === undefined ? '' : 'held AS (SELECT 1 FROM proposals WHERE id = $1 AND seq = $12 FOR UPDATE), ';
  const ifHeld = onlyIfSeq === undefined ? '' : ' WHERE EXISTS (SELECT 1 FROM held)';
  if (onlyIfSeq !== undefined) {
    params.push(onlyIfSeq);
    write += ' AND seq = $12 AND EXISTS (SELECT 1 FROM s)';
  }
  // The counter row is locked by the UPDATE, as nextSeq does (db/changes.ts): writers commit in change order.
  const rows = await tx.query<{ seq: number | string }>(
    `WITH ${guard}s AS (UPDATE change_counter SET seq = seq + 1${ifHeld} RETURNING seq),
       w AS (${write} RETURNING id, rev, hash, updated_by, updated_at)
     INSERT INTO proposal_revisions (proposal_id, rev, hash, doc, by_user, at) SELECT id, rev, hash, $7::text::jsonb, updated_by, updated_at FROM w
     RETURNING (SELECT seq FROM s) AS seq`,
    params,
  );
  if (!rows[0]) return null;
  const head: PushHead = { id: p.id, district: p.district, rev, hash, status: p.status, updated_by: by, updated_at: at, seq: Number(rows[0].seq), deleted_at: null };
  return { head, text };
}
