import { useEffect, useSyncExternalStore } from 'react';
import type { MethodOutput } from '../../../../shared/api/contract';
import type { Proposal } from '../../../../shared/domain/proposal';
import { api } from '../../api';
import { LiveCall, useLive, type LiveState } from '../../util/liveCall';
import { useEditorApi } from '../editor/EditorContext';

export type CheckResult = MethodOutput<'rules.check'>;

/** `input` is the draft the result belongs to (ranges refer to its text). */
export type CheckSnapshot = LiveState<Proposal, CheckResult>;

/** Long enough that a typist's pauses between words do not each cost a check. */
export const CHECK_DELAY_MS = 400;

/**
 * Most edits change neither the findings nor the counters: keep the previous arrays then, so
 * that the panel and the counters, which depend on one each, are not drawn again for nothing.
 */
export function keepUnchanged(prev: CheckResult, fresh: CheckResult): CheckResult {
  const results = JSON.stringify(prev.results) === JSON.stringify(fresh.results) ? prev.results : fresh.results;
  const counters = JSON.stringify(prev.counters) === JSON.stringify(fresh.counters) ? prev.counters : fresh.counters;
  return results === prev.results && counters === prev.counters ? prev : { results, counters };
}

/**
 * One rules check for the open editor, shared by the checklist panel, the field counters and the
 * inline marks: each draft change costs one `rules.check` call, made after a pause in typing and
 * never while the previous call is still out (see LiveCall). The draft only changes after an IME
 * composition ends, so no check ever sees half-typed pinyin.
 */
export function createCheckStore(check: (draft: Proposal) => Promise<CheckResult>): LiveCall<Proposal, CheckResult> {
  return new LiveCall({ call: check, delayMs: CHECK_DELAY_MS, subject: (p) => p.id, merge: keepUnchanged });
}

export const checkStore = createCheckStore((proposal) => api.call('rules.check', { proposal }));

/** The latest check, without following the draft: for parts that must not redraw on every keystroke. */
export function useCheckSnapshot(): CheckSnapshot {
  return useLive(checkStore);
}

const getResult = () => checkStore.get().data;

/** Only the latest result: unlike the snapshot, it does not change while a check waits or runs. */
export function useCheckResult(): CheckResult | null {
  return useSyncExternalStore(checkStore.subscribe, getResult);
}

/**
 * The shared check of the open editor's draft, keeping it in step with the draft. Used by the
 * panel and its tab title, which the editor always shows; the counters and the marks only read the
 * result (useCheckSnapshot).
 */
export function useRulesCheck(): CheckSnapshot {
  const { draft } = useEditorApi();
  useEffect(() => checkStore.request(draft), [draft]);
  return useCheckSnapshot();
}
