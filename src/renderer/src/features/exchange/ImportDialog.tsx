import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { BundleConflict, BundleEntrySummary, ConflictResolution } from '../../../../shared/api/methods/bundles';
import { statusLabel } from '../../../../shared/domain/catalog';
import { errorText } from '../../util/errors';
import { fileToBase64 } from '../../util/files';
import { CANCELLED_TEXT, isCancelled, JobProgress, useJob } from '../../util/JobProgress';
import { ConflictCard, defaultChoice } from './ConflictCard';
import './exchange.css';
import { useAsyncHandler } from '../../util/asyncHandler';

interface Inspected {
  key: string;
  fileName: string;
  data: string;
  proposals: BundleEntrySummary[];
  conflicts: BundleConflict[];
}

type Choices = Record<string, ConflictResolution>;
/** A conflict's key: the same id may sit in two of the chosen bundles. */
const keyOf = (file: Inspected, id: string) => `${file.key}/${id}`;

const defaultsFor = (file: Inspected): Choices =>
  Object.fromEntries(file.conflicts.flatMap((c) => (defaultChoice(c) ? [[keyOf(file, c.id), defaultChoice(c)!]] : [])));

const resolutionsOf = (file: Inspected, choices: Choices): Choices =>
  Object.fromEntries(file.conflicts.flatMap((c) => (choices[keyOf(file, c.id)] ? [[c.id, choices[keyOf(file, c.id)]!]] : [])));

let picked = 0;

/**
 * Import one or more .shance bundles (a reviewer collects one from each district): read and check
 * each first and list the proposals inside, ask about every id already in the library (never
 * silently overwriting, and never proposing 替换 for what looks like another district's project),
 * then write each bundle all at once.
 */
/** Rows from which the table draws only what is visible (antd's virtual table drops the row roles). */
const VIRTUAL_FROM = 300;

