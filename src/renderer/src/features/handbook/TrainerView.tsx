import { CheckOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Empty, Space, Spin, Table, Tag, Timeline, Typography, Upload } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../../../shared/api/client';
import type { MethodOutput } from '../../../../shared/api/contract';
import type { ChangeItem, PackageChanges } from '../../../../shared/handbook/changes';
import { api } from '../../api';
import { JobProgress, useJob } from '../../util/JobProgress';
import { download, fileToBase64 } from '../../util/files';
import { dateTime } from '../../util/format';
import { Bullets } from './GuidePage';
import { TrainerPinCard } from './TrainerPin';
import './handbook.css';
import { useAsyncHandler } from '../../util/asyncHandler';
import { useBusyAction } from '../../util/busyAction';

type Handbook = MethodOutput<'handbook.get'>;
type Versions = MethodOutput<'handbook.versions'>['items'];
type Outcome = MethodOutput<'handbook.import'>;

const SOURCE_LABEL = { files: '手册文件夹', import: '导入的手册包' } as const;
const KIND_LABEL = { added: '新增', removed: '删除', changed: '修改' } as const;

/** An error with every detail the core gave (which file, which field, what is wrong). */
function ErrorDetails({ title, error }: { title: string; error: unknown }) {
  const details = error instanceof ApiError ? error.details : [];
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={`${title}：${error instanceof Error ? error.message : String(error)}`}
      description={
        details.length > 0 ? (
          <>
            <Bullets items={details.slice(0, 50)} />
            {details.length > 50 && <Typography.Text type="secondary">另有 {details.length - 50} 处，改正上面的后再检查。</Typography.Text>}
          </>
        ) : undefined
      }
    />
  );
}

function NameChanges({ label, c }: { label: string; c: PackageChanges['templates'] }) {
  const parts = (['added', 'changed', 'removed'] as const).filter((k) => c[k].length > 0);
  if (parts.length === 0) return <div>{label}：没有变化</div>;
  return (
    <div>
      {label}：
      {parts.map((k) => (
        <span key={k} style={{ marginRight: 8 }}>
          {KIND_LABEL[k]} {c[k].map((x) => `「${x.name}」`).join('、')}
        </span>
      ))}
    </div>
  );
}

/** Changes as a list: what kind, which part, the text before and after. */
function ChangeItems({ items }: { items: readonly ChangeItem[] }) {
  return (
    <ul className="hb-list">
      {items.map((item, i) => (
        <li key={i} className="hb-change">
          <Tag>{KIND_LABEL[item.kind]}</Tag>
          {item.part}
          {item.before !== null && <div className="hb-change-before">{item.kind === 'changed' ? `原：${item.before}` : item.before}</div>}
          {item.after !== null && <div className="hb-change-after">{item.kind === 'changed' ? `现：${item.after}` : item.after}</div>}
        </li>
      ))}
    </ul>
  );
}

/** What a package changes, before (dry run) and after importing it. */
function ChangesView({ outcome }: { outcome: Outcome }) {
  const { changes } = outcome;
  return (
    <div data-testid="import-preview">
      {outcome.changelog.length > 0 && (
        <>
          <Typography.Title level={5}>修订说明</Typography.Title>
          <Bullets items={outcome.changelog.map((e) => `${e.version} 版（${e.date}）：${e.summary}`)} />
        </>
      )}
      <Typography.Title level={5}>指导页的变化</Typography.Title>
      {changes.steps.length === 0 ? (
        <Typography.Paragraph type="secondary">10 个步骤的指导页没有变化。</Typography.Paragraph>
      ) : (
        changes.steps.map((s) => (
          <div key={s.step} className="hb-change-step">
            <Typography.Text strong>{s.title}</Typography.Text>
            <ChangeItems items={s.items} />
          </div>
        ))
      )}
      <Typography.Title level={5}>模板与样例</Typography.Title>
      <NameChanges label="领域模板" c={changes.templates} />
      {(changes.templateChanges ?? []).map((t) => (
        <div key={t.id} className="hb-change-step" data-testid="template-changes">
          <Typography.Text strong>模板「{t.name}」中修改了：</Typography.Text>
          <ChangeItems items={t.items} />
        </div>
      ))}
      <NameChanges label="培训样例" c={changes.samples} />
    </div>
  );
}

