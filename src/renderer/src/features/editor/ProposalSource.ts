import type { Proposal } from '../../../../shared/domain/proposal';
import { api } from '../../api';
import type { EditorPanel } from '../../slots';
import { navigate } from '../../router';

/**
 * Where the editor reads and writes its proposal. The library is the default; 培训模式 gives its own
 * source so samples are loaded, saved and shown from the workshop library and never reach the real
 * one. With a source other than the library the editor leaves out everything that works on the
 * library: exporting, history, adding pictures, the editor's actions and notices, and panels that are
 * not marked `workshop: true`. Panels read it as `useEditorApi().source`.
 */
export interface ProposalSource {
  kind: 'library' | 'workshop';
  /** `id` is what the editor was opened with: a proposal id in the library, a sample id in the workshop. */
  load(id: string): Promise<Proposal>;
  save(p: Proposal): Promise<{ proposal: Proposal; stale: boolean }>;
  image(sha256: string): Promise<{ mime: string; dataBase64: string }>;
  /** The editor's back button. */
  back: { label: string; go(): void };
  /** Tabs shown before the slots' editor panels (the exercise checklist in 培训模式). */
  panels?: EditorPanel[];
}

export const LIBRARY_SOURCE: ProposalSource = {
  kind: 'library',
  load: (id) => api.call('proposal.get', { id }),
  save: (proposal) => api.call('proposal.save', { proposal }),
  image: (sha256) => api.call('image.get', { sha256 }),
  back: { label: '项目库', go: () => navigate({ name: 'library' }) },
};
