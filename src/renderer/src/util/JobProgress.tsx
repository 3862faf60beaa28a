import { Button, Modal, Progress, Typography } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { ApiError } from '../../../shared/api/client';
import type { MethodInput, MethodOutput } from '../../../shared/api/contract';
import type { JobMethod, JobStatus } from '../../../shared/api/methods/jobs';
import { api } from '../api';

const POLL_MS = 200;

export interface JobHandle {
  /** What is running now (null when nothing is). */
  status: JobStatus | null;
  title: string;
  cancel(): void;
}

/**
 * Run a long core call (import, export, the library-wide duplicate check) as a background job:
 * the core runs it off the thread that answers the UI, this polls its progress. `run` resolves
 * with the method's own result, or throws its error (an ApiError with code CANCELLED when the user
 * cancelled). Show `<JobProgress job={handle} />` once wherever `run` is used.
 */
export function useJob(): { run<M extends JobMethod>(method: M, input: MethodInput<M>, title: string): Promise<MethodOutput<M>>; handle: JobHandle } {
  const [status, setStatus] = useState<JobStatus | null>(null);
  const [title, setTitle] = useState('');
  const current = useRef<string | null>(null);

  const run = useCallback(async <M extends JobMethod>(method: M, input: MethodInput<M>, what: string): Promise<MethodOutput<M>> => {
    setTitle(what);
    const { jobId } = await api.call('job.start', { method, payload: input });
    current.current = jobId;
    try {
      for (;;) {
        const s = await api.call('job.status', { jobId });
        setStatus(s);
        if (s.state !== 'running') {
          const result = s.result!;
          if (!result.ok) throw new ApiError(result.error.code, result.error.message, result.error.details ?? []);
          return result.value as MethodOutput<M>;
        }
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    } finally {
      current.current = null;
      setStatus(null);
    }
  }, []);

  const cancel = useCallback(() => {
    const jobId = current.current;
    if (jobId) void api.call('job.cancel', { jobId }).catch(() => {});
  }, []);

  return { run, handle: { status, title, cancel } };
}

/** The one progress window for long operations: a percentage bar, what is being done, 取消. */
export function JobProgress({ job }: { job: JobHandle }) {
  const s = job.status;
  return (
    <Modal
      open={s !== null}
      title={job.title}
      closable={false}
      maskClosable={false}
      keyboard={false}
      footer={
        <Button onClick={job.cancel} data-testid="job-cancel">
          取消
        </Button>
      }
    >
      <Progress percent={s?.percent ?? 0} status="active" />
      <Typography.Text type="secondary">{s?.label ?? '正在准备'}……取消后不会做任何修改。</Typography.Text>
    </Modal>
  );
}
