import { JobRunner } from '../jobs/jobRunner';
import type { Handlers } from './dispatch';
import type { CoreContext } from './context';

/** Long calls as jobs: started here, run in a worker thread, polled for progress, cancellable. */
export function jobHandlers({ lib, templatesDir }: CoreContext): Pick<Handlers, 'job.start' | 'job.status' | 'job.cancel'> {
  let runner: JobRunner | null = null;
  const jobs = () => (runner ??= new JobRunner(lib.path, templatesDir));
  return {
    'job.start': ({ method, payload }) => jobs().start(method, payload),
    'job.status': ({ jobId }) => jobs().status(jobId),
    'job.cancel': ({ jobId }) => jobs().cancel(jobId),
  };
}
