import { App } from 'antd';
import { useCallback } from 'react';
import { useBusyAction } from '../../util/busyAction';
import { download } from '../../util/files';
import { useJob, type JobHandle } from '../../util/JobProgress';

/**
 * 导出可读内容 for a damaged library: every proposal still readable as a .shance bundle (a job, with
 * progress and 取消), with what could not be read named. Show <JobProgress job={handle} /> beside it.
 */
export function useReadableExport(): { exportReadable: () => Promise<void>; busy: boolean; handle: JobHandle } {
  const { message } = App.useApp();
  const job = useJob();
  const [busy, runBusy] = useBusyAction();
  const { run } = job;
  const exportReadable = useCallback(
    () =>
      runBusy(async () => {
        const r = await run('library.exportReadable', {}, '正在导出可读内容');
        download(r.fileName, r.dataBase64, 'application/zip');
        message.success(r.lost.length > 0 ? `已导出 ${r.count} 个项目；另有 ${r.lost.length} 项无法读取：${r.lost.slice(0, 3).join('、')}` : `已导出全部 ${r.count} 个项目`);
      }),
    [run, runBusy, message],
  );
  return { exportReadable, busy, handle: job.handle };
}
