import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Envelope } from '../../shared/api/contract';
import type { JobStatus } from '../../shared/api/methods/jobs';
import { AppError } from '../../shared/errors';
import { cancelledError } from './progress';

export interface JobWorkerData {
  dbPath: string;
  templatesDir: string;
  method: string;
  payload: unknown;
  cancelFlag: SharedArrayBuffer;
}

export type JobWorkerMessage = { type: 'progress'; percent: number; label: string } | { type: 'done'; envelope: Envelope<unknown> };

interface Job {
  status: JobStatus;
  worker: Worker;
  flag: Int32Array;
  startedAt: number;
}

/** How long a cancelled job may take to reach its next checkpoint before its thread is stopped. */
const CANCEL_GRACE_MS = 2000;
/** Finished jobs are kept this long for the client to collect their result. */
const KEEP_FINISHED_MS = 10 * 60_000;
/** At most this many jobs run at once; more would only compete for the same cores and the write lock. */
export const MAX_RUNNING_JOBS = 2;

/**
 * The worker file: beside this module when built (out/main/jobWorker.js), or the TypeScript
 * source run through tsx (the browser door, tests).
 */
function workerEntry(): { file: string | URL; execArgv: string[] | undefined; data?: string } {
  // The browser-door e2e tests run the core from source but the worker as built (`npm run build`
  // comes first): compiling the whole core in each new worker through tsx takes tens of seconds on
  // a busy machine, where the built worker starts in about one.
  const built = process.env.SHANCE_JOB_WORKER;
  if (built && existsSync(built)) return { file: built, execArgv: undefined };
  const here = dirname(fileURLToPath(import.meta.url));
  // Built: out/main/jobWorker.js, and this code may sit in out/main or a chunk folder below it.
  for (const file of [join(here, 'jobWorker.js'), join(here, '..', 'jobWorker.js')]) if (existsSync(file)) return { file, execArgv: undefined };
  // From the sources (the browser door under tsx, tests): the worker registers tsx itself first.
  return { file: devBootstrap(), execArgv: undefined, data: join(here, 'jobWorker.ts') };
}

/** A data: module that registers tsx in the worker, then loads the TypeScript worker named in workerData. */
function devBootstrap(): URL {
  // The package's ESM entry (require.resolve would give its CommonJS one).
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const code = `import { register } from ${JSON.stringify(tsxApi)}; import { workerData } from 'node:worker_threads'; import { pathToFileURL } from 'node:url'; register(); await import(pathToFileURL(workerData.entry).href);`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

/** Long API calls run in worker threads, each with its own connection to the library. */
export class JobRunner {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly dbPath: string,
    private readonly templatesDir: string,
  ) {}

  start(method: string, payload: unknown): { jobId: string } {
    this.forgetOld();
    const running = [...this.jobs.values()].filter((j) => j.status.state === 'running').length;
    if (running >= MAX_RUNNING_JOBS) throw new AppError('CONFLICT', `已有 ${running} 个耗时操作正在进行，请等它们完成后再试`);
    const jobId = randomUUID();
    const cancelFlag = new SharedArrayBuffer(4);
    const entry = workerEntry();
    const data: JobWorkerData & { entry?: string } = { dbPath: this.dbPath, templatesDir: this.templatesDir, method, payload, cancelFlag, entry: entry.data };
    const worker = new Worker(entry.file, { workerData: data, execArgv: entry.execArgv });
    const job: Job = { status: { jobId, method, state: 'running', percent: 0, label: '正在准备', result: null }, worker, flag: new Int32Array(cancelFlag), startedAt: Date.now() };
    this.jobs.set(jobId, job);
    const finish = (state: JobStatus['state'], result: Envelope<unknown>) => {
      if (job.status.state !== 'running') return;
      job.status = { ...job.status, state, percent: state === 'done' ? 100 : job.status.percent, result };
    };
    worker.on('message', (m: JobWorkerMessage) => {
      if (m.type === 'progress') job.status = { ...job.status, percent: m.percent, label: m.label };
      else {
        const cancelled = !m.envelope.ok && m.envelope.error.code === 'CANCELLED';
        finish(cancelled ? 'cancelled' : m.envelope.ok ? 'done' : 'failed', m.envelope);
      }
    });
    worker.on('error', (e) => finish('failed', { ok: false, error: { code: 'INTERNAL', message: `操作失败：${e.message}` } }));
    worker.on('exit', () => {
      if (Atomics.load(job.flag, 0) === 1) finish('cancelled', { ok: false, error: cancelledError().toJSON() });
      else finish('failed', { ok: false, error: { code: 'INTERNAL', message: '操作意外中止，没有完成' } });
    });
    return { jobId };
  }

  status(jobId: string): JobStatus {
    const job = this.jobs.get(jobId);
    if (!job) throw new AppError('NOT_FOUND', '找不到这个操作，可能已经结束很久');
    return job.status;
  }

  /**
   * Ask the job to stop at its next checkpoint (its transaction rolls back); if it has none soon,
   * stop its thread, which abandons any open transaction just the same.
   */
  cancel(jobId: string): JobStatus {
    const job = this.jobs.get(jobId);
    if (!job) throw new AppError('NOT_FOUND', '找不到这个操作，可能已经结束很久');
    if (job.status.state !== 'running') return job.status;
    Atomics.store(job.flag, 0, 1);
    setTimeout(() => {
      if (job.status.state === 'running') void job.worker.terminate();
    }, CANCEL_GRACE_MS).unref();
    return job.status;
  }

  /** Stop every job (the app is quitting). */
  async close(): Promise<void> {
    await Promise.all([...this.jobs.values()].map((j) => j.worker.terminate()));
    this.jobs.clear();
  }

  private forgetOld(): void {
    const now = Date.now();
    for (const [id, j] of this.jobs) if (j.status.state !== 'running' && now - j.startedAt > KEEP_FINISHED_MS) this.jobs.delete(id);
  }
}
