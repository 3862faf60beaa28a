import { useCallback, useEffect, useState } from 'react';
import type { ReviewState } from '../../../../shared/api/methods/review';
import type { StatusId } from '../../../../shared/domain/catalog';
import { api } from '../../api';
import { errorText } from '../../util/errors';

/** Said when a review step or comment changed a proposal, so every view of it reloads. */
const CHANGED = 'shance:review-changed';

export function announceReviewChange(id: string): void {
  window.dispatchEvent(new CustomEvent(CHANGED, { detail: id }));
}

/** The review state of a proposal, reloaded whenever any part of the screen changes it. */
export function useReviewState(id: string, refreshKey?: unknown, enabled = true) {
  const [state, setState] = useState<ReviewState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    if (!enabled) return;
    api
      .call('review.state', { id })
      .then((s) => (setState(s), setError(null)))
      .catch((e) => setError(errorText(e)));
  }, [id, enabled]);
  useEffect(load, [load, refreshKey]);
  useEffect(() => {
    const on = (e: Event) => {
      if ((e as CustomEvent<string>).detail === id) load();
    };
    window.addEventListener(CHANGED, on);
    return () => window.removeEventListener(CHANGED, on);
  }, [id, load]);
  return { state, error, reload: load };
}

/**
 * Who holds the pen now. `locked`: the district does not (submitted, under review, or a decided
 * revision is frozen). `status`: the status as the review path left it, which a review step or an
 * imported result changes after the editor loaded the proposal. Only library proposals are on the
 * review path; elsewhere (培训模式 samples) nothing is locked and the status is the proposal's own.
 */
export function usePen(id: string, inLibrary: boolean): { locked: boolean; status: StatusId | null } {
  const { state } = useReviewState(id, undefined, inLibrary);
  if (!inLibrary || state === null) return { locked: false, status: null };
  return { locked: !state.editable, status: state.status };
}
