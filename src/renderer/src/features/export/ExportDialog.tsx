import { DownloadOutlined, FileWordOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Modal, Progress, Space, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { ExportPlatform } from '../../../../shared/api/methods/export';
import type { PlatformId } from '../../../../shared/domain/catalog';
import { api } from '../../api';
import { errorText } from '../../util/errors';
import { JobProgress, useJob } from '../../util/JobProgress';
import { useBusyKey } from '../../util/busyAction';
import { download } from '../../util/files';
import { downloadCombined, downloadReview, reviewCopy, ZIP_MIME } from './exportFiles';
import { ExportResults, summarize } from './ExportResults';
import { useExportRun, type ExportJob, type WrittenPack } from './exportRun';
import { PlatformPicker } from './PlatformPicker';
import './export.css';
import { useAsyncHandler } from '../../util/asyncHandler';

/** Done before the platforms are checked: the editor saves its draft; the library reads the title. */
export type Prepare = () => Promise<{ title: string; notice: string | null }>;

type Stage = { name: 'loading' } | { name: 'failed'; error: string } | { name: 'choose' } | { name: 'run' };

/** Targets first, as the picker shows them. */
function jobsFor(items: ExportPlatform[], ticked: PlatformId[], reasons: Partial<Record<PlatformId, string>>): ExportJob[] {
  const chosen = items.filter((p) => ticked.includes(p.platform));
  return [...chosen.filter((p) => p.targeted), ...chosen.filter((p) => !p.targeted)].map((p) => ({ platform: p.platform, label: p.label, reason: reasons[p.platform] ?? '' }));
}

/** Why 开始导出 is off, or what it will leave out: said before the run, not as 已导出 0 个平台 after it. */
function StartHint({ ticked, refused }: { ticked: number; refused: number }) {
  if (ticked === 0) return <Typography.Text type="danger" data-testid="export-start-hint">请至少选择一个平台。</Typography.Text>;
  if (refused === 0) return null;
  if (refused === ticked) {
    return (
      <Typography.Text type="danger" data-testid="export-start-hint">
        所选平台都有错误，不能导出：改正错误，或写明导出理由（可写一个理由用于全部平台）。
      </Typography.Text>
    );
  }
  return (
    <Typography.Text type="warning" data-testid="export-start-hint">
      其中 {refused} 个平台有错误且没有写导出理由，将不会导出。
    </Typography.Text>
  );
}

/**
 * 导出到平台: choose platforms (all by default), then one pack per platform with progress and a
 * result list, then one zip of everything or each pack on its own. Mount it only while open.
 */
export function ExportDialog({ id, prepare, onClose }: { id: string; prepare: Prepare; onClose: () => void }) {
  const handle = useAsyncHandler();
  const { message } = App.useApp();
  const [stage, setStage] = useState<Stage>({ name: 'loading' });
  const [title, setTitle] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [items, setItems] = useState<ExportPlatform[]>([]);
  const [ticked, setTicked] = useState<PlatformId[]>([]);
  // A platform's own reason, once typed, wins over the one written for all of them.
  const [ownReasons, setReasons] = useState<Partial<Record<PlatformId, string>>>({});
  const [sharedReason, setSharedReason] = useState('');
  const [withReview, setWithReview] = useState(true);
  const [busy, runBusy] = useBusyKey<'review' | 'zip'>();
  const run = useExportRun(id);
  // The combined zip is built off the UI thread, with a percentage and 取消.
  const job = useJob();
  // Prepared once per opening: the editor's callback changes with every edit of the draft.
  const prepareRef = useRef(prepare);

  const load = async () => {
    try {
      const prepared = await prepareRef.current();
      setTitle(prepared.title);
      setNotice(prepared.notice);
      const res = await api.call('export.platforms', { id });
      setItems(res.items);
      setTicked(res.items.filter((p) => p.hasPack).map((p) => p.platform));
      setStage({ name: 'choose' });
    } catch (e) {
      setStage({ name: 'failed', error: errorText(e) });
    }
  };
  // eslint-disable-next-line react-hooks/exhaustive-deps -- once per opening (see prepareRef)
  useEffect(() => void load(), []);

  const setReason = (platform: PlatformId, reason: string) => setReasons((r) => ({ ...r, [platform]: reason }));
  const reasons: Partial<Record<PlatformId, string>> = Object.fromEntries(items.map((p) => [p.platform, ownReasons[p.platform] ?? sharedReason]));
  const refused = items.filter((p) => ticked.includes(p.platform) && p.blocked && !reasons[p.platform]?.trim());
  const exportable = ticked.length - refused.length;
  const reviewPlatforms = ticked.length > 0 ? ticked : null;
  const written = run.outcomes.flatMap((o) => (o.state === 'written' ? [o.pack] : []));

  const withBusy = (what: 'review' | 'zip', work: () => Promise<string>) =>
    runBusy(what, async () => {
      message.success(`已生成：${await work()}`);
    });

  const start = () => {
    setStage({ name: 'run' });
    void run.start(jobsFor(items, ticked, reasons));
  };

  const downloadAll = () =>
    withBusy('zip', async () => {
      const parts = written.map((p) => ({ fileName: p.fileName, dataBase64: p.dataBase64 }));
      if (withReview) parts.push(await reviewCopy(id, reviewPlatforms, reasons));
      return downloadCombined(`${title || '未命名项目'}-平台提交包`, parts, (input) => job.run('export.combine', input, '正在打包全部平台的提交包'));
    });

  const downloadPack = (p: WrittenPack) => download(p.fileName, p.dataBase64, ZIP_MIME);

  const reviewButton = (
    <Button key="review" icon={<FileWordOutlined aria-hidden />} loading={busy === 'review'} onClick={handle(() => withBusy('review', () => downloadReview(id, reviewPlatforms, reasons)))}>
      内部审核稿
    </Button>
  );

  const footer = (() => {
    switch (stage.name) {
      case 'loading':
        return [
          <Button key="cancel" onClick={onClose}>
            取消
          </Button>,
        ];
      case 'failed':
        return [
          <Button key="cancel" onClick={onClose}>
            取消
          </Button>,
          <Button key="retry" type="primary" onClick={() => (setStage({ name: 'loading' }), void load())}>
            重试
          </Button>,
        ];
      case 'choose':
        return [
          reviewButton,
          <Button key="cancel" onClick={onClose}>
            取消
          </Button>,
          <Button key="start" type="primary" disabled={exportable === 0} onClick={start}>
            开始导出（{ticked.length} 个平台）
          </Button>,
        ];
      case 'run':
        if (run.running) {
          return [
            <Button key="stop" danger disabled={run.stopping} onClick={run.stop}>
              {run.stopping ? '正在停止…' : '停止（导完当前平台后）'}
            </Button>,
          ];
        }
        return [
          <Button key="back" onClick={() => (run.reset(), setStage({ name: 'choose' }))}>
            返回重新选择
          </Button>,
          <Checkbox key="with-review" checked={withReview} onChange={(e) => setWithReview(e.target.checked)} style={{ marginInline: 8 }}>
            附内部审核稿
          </Checkbox>,
          <Button key="zip" type="primary" icon={<DownloadOutlined aria-hidden />} disabled={written.length === 0} loading={busy === 'zip'} onClick={handle(downloadAll)}>
            下载全部（一个 zip）
          </Button>,
          <Button key="done" onClick={onClose}>
            完成
          </Button>,
        ];
    }
  })();

  // While running, the run's own count; afterwards, what the result list says (a platform stopped
  // and then exported from its row counts as done too).
  const progress = run.progress && (run.running ? run.progress : { ...run.progress, done: run.outcomes.filter((o) => o.state !== 'stopped').length, total: run.outcomes.length });
  const pending = run.running && progress ? jobsFor(items, ticked, reasons).slice(progress.done + 1) : [];

  return (
    <Modal
      open
      title={title ? `导出到平台 —「${title}」` : '导出到平台'}
      width={820}
      onCancel={onClose}
      closable={!run.running}
      mask={{ closable: false }}
      keyboard={!run.running}
      footer={footer}
    >
      <JobProgress job={job.handle} />
      {notice && <Alert type="warning" showIcon title={notice} style={{ marginBottom: 12 }} />}
      {stage.name === 'loading' && (
        <Spin description="正在保存并检查各平台的要求…">
          <div style={{ height: 120 }} />
        </Spin>
      )}
      {stage.name === 'failed' && <Alert type="error" showIcon title="无法准备导出" description={stage.error} />}
      {stage.name === 'choose' && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            每个平台生成一个提交包：按该平台栏目顺序排版的 Word 文档、逐项可复制的字段表（Excel 与纯文本）、按平台规格裁好的图片及其来源与授权清单、检查结果。原图不会被改动。
          </Typography.Text>
          <PlatformPicker items={items} ticked={ticked} onTick={setTicked} reasons={reasons} onReason={setReason} sharedReason={sharedReason} onSharedReason={setSharedReason} />
          <StartHint ticked={ticked.length} refused={refused.length} />
        </Space>
      )}
      {stage.name === 'run' && progress && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Progress
            percent={Math.round((progress.done / progress.total) * 100)}
            format={() => `${progress.done}/${progress.total}`}
            status={run.running ? 'active' : 'normal'}
            aria-label="导出进度"
          />
          <Typography.Text role="status" aria-live="polite" data-testid="export-status">
            {run.running ? `正在导出「${progress.current}」…（已完成 ${progress.done} 个，共 ${progress.total} 个）` : summarize(run.outcomes)}
          </Typography.Text>
          <ExportResults
            outcomes={run.outcomes}
            busy={run.running}
            reasons={reasons}
            onReason={setReason}
            onDownload={downloadPack}
            onRetry={async (job) => {
              const o = await run.retry(job);
              if (o.state === 'written') message.success(`已导出「${o.label}」`);
            }}
          />
          {pending.length > 0 && <Typography.Text type="secondary">等待导出：{pending.map((j) => j.label).join('、')}</Typography.Text>}
        </Space>
      )}
    </Modal>
  );
}
