import type { Proposal } from '../shared/domain/proposal';
import { isAppError } from '../shared/errors';
import type { DeleteResult, FederationUser, PushResult } from '../shared/federation/contract';
import { contentHash } from '../core/util/contentHash';
import { audit } from './audit';
import { nextSeq } from './db/changes';
import type { Database, Sql } from './db/sql';
import { missingImages } from './images';
import { allowed } from './policy';
import { canEditText } from '../core/review/machine';
import type { StatusId } from '../shared/domain/catalog';
import { ROW_HEAD, toServerProposal, writeCurrent, type ProposalRow, type PushHead, type TextMemo, type Written } from './proposalRows';
import { remember, type PushMemory } from './pushMemory';
import { pushWithReview } from './review';

const rejected = (id: string, code: string, message: string): PushResult => ({ id, status: 'rejected', code, message });

async function keepConflict(tx: Sql, district: string, loser: { doc: unknown; hash: string; by: string }, id: string): Promise<number> {
  const seq = await nextSeq(tx);
  const rows = await tx.query<{ id: number | string }>(
    `INSERT INTO conflicts (proposal_id, district, hash, doc, by_user, at, seq) VALUES ($1,$2,$3,$4::jsonb,$5,$6,$7) RETURNING id`,
    [id, district, loser.hash, JSON.stringify(loser.doc), loser.by, new Date(), seq],
  );
  return Number(rows[0]!.id);
}

/**
 * A plain edit of a proposal whose stored row and text this server holds (what most syncs send):
 * one statement that writes only if the row is still the one held, instead of a transaction that
 * reads and locks it first. What the review gate and the sync rules would decide is decided here
 * from the held row: the same district, based on the current revision, the status unchanged and
 * the text the district's to edit. Null for anything else, or when the row changed meanwhile: the
 * full path decides then.
 */
async function pushHeld(db: Database, user: FederationUser, p: Proposal, baseRev: number | null, memory: PushMemory): Promise<PushResult | null> {
  const head = memory.heads.get(p.id);
  if (!head || head.district !== user.district || head.deleted_at !== null || baseRev !== head.rev) return null;
  const status = head.status as StatusId;
  if (p.status !== status || status === 'merged' || !canEditText(status)) return null;
  const previous = memory.texts.get(Number(head.seq));
  if (previous === undefined) return null;
  const hash = contentHash(p);
  if (hash === head.hash) return null;
  const written = await writeCurrent(db, p, hash, head.rev + 1, user.name, false, { ...head, doc_text: previous }, Number(head.seq));
  if (!written) {
    memory.heads.delete(p.id);
    return null;
  }
  remember(memory, [written]);
  return { id: p.id, status: 'accepted', rev: written.head.rev, hash };
}

/**
 * Apply one proposal sent up by a desk, whole or not at all. The district it belongs to is the
 * user's: a payload naming another district is refused. When the server's copy changed since the
 * desk's `baseRev`, both versions are kept: the later edit is current, the other a conflict revision.
 */
export async function pushOne(db: Database, user: FederationUser, proposal: Proposal, baseRev: number | null, memory?: PushMemory): Promise<PushResult> {
  const id = proposal.id;
  if (!allowed(user, 'writeProposals')) {
    await audit(db, { user: user.name, action: 'sync.push', target: id, outcome: 'refused', detail: `角色 ${user.role} 不能修改方案` });
    return rejected(id, 'FORBIDDEN', '审核人、培训老师和管理员不能修改区县的方案');
  }
  if (proposal.district !== user.district) {
    await audit(db, { user: user.name, action: 'sync.push', target: id, outcome: 'refused', detail: `方案区县「${proposal.district}」与账号区县「${user.district}」不符` });
    return rejected(id, 'FORBIDDEN', `项目「${proposal.title || id}」的区县是「${proposal.district || '未填写'}」，您的账号属于「${user.district}」，只能上传本区县的项目`);
  }
  const missing = await missingImages(db, proposal.images.map((i) => i.sha256));
  if (missing.length > 0) return rejected(id, 'FILE_INVALID', `项目「${proposal.title || id}」引用的 ${missing.length} 张图片尚未上传，未保存该项目`);
  const held = memory && (await pushHeld(db, user, proposal, baseRev, memory));
  if (held) return held;
  const written: Written[] = [];
  const memo: TextMemo = { known: (seq) => memory?.texts.get(seq), wrote: (w) => written.push(w) };
  try {
    // The review rules decide whether the status (and, once frozen, the text) may change.
    const result = await db.transaction((tx) => pushWithReview(tx, user, proposal, (stored) => applyProposal(tx, proposal, baseRev, user.name, user.district, stored, memo)));
    remember(memory, written);
    return result;
  } catch (e) {
    if (isAppError(e)) return rejected(id, e.code, e.message);
    throw e;
  }
}

