import { useEffect, useState } from 'react';
import type { Proposal } from '../../../../shared/domain/proposal';

/**
 * The draft as it stands once typing pauses for `ms`. What only reacts to the draft (checks,
 * guidance, counters, similar projects) reads this, so a keystroke re-renders the field being typed
 * in and nothing else. A new proposal (or the first load) is taken at once.
 */
export function useSettled(draft: Proposal | null, ms = 200): Proposal | null {
  const [settled, setSettled] = useState(draft);
  const immediate = draft !== null && (settled === null || settled.id !== draft.id);
  useEffect(() => {
    if (immediate) return;
    const t = setTimeout(() => setSettled(draft), ms);
    return () => clearTimeout(t);
  }, [draft, ms, immediate]);
  return immediate ? draft : settled;
}