export function ImportDialog({ open, onClose, onImported }: { open: boolean; onClose: () => void; onImported: () => void }) {
  const handle = useAsyncHandler();
  const { message } = App.useApp();
  const [files, setFiles] = useState<Inspected[]>([]);
  const [choices, setChoices] = useState<Choices>({});
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(0);
  // Reading and writing bundles runs off the UI thread, with a percentage and 取消.
  const job = useJob();

  const reset = () => {
    setFiles([]);
    setChoices({});
    setErrors([]);
  };

  const pick = async (file: File) => {
    setBusy((n) => n + 1);
    try {
      const data = await fileToBase64(file);
      const res = await job.run('bundle.inspect', { dataBase64: data }, `正在读取「${file.name}」`);
      picked += 1;
      const inspected: Inspected = { key: String(picked), fileName: file.name, data, ...res };
      setFiles((prev) => [...prev, inspected]);
      setChoices((prev) => ({ ...defaultsFor(inspected), ...prev }));
    } catch (e) {
      setErrors((prev) => [...prev, isCancelled(e) ? `「${file.name}」${CANCELLED_TEXT}` : `无法导入「${file.name}」：${errorText(e)}`]);
    } finally {
      setBusy((n) => n - 1);
    }
    return false;
  };

  const conflicts = files.flatMap((f) => f.conflicts.map((c) => ({ file: f, conflict: c })));
  const unanswered = conflicts.filter(({ file, conflict }) => !choices[keyOf(file, conflict.id)]).length;
  const total = files.reduce((n, f) => n + f.proposals.length, 0);

  const run = async () => {
    setBusy((n) => n + 1);
    const sums = { added: 0, replaced: 0, copied: 0, skipped: 0 };
    let left = files;
    try {
      for (const f of files) {
        const r = await job.run('bundle.import', { dataBase64: f.data, resolutions: resolutionsOf(f, choices) }, `正在导入「${f.fileName}」`);
        sums.added += r.added.length;
        sums.replaced += r.replaced.length;
        sums.copied += r.copied.length;
        sums.skipped += r.skipped.length;
        left = left.filter((x) => x !== f);
      }
      message.success(`导入完成：新增 ${sums.added} 个，替换 ${sums.replaced} 个，保留副本 ${sums.copied} 个，跳过 ${sums.skipped} 个`);
      reset();
      onImported();
    } catch (e) {
      // Each bundle is written whole or not at all; the ones already written leave the list.
      setFiles(left);
      setErrors([`「${left[0]?.fileName ?? ''}」未导入：${isCancelled(e) ? CANCELLED_TEXT : errorText(e)}`]);
    } finally {
      setBusy((n) => n - 1);
    }
  };

  const setAll = (choice: ConflictResolution) =>
    setChoices((prev) => ({
      ...prev,
      // 全部替换 leaves alone what looks like another project: that one is replaced only by its own choice.
      ...Object.fromEntries(conflicts.filter(({ conflict }) => choice !== 'replace' || !conflict.differentProject).map(({ file, conflict }) => [keyOf(file, conflict.id), choice])),
    }));
  const conflictIds = new Set(conflicts.map(({ file, conflict }) => keyOf(file, conflict.id)));
  const rows = files.flatMap((f) => f.proposals.map((p) => ({ ...p, file: f, key: keyOf(f, p.id) })));

  return (
    <Modal
      title="导入交换包"
      open={open}
      width={880}
      onCancel={() => {
        reset();
        onClose();
      }}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={() => (reset(), onClose())}>
          取消
        </Button>,
        <Button key="ok" type="primary" disabled={files.length === 0 || unanswered > 0} loading={busy > 0} onClick={handle(run)}>
          {files.length > 0 ? `导入 ${total} 个项目` : '导入'}
        </Button>,
      ]}
    >
      <JobProgress job={job.handle} />
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Upload.Dragger accept=".shance,application/zip" multiple showUploadList={false} beforeUpload={pick} disabled={busy > 0} aria-label="选择交换包文件">
          {files.length === 0 ? (
            <>
              <p className="ant-upload-drag-icon">
                <InboxOutlined aria-hidden />
              </p>
              <p>点击或拖入 .shance 交换包（可一次选择多个）</p>
              <p style={{ color: '#888' }}>由善策“导出”生成，可来自区县或总会。每个交换包要么全部导入，要么不写入任何内容。</p>
            </>
          ) : (
            <p style={{ margin: 0 }}>再添加交换包（点击或拖入）</p>
          )}
        </Upload.Dragger>
        {errors.map((e) => (
          <Alert key={e} type="error" showIcon title={e} />
        ))}
        {files.length > 0 && (
          <>
            <Typography.Text>
              {files.length === 1 ? `「${files[0]!.fileName}」` : `${files.length} 个交换包`}包含 {total} 个项目
              {conflicts.length > 0 ? `，其中 ${conflicts.length} 个已在项目库中，请逐一选择如何处理：` : '，均为新项目。'}
            </Typography.Text>
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              // Past a few hundred, only the visible rows are drawn: a bundle of thousands must not freeze
              // the window. Below that the table stays a real table, rows and all, for screen readers.
              virtual={rows.length > VIRTUAL_FROM}
              scroll={{ y: 220 }}
              aria-label="交换包中的项目"
              dataSource={rows}
              columns={[
                ...(files.length > 1 ? [{ title: '交换包', width: 170, ellipsis: true, render: (_: unknown, r: (typeof rows)[number]) => r.file.fileName }] : []),
                { title: '项目名称', ellipsis: { showTitle: true }, render: (_, r) => r.title || '（未命名）' },
                { title: '区县', width: 150, render: (_, r) => r.district || '—' },
                { title: '状态', width: 80, render: (_, r) => <Tag>{statusLabel(r.status)}</Tag> },
                { title: '库中', width: 96, render: (_, r) => (conflictIds.has(r.key) ? <Tag color="orange">编号已存在</Tag> : <Tag color="green">新项目</Tag>) },
              ]}
            />
            {conflicts.length > 0 && (
              <>
                <Space wrap>
                  全部：
                  <Button size="small" onClick={() => setAll('keepBoth')}>
                    保留两份
                  </Button>
                  <Button size="small" onClick={() => setAll('replace')}>
                    替换为导入的版本
                  </Button>
                  <Button size="small" onClick={() => setAll('skip')}>
                    跳过
                  </Button>
                </Space>
                {conflicts.map(({ file, conflict }) => (
                  <ConflictCard
                    key={keyOf(file, conflict.id)}
                    conflict={conflict}
                    value={choices[keyOf(file, conflict.id)]}
                    onChange={(v) => setChoices((prev) => ({ ...prev, [keyOf(file, conflict.id)]: v }))}
                  />
                ))}
                {unanswered > 0 && <Typography.Text type="secondary">还有 {unanswered} 个项目未选择处理方式。替换时，库中原有内容会保留在历史版本里。</Typography.Text>}
              </>
            )}
          </>
        )}
      </Space>
    </Modal>
  );
}
