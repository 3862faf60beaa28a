import type { SampleSummary } from '../../../../shared/handbook/workshop';
import { api } from '../../api';
import { navigate } from '../../router';
import type { ProposalSource } from '../editor/ProposalSource';
import { ExercisePanel } from './ExercisePanel';

export const workshopHome = () => navigate({ name: 'view', key: 'workshop', params: new URLSearchParams() });

/**
 * Samples' working copies in the workshop library, opened by sample id, saved and shown through the
 * workshop's own methods, never the library's. `onOpened` receives the sample's description.
 */
export function workshopSource(onOpened: (s: SampleSummary) => void): ProposalSource {
  return {
    kind: 'workshop',
    load: async (sampleId) => {
      const r = await api.call('workshop.open', { sampleId });
      onOpened(r.sample);
      return r.proposal;
    },
    save: (proposal) => api.call('workshop.save', { proposal }),
    image: (sha256) => api.call('workshop.image', { sha256 }),
    back: { label: '样例列表', go: workshopHome },
    panels: [{ key: 'exercise', label: '练习', Component: ExercisePanel }],
  };
}
