import { useEffect, useSyncExternalStore } from 'react';
import type { MethodOutput } from '../../../../shared/api/contract';
import type { Proposal } from '../../../../shared/domain/proposal';
import { api } from '../../api';
import { errorText } from '../../util/errors';
import { useEditorApi } from '../editor/EditorContext';

export type SimilarResult = MethodOutput<'dedupe.similar'>;

export interface SimilarState {
  /** The proposal the result is for. */
  id: string;
  /** A check is waiting or running; `result` is then the previous one. */
  pending: boolean;
  result: SimilarResult | null;
  error: string | null;
}

/** Long enough that a pause between two phrases does not start a check. */
const DEBOUNCE_MS = 600;

/** The text the check reads; other edits (budget, dates, images) do not start a new check. */
function textKey(p: Proposal): string {
  return [
    p.title,
    p.summary,
    ...p.beneficiaries.map((b) => `${b.type}\u0001${b.region}`),
    ...Object.values(p.sections).map((s) => s.text),
    ...p.milestones.map((m) => `${m.title}\u0001${m.detail}`),
  ].join('\u0000');
}

/**
 * One check shared by the tab's badge and the panel: whichever renders first schedules it, the
 * other finds it scheduled. The draft only changes after an IME composition ends, and a change
 * only resets a timer here, so typing never waits on the check.
 */
let state: SimilarState | null = null;
let lastDraft: Proposal | null = null;
let lastKey = '';
let timer: ReturnType<typeof setTimeout> | null = null;
let sequence = 0;
const listeners = new Set<() => void>();

function publish(next: SimilarState): void {
  state = next;
  for (const l of listeners) l();
}

async function run(draft: Proposal, force: boolean): Promise<void> {
  const key = textKey(draft);
  if (key === lastKey && !force && state?.id === draft.id && state.error === null) {
    if (state.pending) publish({ ...state, pending: false });
    return;
  }
  lastKey = key;
  const mine = ++sequence;
  publish({ id: draft.id, pending: true, result: state?.id === draft.id ? state.result : null, error: null });
  try {
    const result = await api.call('dedupe.similar', { proposal: draft, limit: 10 });
    if (mine === sequence) publish({ id: draft.id, pending: false, result, error: null });
  } catch (e) {
    if (mine === sequence) publish({ id: draft.id, pending: false, result: state?.result ?? null, error: errorText(e) });
  }
}

export function requestSimilar(draft: Proposal, force = false): void {
  if (draft === lastDraft && !force) return;
  const first = state?.id !== draft.id;
  lastDraft = draft;
  if (first) {
    lastKey = '';
    publish({ id: draft.id, pending: true, result: null, error: null });
  }
  if (timer) clearTimeout(timer);
  // Opening a proposal checks at once; edits wait until the writer pauses.
  timer = setTimeout(() => void run(draft, force), first || force ? 0 : DEBOUNCE_MS);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The similar-projects check of the proposal open in the editor; null until it has started. */
export function useSimilarProjects(): SimilarState | null {
  const { draft } = useEditorApi();
  useEffect(() => requestSimilar(draft), [draft]);
  const s = useSyncExternalStore(subscribe, () => state);
  return s && s.id === draft.id ? s : null;
}
