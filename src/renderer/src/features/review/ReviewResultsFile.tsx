import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Upload } from 'antd';
import { useState } from 'react';
import type { ReviewState } from '../../../../shared/api/methods/review';
import { api } from '../../api';
import { useBusyAction } from '../../util/busyAction';
import { errorText } from '../../util/errors';
import { download, fileToBase64 } from '../../util/files';
import { announceReviewChange } from './useReviewState';

/**
 * Review results travelling as a file, for desks that do not meet through the federation server:
 * the review desk exports its signed decisions and comments, the district takes them in.
 */
export function ReviewResultsFile({ state }: { state: ReviewState }) {
  if (state.actor.role === 'reviewer') return state.log.some((e) => e.signature) ? <ExportResults id={state.id} /> : null;
  return state.log.length > 0 ? <ImportResults id={state.id} /> : null;
}

/** 导出审核结果: only signed decisions are worth sending, so the button shows once there is one. */
function ExportResults({ id }: { id: string }) {
  const { message } = App.useApp();
  const [busy, runBusy] = useBusyAction();
  const save = () =>
    runBusy(async () => {
      const file = await api.call('review.exportResults', { id });
      download(file.fileName, file.dataBase64, 'application/json');
      message.success(`已导出审核结果：决定 ${file.decisions} 个，批注 ${file.comments} 条（${file.fileName}），请交给区县导入`);
    });
  return (
    <Button size="small" icon={<DownloadOutlined aria-hidden />} loading={busy} onClick={() => void save()} data-testid="review-results-export">
      导出审核结果
    </Button>
  );
}

/** 导入审核结果: all or nothing; a file that does not verify is refused here, in words, and nothing changes. */
function ImportResults({ id }: { id: string }) {
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  // The refusal stays on screen beside the button: the user has to know which file was not taken.
  const [busy, runBusy] = useBusyAction({ onError: (e) => setOutcome({ ok: false, text: `未导入审核结果：${errorText(e)}` }) });
  const take = (file: File) => {
    setOutcome(null);
    return runBusy(async () => {
      const r = await api.call('review.importResults', { dataBase64: await fileToBase64(file) });
      const other = r.proposalId === id ? '' : `（项目「${r.title}」）`;
      setOutcome({ ok: true, text: `已收到总会审核结果${other}：决定 ${r.decisions} 个，批注 ${r.comments} 条` });
      announceReviewChange(r.proposalId);
    });
  };
  return (
    <div data-testid="review-results-import">
      <Upload
        accept=".json,application/json"
        showUploadList={false}
        beforeUpload={(file) => {
          void take(file);
          return false;
        }}
        disabled={busy}
      >
        <Button size="small" icon={<UploadOutlined aria-hidden />} loading={busy}>
          导入审核结果
        </Button>
      </Upload>
      {outcome && <Alert style={{ marginTop: 8 }} type={outcome.ok ? 'success' : 'error'} showIcon title={outcome.text} data-testid="review-results-outcome" />}
    </div>
  );
}
