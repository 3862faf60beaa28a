import { useCallback, useEffect, useState } from 'react';
import type { ReviewState } from '../../../../shared/api/methods/review';
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
 * Whether the proposal's text is locked now: the district does not hold the pen (submitted, under
 * review, or a decided revision is frozen). Only library proposals are on the review path.
 */
export function useTextLocked(id: string, inLibrary: boolean): boolean {
  const { state } = useReviewState(id, undefined, inLibrary);
  return inLibrary && state !== null && !state.editable;
}
