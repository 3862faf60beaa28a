import type { StatusId } from '../../shared/domain/catalog';
import type { Proposal } from '../../shared/domain/proposal';
import type { Library } from '../library/library';

/**
 * The server checks a district's pushed status one step at a time (src/federation/review.ts): from
 * the status it holds, only a step the district may take. A desk that took several steps between two
 * syncs (变更 then 提交; 撤回, edit, then 提交 again) would push a jump the server must refuse, so
 * the steps before the last go up first, each as the proposal stood after it.
 *
 * `since` is when the server last had this proposal (null: never). Returns the proposals to push
 * before the current one, oldest first; empty when the desk took at most one step.
 */
export function stepsBefore(lib: Library, current: Proposal, since: string | null): Proposal[] {
  const steps = lib.db
    .prepare(
      `SELECT to_status, revision FROM review_log
       WHERE proposal_id = ? AND origin = 'desk' AND role = 'district' AND (? IS NULL OR at > ?)
       ORDER BY seq`,
    )
    .all(current.id, since, since) as { to_status: StatusId; revision: number | null }[];
  // A submit's revision is what the server will hash; other steps carry the text of the revision
  // they stood on, which the server already holds (it refuses new text in a locked status).
  return steps.slice(0, -1).map((s) => ({ ...(s.revision === null ? current : lib.review.revision(current.id, s.revision).proposal), status: s.to_status }));
}
