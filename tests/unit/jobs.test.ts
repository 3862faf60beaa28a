import { describe, expect, test } from 'vitest';
import { createDispatch } from '../../src/core/api/dispatch';
import { createHandlers } from '../../src/core/api/handlers';
import { defaultTemplatesDir } from '../../src/core/paths';
import type { JobStatus } from '../../src/shared/api/methods/jobs';
import { makeProposal } from './helpers/proposals';
import { tmpLibrary } from './helpers/tmp';

function wired() {
  const lib = tmpLibrary();
  const dispatch = createDispatch(createHandlers({ lib, templatesDir: defaultTemplatesDir() }), () => {});
  const call = async <T>(method: string, payload: unknown): Promise<T> => {
    const res = await dispatch(method, payload);
    if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
    return res.value as T;
  };
  return { lib, dispatch, call };
}

async function until(call: <T>(m: string, p: unknown) => Promise<T>, jobId: string, seen: number[] = []): Promise<JobStatus> {
  for (;;) {
    const s = await call<JobStatus>('job.status', { jobId });
    seen.push(s.percent);
    if (s.state !== 'running') return s;
    await new Promise((r) => setTimeout(r, 20));
  }
}

function bundleOf(n: number): string {
  const src = tmpLibrary();
  for (let i = 0; i < n; i++) src.proposals.insert(makeProposal({ title: `后台导入 ${i}`, sections: { background: '背景'.repeat(200) } }));
  return Buffer.from(src.exportBundle(null).bytes).toString('base64');
}

describe('long operations as jobs in a worker thread', () => {
  test('an import runs as a job on its own connection and reports its result', async () => {
    const { lib, call } = wired();
    const dataBase64 = bundleOf(40);
    const { jobId } = await call<{ jobId: string }>('job.start', { method: 'bundle.import', payload: { dataBase64 } });
    const seen: number[] = [];
    const done = await until(call, jobId, seen);
    expect(done.state).toBe('done');
    expect(done.percent).toBe(100);
    expect(done.result?.ok && (done.result.value as { added: string[] }).added.length).toBe(40);
    // The main connection sees what the worker wrote.
    expect(lib.proposals.count()).toBe(40);
    expect(Math.min(...seen)).toBeLessThan(100);
  }, 60_000);

  test('a cancelled import writes nothing and says so in Chinese', async () => {
    const { lib, call } = wired();
    lib.proposals.insert(makeProposal({ title: '已有项目' }));
    const { jobId } = await call<{ jobId: string }>('job.start', { method: 'bundle.import', payload: { dataBase64: bundleOf(200) } });
    const cancelling = await call<JobStatus>('job.cancel', { jobId });
    expect(cancelling.jobId).toBe(jobId);
    const end = await until(call, jobId);
    expect(end.state).toBe('cancelled');
    expect(end.result?.ok === false && end.result.error.message).toContain('已取消');
    expect(lib.proposals.count()).toBe(1);
  }, 60_000);

  test('a failing job carries the method’s own Chinese error; only long methods may run as jobs', async () => {
    const { call, dispatch } = wired();
    const { jobId } = await call<{ jobId: string }>('job.start', { method: 'bundle.import', payload: { dataBase64: Buffer.from('不是交换包').toString('base64') } });
    const end = await until(call, jobId);
    expect(end.state).toBe('failed');
    expect(end.result?.ok === false && end.result.error.code).toBe('BUNDLE_INVALID');
    const refused = await dispatch('job.start', { method: 'proposal.delete', payload: { id: 'x' } });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.code).toBe('INVALID_INPUT');
  }, 60_000);
});

describe('the library-wide duplicate check as a job', () => {
  test('dedupe.report runs in the worker and returns the same report as a direct call', async () => {
    const { lib, call } = wired();
    const text = '为城口县二十所乡村小学建设图书角，配备图书与书架，并培训志愿者管理借阅。'.repeat(6);
    lib.proposals.insert(makeProposal({ title: '乡村图书角甲', sections: { background: text } }));
    lib.proposals.insert(makeProposal({ title: '乡村图书角乙', sections: { background: text } }));
    const direct = await call<{ clusters: { members: unknown[] }[] }>('dedupe.report', {});
    const { jobId } = await call<{ jobId: string }>('job.start', { method: 'dedupe.report', payload: {} });
    const end = await until(call, jobId);
    expect(end.state).toBe('done');
    const viaJob = end.result?.ok ? (end.result.value as { clusters: { members: unknown[] }[] }) : null;
    expect(viaJob?.clusters.length).toBe(direct.clusters.length);
    expect(viaJob?.clusters.length).toBeGreaterThan(0);
  }, 60_000);
});
