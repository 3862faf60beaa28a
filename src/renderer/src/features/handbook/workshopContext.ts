import { createContext, useContext } from 'react';
import type { SampleSummary } from '../../../../shared/handbook/workshop';

/** The sample open in 培训模式, for the exercise panel inside the editor. */
export const WorkshopSampleContext = createContext<{ sampleId: string; sample: SampleSummary | null } | null>(null);

export function useWorkshopSample() {
  const s = useContext(WorkshopSampleContext);
  if (!s) throw new Error('useWorkshopSample outside 培训模式');
  return s;
}
