import { useEffect } from 'react';
import type { MethodOutput } from '../../../../shared/api/contract';
import type { Proposal } from '../../../../shared/domain/proposal';
import { api } from '../../api';
import { LiveCall, useLive, type LiveState } from '../../util/liveCall';
import { useEditorApi } from '../editor/EditorContext';

export type SimilarResult = MethodOutput<'dedupe.similar'>;

export type SimilarState = LiveState<Proposal, SimilarResult>;

/** Long enough that a pause between two phrases does not start a check. */
const DEBOUNCE_MS = 600;

/** The text the check reads; other edits (budget, dates, images) do not start a new check. */
export function similarTextKey(p: Proposal): string {
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
const similar = new LiveCall<Proposal, SimilarResult>({
  call: (proposal) => api.call('dedupe.similar', { proposal, limit: 10 }),
  delayMs: DEBOUNCE_MS,
  subject: (p) => p.id,
  key: similarTextKey,
});

/** Check again now (the panel's retry button), even if the text is unchanged. */
export function requestSimilar(draft: Proposal, force = false): void {
  similar.request(draft, { force });
}

/** The similar-projects check of the proposal open in the editor; null until it has started. */
export function useSimilarProjects(): SimilarState | null {
  const { draft } = useEditorApi();
  useEffect(() => similar.request(draft), [draft]);
  const s = useLive(similar);
  return s.subject === draft.id ? s : null;
}
