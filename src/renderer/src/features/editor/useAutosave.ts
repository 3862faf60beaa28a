import { useCallback, useEffect, useRef, useState } from 'react';
import type { Proposal } from '../../../../shared/domain/proposal';
import { errorText } from '../../util/errors';

export type SaveStatus = 'saved' | 'dirty' | 'saving' | 'error';

export interface SaveState {
  status: SaveStatus;
  savedAt: Date | null;
  error: string | null;
}

const DEBOUNCE_MS = 800;
const RETRY_MS = [2_000, 5_000, 10_000, 30_000];

/**
 * Save the draft a moment after the user stops typing. One save at a time; edits made while a save
 * is in flight are saved right after it. A failed save keeps the draft, says so, and retries with a
 * back-off (and on demand).
 */
export function useAutosave(
  draft: Proposal | null,
  /** Bumped on every local edit; a save covers the edits up to the version it started with. */
  version: number,
  save: (p: Proposal) => Promise<{ proposal: Proposal; stale: boolean }>,
  onStale: (newer: Proposal) => void,
) {
  const [state, setState] = useState<SaveState>({ status: 'saved', savedAt: null, error: null });
  const draftRef = useRef(draft);
  const versionRef = useRef(version);
  const savedVersion = useRef(version);
  const inFlight = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const failures = useRef(0);
  draftRef.current = draft;
  versionRef.current = version;

  const run = useCallback(async (): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const p = draftRef.current;
    const v = versionRef.current;
    if (!p || v <= savedVersion.current) return;
    if (inFlight.current) return; // the finally block below picks the newer edit up
    inFlight.current = true;
    setState((s) => ({ ...s, status: 'saving' }));
    try {
      const res = await save(p);
      failures.current = 0;
      savedVersion.current = Math.max(savedVersion.current, v);
      if (res.stale) {
        savedVersion.current = versionRef.current;
        onStale(res.proposal);
      }
      setState({ status: savedVersion.current >= versionRef.current ? 'saved' : 'dirty', savedAt: new Date(), error: null });
    } catch (e) {
      const delay = RETRY_MS[Math.min(failures.current, RETRY_MS.length - 1)]!;
      failures.current += 1;
      setState((s) => ({ ...s, status: 'error', error: errorText(e) }));
      timer.current = setTimeout(() => void run(), delay);
    } finally {
      inFlight.current = false;
      if (versionRef.current > savedVersion.current && !timer.current) timer.current = setTimeout(() => void run(), 0);
    }
  }, [save, onStale]);

  useEffect(() => {
    if (version <= savedVersion.current) return;
    setState((s) => (s.status === 'error' ? s : { ...s, status: 'dirty' }));
    if (inFlight.current) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void run(), DEBOUNCE_MS);
  }, [version, run]);

  // Leaving the editor (or hiding the window) saves what is pending rather than waiting.
  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') void run();
    };
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (versionRef.current > savedVersion.current) {
        void run();
        e.preventDefault();
      }
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('beforeunload', onBeforeUnload);
      void run();
    };
  }, [run]);

  return { state, flush: run };
}
