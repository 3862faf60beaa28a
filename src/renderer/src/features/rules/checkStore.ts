import { useEffect, useSyncExternalStore } from 'react';
import type { MethodOutput } from '../../../../shared/api/contract';
import type { Proposal } from '../../../../shared/domain/proposal';
import { api } from '../../api';
import { errorText } from '../../util/errors';
import { useEditorApi } from '../editor/EditorContext';

export type CheckResult = MethodOutput<'rules.check'>;

export interface CheckSnapshot {
  /** The draft the result belongs to (ranges refer to its text), or null before the first result. */
  checked: Proposal | null;
  result: CheckResult | null;
  /** The live draft has changed since `checked`: a check is waiting or running. */
  pending: boolean;
  error: string | null;
}

/** Long enough that a typist's pauses between words do not each cost a check. */
export const CHECK_DELAY_MS = 400;

const EMPTY: CheckSnapshot = { checked: null, result: null, pending: false, error: null };

/**
 * One rules check for the open editor, shared by the checklist panel, the field counters and the
 * inline marks: each draft change costs one `rules.check` call, made after a pause in typing and
 * never while the previous call is still out. The draft only changes after an IME composition
 * ends, so no check ever sees half-typed pinyin.
 */
class CheckStore {
  private snapshot: CheckSnapshot = EMPTY;
  private listeners = new Set<() => void>();
  private wanted: Proposal | null = null;
  private sent: Proposal | null = null;
  private inFlight = false;
  private timer: ReturnType<typeof setTimeout> | null = null;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get = (): CheckSnapshot => this.snapshot;

  private set(next: Partial<CheckSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...next };
    for (const l of this.listeners) l();
  }

  /** Ask for the draft to be checked; the same draft object asked for twice costs nothing. */
  request(draft: Proposal): void {
    if (draft === this.wanted) return;
    const another = this.wanted?.id !== draft.id;
    this.wanted = draft;
    if (another) this.snapshot = { ...EMPTY };
    if (this.timer) clearTimeout(this.timer);
    // A proposal just opened is checked at once; edits wait for a pause.
    this.timer = setTimeout(() => void this.run(), another ? 0 : CHECK_DELAY_MS);
    if (!this.snapshot.pending) this.set({ pending: true });
  }

  /**
   * Most edits change neither the findings nor the counters: keep the previous arrays then, so
   * that the panel and the counters, which depend on one each, are not drawn again for nothing.
   */
  private keepUnchanged(fresh: CheckResult): CheckResult {
    const prev = this.snapshot.result;
    if (!prev) return fresh;
    const results = JSON.stringify(prev.results) === JSON.stringify(fresh.results) ? prev.results : fresh.results;
    const counters = JSON.stringify(prev.counters) === JSON.stringify(fresh.counters) ? prev.counters : fresh.counters;
    return results === prev.results && counters === prev.counters ? prev : { results, counters };
  }

  private async run(): Promise<void> {
    this.timer = null;
    if (this.inFlight) return; // the call out now runs again when it returns
    const draft = this.wanted;
    if (!draft || draft === this.sent) return;
    this.inFlight = true;
    this.sent = draft;
    try {
      const fresh = await api.call('rules.check', { proposal: draft });
      if (this.wanted?.id === draft.id) this.set({ checked: draft, result: this.keepUnchanged(fresh), error: null, pending: this.wanted !== draft });
    } catch (e) {
      if (this.wanted?.id === draft.id) this.set({ error: errorText(e), pending: this.wanted !== draft });
    } finally {
      this.inFlight = false;
      if (this.wanted && this.wanted !== this.sent && !this.timer) void this.run();
    }
  }
}

export const checkStore = new CheckStore();

/** The latest check, without following the draft: for parts that must not redraw on every keystroke. */
export function useCheckSnapshot(): CheckSnapshot {
  return useSyncExternalStore(checkStore.subscribe, checkStore.get);
}

const getResult = () => checkStore.get().result;

/** Only the latest result: unlike the snapshot, it does not change while a check waits or runs. */
export function useCheckResult(): CheckResult | null {
  return useSyncExternalStore(checkStore.subscribe, getResult);
}

/**
 * The shared check of the open editor's draft (see CheckStore), keeping it in step with the draft.
 * Used by the panel and its tab title, which the editor always shows; the counters and the marks
 * only read the result (useCheckSnapshot).
 */
export function useRulesCheck(): CheckSnapshot {
  const { draft } = useEditorApi();
  useEffect(() => checkStore.request(draft), [draft]);
  return useCheckSnapshot();
}
