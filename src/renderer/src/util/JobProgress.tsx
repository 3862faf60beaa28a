import { Button, Modal, Progress, Typography } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { ApiError } from '../../../shared/api/client';
import type { MethodInput, MethodOutput } from '../../../shared/api/contract';
import type { JobMethod, JobStatus } from '../../../shared/api/methods/jobs';
import { api } from '../api';

const POLL_MS = 200;

/** What the user is told after pressing 取消: the job stopped and nothing of it was kept. */
export const CANCELLED_TEXT = '已取消，未做任何更改';

/** True for the error a job throws when the user cancelled it. */
export function isCancelled(e: unknown): boolean {
  return e instanceof ApiError && e.code === 'CANCELLED';
}

/** Lets the caller stop a job started by runJob. */
export interface JobControl {
  cancel(): void;
}

/**
 * Run a long core call as a background job (the core runs it in a worker thread, off the thread
 * that answers the UI) and poll its progress into `onStatus` (null once it is over). Resolves with
 * the method's own result, or throws its error: an ApiError with code CANCELLED after a cancel.
 */
export async function runJob<M extends JobMethod>(method: M, input: MethodInput<M>, onStatus: (s: JobStatus | null) => void, control?: { current: JobControl | null }): Promise<MethodOutput<M>> {
  const { jobId } = await api.call('job.start', { method, payload: input });
  if (control) control.current = { cancel: () => void api.call('job.cancel', { jobId }).catch(() => {}) };
  try {
    for (;;) {
      const s = await api.call('job.status', { jobId });
      onStatus(s);
      if (s.state !== 'running') {
        const result = s.result!;
        if (!result.ok) throw new ApiError(result.error.code, result.error.message, result.error.details ?? []);
        return result.value as MethodOutput<M>;
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  } finally {
    if (control) control.current = null;
    onStatus(null);
  }
}

export interface JobHandle {
  /** What is running now (null when nothing is). */
  status: JobStatus | null;
  title: string;
  cancel(): void;
}

/**
 * runJob for a component: `run` resolves with the method's result, or throws its error (check
 * isCancelled to say CANCELLED_TEXT). Show `<JobProgress job={handle} />` once wherever `run` is used.
 */
export function useJob(): { run<M extends JobMethod>(method: M, input: MethodInput<M>, title: string): Promise<MethodOutput<M>>; handle: JobHandle } {
  const [status, setStatus] = useState<JobStatus | null>(null);
  const [title, setTitle] = useState('');
  const control = useRef<JobControl | null>(null);

  const run = useCallback(<M extends JobMethod>(method: M, input: MethodInput<M>, what: string): Promise<MethodOutput<M>> => {
    setTitle(what);
    return runJob(method, input, setStatus, control);
  }, []);

  const cancel = useCallback(() => control.current?.cancel(), []);

  return { run, handle: { status, title, cancel } };
}

/** The one progress window for long operations: a percentage bar, what is being done, 取消. */
export function JobProgress({ job }: { job: JobHandle }) {
  const s = job.status;
  const percent = s?.percent ?? 0;
  return (
    <Modal
      open={s !== null}
      title={job.title}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      footer={
        <Button onClick={job.cancel} data-testid="job-cancel">
          取消
        </Button>
      }
    >
      <Progress percent={percent} status="active" aria-label="进度" />
      <Typography.Paragraph data-testid="job-progress" data-percent={percent} style={{ marginBottom: 4 }}>
        {s?.label ?? '正在准备'}… {percent}%
      </Typography.Paragraph>
      <Typography.Text type="secondary">取消后不会做任何更改。</Typography.Text>
    </Modal>
  );
}
