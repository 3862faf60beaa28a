// A worker thread running one long API call (an import, an export, the library-wide duplicate
// check) on its own connection to the library, so the thread that answers the UI stays free.
import { parentPort, workerData } from 'node:worker_threads';
import { createDispatch } from '../api/dispatch';
import { createHandlers } from '../api/handlers';
import { Library } from '../library/library';
import { installJobContext } from './progress';
import type { JobWorkerData, JobWorkerMessage } from './jobRunner';

const data = workerData as JobWorkerData;
const flag = new Int32Array(data.cancelFlag);
const post = (m: JobWorkerMessage) => parentPort!.postMessage(m);

let last = -1;
installJobContext(
  (done, total, label) => {
    // Whole percents only: a message per item of a 10,000-item loop would flood the main thread.
    const percent = total > 0 ? Math.floor((done / total) * 100) : 0;
    if (percent === last) return;
    last = percent;
    post({ type: 'progress', percent, label });
  },
  () => Atomics.load(flag, 0) === 1,
);

const lib = Library.open(data.dbPath);
try {
  const dispatch = createDispatch(createHandlers({ lib, templatesDir: data.templatesDir }), () => {});
  post({ type: 'done', envelope: await dispatch(data.method, data.payload) });
} finally {
  lib.close();
}
