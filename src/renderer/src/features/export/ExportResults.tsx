import { CheckCircleOutlined, CloseCircleOutlined, DownloadOutlined, ExclamationCircleOutlined, MinusCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useState } from 'react';
import type { PlatformId } from '../../../../shared/domain/catalog';
import type { ExportJob, Outcome, WrittenPack } from './exportRun';
import { OverrideReason } from './PlatformPicker';
import { useAsyncHandler } from '../../util/asyncHandler';

const SHOWN_WARNINGS = 3;

function Status({ outcome: o }: { outcome: Outcome }) {
  switch (o.state) {
    case 'written':
      return o.pack.overridden ? (
        <Typography.Text type="warning">
          <WarningOutlined aria-hidden /> 已带错误导出（理由已写入提交包）
        </Typography.Text>
      ) : (
        <Typography.Text type="success">
          <CheckCircleOutlined aria-hidden /> 已导出
        </Typography.Text>
      );
    case 'refused':
      return (
        <Typography.Text type="danger">
          <CloseCircleOutlined aria-hidden /> 未导出：检查有错误
        </Typography.Text>
      );
    case 'failed':
      return (
        <Typography.Text type="danger">
          <ExclamationCircleOutlined aria-hidden /> 导出失败
        </Typography.Text>
      );
    case 'stopped':
      return (
        <Typography.Text type="secondary">
          <MinusCircleOutlined aria-hidden /> 已停止，未导出
        </Typography.Text>
      );
  }
}

interface RowProps {
  outcome: Outcome;
  busy: boolean;
  reason: string;
  onReason: (v: string) => void;
  onDownload: (pack: WrittenPack) => void;
  onRetry: (job: ExportJob) => Promise<void>;
}

function ResultRow({ outcome: o, busy, reason, onReason, onDownload, onRetry }: RowProps) {
  const handle = useAsyncHandler();
  const [retrying, setRetrying] = useState(false);
  const retry = async () => {
    setRetrying(true);
    try {
      await onRetry({ platform: o.platform, label: o.label, reason });
    } finally {
      setRetrying(false);
    }
  };
  return (
    <li className="export-result" data-platform={o.platform} data-state={o.state}>
      <div className="export-platform-head">
        <Typography.Text strong>{o.label}</Typography.Text>
        <Status outcome={o} />
        <span style={{ flex: 1 }} />
        {o.state === 'written' && (
          <Button size="small" icon={<DownloadOutlined aria-hidden />} aria-label={`下载「${o.label}」提交包`} onClick={() => onDownload(o.pack)}>
            下载
          </Button>
        )}
        {(o.state === 'failed' || o.state === 'stopped') && (
          <Button size="small" loading={retrying} disabled={busy} onClick={handle(retry)}>
            {o.state === 'failed' ? '重试' : '现在导出'}
          </Button>
        )}
      </div>
      {o.state === 'written' && (
        <Typography.Text type="secondary" className="export-result-detail">
          {o.pack.fileName}（{o.pack.files.length} 个文件）
          {o.pack.warnings.length > 0 && (
            <>
              ；请留意：{o.pack.warnings.slice(0, SHOWN_WARNINGS).join('；')}
              {o.pack.warnings.length > SHOWN_WARNINGS ? ` 等 ${o.pack.warnings.length} 项` : ''}
            </>
          )}
        </Typography.Text>
      )}
      {o.state === 'failed' && <Typography.Paragraph type="danger" className="export-result-detail">{o.error}</Typography.Paragraph>}
      {o.state === 'refused' && (
        <div className="export-result-detail">
          <Typography.Paragraph type="danger" style={{ marginBottom: 6 }}>
            {o.message}
          </Typography.Paragraph>
          <Space.Compact style={{ width: '100%' }}>
            <OverrideReason label={o.label} value={reason} onChange={onReason} />
            <Button loading={retrying} disabled={busy || reason.trim() === ''} onClick={handle(retry)}>
              带理由导出
            </Button>
          </Space.Compact>
        </div>
      )}
    </li>
  );
}

interface Props {
  outcomes: Outcome[];
  /** A run is going: no retries until it is over. */
  busy: boolean;
  reasons: Partial<Record<PlatformId, string>>;
  onReason: (platform: PlatformId, reason: string) => void;
  onDownload: (pack: WrittenPack) => void;
  onRetry: (job: ExportJob) => Promise<void>;
}

export function ExportResults({ outcomes, busy, reasons, onReason, onDownload, onRetry }: Props) {
  return (
    <ul className="export-results" aria-label="导出结果">
      {outcomes.map((o) => (
        <ResultRow
          key={o.platform}
          outcome={o}
          busy={busy}
          reason={reasons[o.platform] ?? ''}
          onReason={(v) => onReason(o.platform, v)}
          onDownload={onDownload}
          onRetry={onRetry}
        />
      ))}
    </ul>
  );
}

/** One line for the end of a run, e.g. 「已导出 2 个平台（1 个带错误导出），1 个未导出」. */
export function summarize(outcomes: Outcome[]): string {
  const count = (state: Outcome['state']) => outcomes.filter((o) => o.state === state).length;
  const overridden = outcomes.filter((o) => o.state === 'written' && o.pack.overridden).length;
  const parts = [`已导出 ${count('written')} 个平台${overridden > 0 ? `（其中 ${overridden} 个带错误导出）` : ''}`];
  if (count('refused') > 0) parts.push(`${count('refused')} 个因检查有错误未导出`);
  if (count('failed') > 0) parts.push(`${count('failed')} 个导出失败`);
  if (count('stopped') > 0) parts.push(`${count('stopped')} 个已停止`);
  return parts.join('，');
}