/**
 * Store one proposal inside the caller's transaction, with the sync rules: new → revision 1; same
 * content → unchanged; based on the current revision → the next revision; changed on the server
 * since `baseRev` (or never synced, `baseRev` null, and different) → both kept, the later edit current.
 * `ownerDistrict` is the only district allowed to change an existing proposal. `memo` knows stored
 * texts outside the database, and hears of the one written.
 */
export async function applyProposal(tx: Sql, proposal: Proposal, baseRev: number | null, by: string, ownerDistrict: string, stored?: PushHead | null, memo?: TextMemo): Promise<PushResult> {
  // Parsed with the proposal schema on the way in (the API's input, or the bundle reader).
  const p = proposal;
  const id = p.id;
  const hash = contentHash(p);
  const wrote = (w: Written) => memo?.wrote(w);
  // Read (and locked) already by the review gate in this transaction, or read here.
  const head = stored !== undefined ? (stored ?? undefined) : (await tx.query<PushHead>(`SELECT ${ROW_HEAD} FROM proposals WHERE id = $1 FOR UPDATE`, [id]))[0];
  if (!head) {
    wrote(await writeCurrent(tx, p, hash, 1, by, true));
    return { id, status: 'accepted', rev: 1, hash };
  }
  if (head.district !== ownerDistrict) {
    await audit(tx, { user: by, action: 'sync.push', target: id, outcome: 'refused', detail: `编号属于「${head.district}」的项目` });
    return rejected(id, 'FORBIDDEN', `编号 ${id} 已被「${head.district}」的项目使用，未上传。请在本机“另存为新项目”后再同步`);
  }
  // Sent again after its district deleted it: restored from a trash. The tombstone is lifted by a
  // new revision, which the other desks pull like any change.
  const restored = head.deleted_at !== null;
  if (head.hash === hash && !restored) return { id, status: 'unchanged', rev: head.rev, hash };
  if (baseRev === head.rev || restored) {
    const previous = memo?.known(Number(head.seq));
    wrote(await writeCurrent(tx, p, hash, head.rev + 1, by, false, previous === undefined ? undefined : { ...head, doc_text: previous }));
    return { id, status: 'accepted', rev: head.rev + 1, hash };
  }
  // Changed on two desks since this one last synced: keep both, the later edit current.
  const row: ProposalRow = { ...head, doc: (await tx.query<{ doc: unknown }>('SELECT doc FROM proposal_docs WHERE id = $1', [id]))[0]!.doc };
  const current = row.doc as Proposal;
  const yoursWon = Date.parse(p.updatedAt) > Date.parse(current.updatedAt);
  if (yoursWon) {
    const conflictRev = await keepConflict(tx, row.district, { doc: current, hash: row.hash, by: row.updated_by }, id);
    wrote(await writeCurrent(tx, p, hash, row.rev + 1, by, false));
    const now = (await tx.query<ProposalRow>(`SELECT ${ROW_HEAD}, doc FROM proposal_docs WHERE id = $1`, [id]))[0]!;
    return { id, status: 'conflict', current: toServerProposal(now), conflictRev, yoursWon };
  }
  const conflictRev = await keepConflict(tx, row.district, { doc: p, hash, by }, id);
  return { id, status: 'conflict', current: toServerProposal(row), conflictRev, yoursWon };
}

/**
 * Delete one proposal its district moved to the trash: a tombstone with a new change number, so
 * pulls tell every desk; the document and its revisions stay, and sending it again restores it.
 * Authorised as edits are: a drafter of the district that owns it.
 */
export async function deleteOne(db: Database, user: FederationUser, id: string): Promise<DeleteResult> {
  const refuse = async (detail: string, message: string): Promise<DeleteResult> => {
    await audit(db, { user: user.name, action: 'sync.delete', target: id, outcome: 'refused', detail });
    return { id, status: 'rejected', code: 'FORBIDDEN', message };
  };
  if (!allowed(user, 'writeProposals')) return refuse(`角色 ${user.role} 不能删除方案`, '审核人、培训老师和管理员不能删除区县的方案');
  const outcome = await db.transaction(async (tx) => {
    const head = (await tx.query<{ district: string; deleted_at: Date | null }>('SELECT district, deleted_at FROM proposals WHERE id = $1 FOR UPDATE', [id]))[0];
    if (!head || head.deleted_at) return 'nothing' as const;
    if (head.district !== user.district) return head.district;
    const seq = await nextSeq(tx);
    await tx.query('UPDATE proposals SET deleted_at = now(), updated_by = $2, updated_at = now(), seq = $3, change_text = NULL, change_base_seq = NULL WHERE id = $1', [id, user.name, seq]);
    return 'deleted' as const;
  });
  if (outcome === 'deleted') await audit(db, { user: user.name, action: 'sync.delete', target: id, outcome: 'ok' });
  else if (outcome !== 'nothing') return refuse(`方案属于「${outcome}」`, `编号 ${id} 的项目属于「${outcome}」，只能删除本区县的项目`);
  return { id, status: 'deleted' };
}