function ImportCard({ current, onImported }: { current: string; onImported: () => void }) {
  const handle = useAsyncHandler();
  const { message } = App.useApp();
  const [file, setFile] = useState<{ name: string; data: string } | null>(null);
  const [preview, setPreview] = useState<Outcome | null>(null);
  const [error, setError] = useState<unknown>(null);
  // The package's problems are shown in the card as they were thrown, not as a passing message.
  const [busy, runBusy] = useBusyAction({ onError: setError });
  const job = useJob();

  const check = async (f: File) => {
    setPreview(null);
    setError(null);
    setFile(null);
    await runBusy(async () => {
      const data = await fileToBase64(f);
      const outcome = await job.run('handbook.import', { dataBase64: data, dryRun: true }, `正在检查「${f.name}」`);
      setFile({ name: f.name, data });
      setPreview(outcome);
    });
    return false;
  };

  const confirm = async () => {
    if (!file) return;
    await runBusy(async () => {
      const outcome = await job.run('handbook.import', { dataBase64: file.data, dryRun: false }, `正在导入「${file.name}」`);
      message.success(outcome.message);
      setFile(null);
      setPreview(null);
      onImported();
    });
  };

  return (
    <Card title="导入修订后的手册包" variant="outlined">
      <JobProgress job={job.handle} />
      <Typography.Paragraph type="secondary">
        选择手册包（.zip 或 .json）后，善策先完整检查并列出与当前 {current} 版相比的变化，确认后才导入。有任何一处错误都不导入，当前手册保持不变。
      </Typography.Paragraph>
      <Upload.Dragger accept=".zip,.json,application/zip,application/json" showUploadList={false} beforeUpload={check} disabled={busy} aria-label="选择手册包">
        <p className="ant-upload-drag-icon">
          <InboxOutlined aria-hidden />
        </p>
        <p>点击或拖入手册包（.zip / .json）</p>
      </Upload.Dragger>
      {busy && !preview && <Spin tip="正在检查手册包…" style={{ display: 'block', marginTop: 12 }} />}
      {error !== null && (
        <div style={{ marginTop: 12 }}>
          <ErrorDetails title="手册包未导入" error={error} />
        </div>
      )}
      {preview && file && (
        <div style={{ marginTop: 12 }}>
          <Alert type={preview.unchanged ? 'info' : 'success'} showIcon title={`「${file.name}」：${preview.message}`} style={{ marginBottom: 12 }} />
          {!preview.unchanged && (
            <>
              <ChangesView outcome={preview} />
              <Space style={{ marginTop: 12 }}>
                <Button type="primary" icon={<CheckOutlined aria-hidden />} loading={busy} onClick={handle(confirm)}>
                  确认导入 {preview.version} 版
                </Button>
                <Button
                  onClick={() => {
                    setPreview(null);
                    setFile(null);
                  }}
                >
                  取消
                </Button>
              </Space>
            </>
          )}
        </div>
      )}
    </Card>
  );
}

/** 手册: the trainer's screen — the handbook in use, its history, importing a revision, exporting it. */
export function TrainerView() {
  const handle = useAsyncHandler();
  const { message } = App.useApp();
  const [hb, setHb] = useState<Handbook | null>(null);
  const [versions, setVersions] = useState<Versions>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [exporting, runExport] = useBusyAction();

  const load = useCallback(() => {
    Promise.all([api.call('handbook.get', {}), api.call('handbook.versions', {})])
      .then(([h, v]) => {
        setHb(h);
        setVersions(v.items);
        setLoadError(null);
      })
      .catch(setLoadError);
  }, []);
  useEffect(load, [load]);

  const exportPackage = () =>
    runExport(async () => {
      const r = await api.call('handbook.export', {});
      download(r.fileName, r.dataBase64, 'application/zip');
      message.success(`已导出手册 ${r.version} 版：${r.fileName}`);
    });

  if (loadError !== null) return <ErrorDetails title="无法读取手册" error={loadError} />;
  if (!hb) return <Spin tip="正在读取手册…" style={{ display: 'block', marginTop: 80 }} />;

  return (
    <div className="hb-trainer">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          项目策划手册
        </Typography.Title>
        <Button icon={<DownloadOutlined aria-hidden />} loading={exporting} onClick={handle(exportPackage)}>
          导出当前手册包
        </Button>
      </Space>
      {hb.warnings.length > 0 && (
        <Alert type="warning" showIcon title="手册有需要注意的地方" description={<Bullets items={hb.warnings} />} style={{ marginBottom: 16 }} data-testid="handbook-warnings" />
      )}
      <div className="hb-trainer-grid">
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card title="当前手册" variant="outlined">
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'title', label: '名称', children: hb.title },
                { key: 'version', label: '版本', children: <span data-testid="handbook-version">{hb.version} 版</span> },
                { key: 'date', label: '日期', children: hb.date },
                { key: 'source', label: '来自', children: SOURCE_LABEL[hb.source] },
                { key: 'steps', label: '步骤', children: hb.steps.map((s, i) => `${i + 1}. ${s.title}`).join('　') },
              ]}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              怎样修订手册、模板和培训样例，见程序目录中的 docs/handbook.md（《修订项目策划手册》）。修订后提高版本号并写明修订说明，再导出或导入手册包。
            </Typography.Paragraph>
          </Card>
          <ImportCard current={hb.version} onImported={load} />
          <TrainerPinCard />
        </Space>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card title="修订记录" variant="outlined">
            <Timeline
              items={hb.changelog.map((e) => ({
                key: e.version,
                content: (
                  <>
                    <Typography.Text strong>
                      {e.version} 版 · {e.date}
                    </Typography.Text>
                    <div>{e.summary}</div>
                  </>
                ),
              }))}
            />
          </Card>
          <Card title="本机用过的版本" variant="outlined">
            {versions.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有记录" />
            ) : (
              <Table
                size="small"
                rowKey={(v) => `${v.version}-${v.addedAt}`}
                pagination={false}
                dataSource={versions}
                columns={[
                  { title: '版本', dataIndex: 'version', render: (v: string, r) => (r.current ? <Space size={4}>{v}<Tag color="red">当前</Tag></Space> : v) },
                  { title: '日期', dataIndex: 'date' },
                  { title: '来自', dataIndex: 'source', render: (s: keyof typeof SOURCE_LABEL) => SOURCE_LABEL[s] },
                  { title: '首次使用', dataIndex: 'addedAt', render: (t: string) => dateTime(t) },
                ]}
              />
            )}
          </Card>
        </Space>
      </div>
    </div>
  );
}
