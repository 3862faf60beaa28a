import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Radio, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { BundleConflict, ConflictResolution } from '../../../../shared/api/methods/bundles';
import { api } from '../../api';
import { errorText } from '../../util/errors';
import { fileToBase64 } from '../../util/files';
import { dateTime } from '../../util/format';

interface Inspected {
  fileName: string;
  data: string;
  proposals: { id: string; title: string; district: string }[];
  conflicts: BundleConflict[];
}

const CHOICES: { value: ConflictResolution; label: string }[] = [
  { value: 'keepBoth', label: '保留两份' },
  { value: 'replace', label: '替换为导入的版本' },
  { value: 'skip', label: '跳过' },
];

function Age({ conflict: c }: { conflict: BundleConflict }) {
  if (c.incomingIsNewer) return <Typography.Text type="success">（较新）</Typography.Text>;
  if (Date.parse(c.incomingUpdatedAt) === Date.parse(c.existingUpdatedAt)) return <Typography.Text type="secondary">（与库中相同）</Typography.Text>;
  return <Typography.Text type="warning">（较旧）</Typography.Text>;
}

/**
 * Import a .shance bundle: read and check it first, then ask about every id already in the library
 * (the import never overwrites silently), then write it all at once.
 */
export function ImportDialog({ open, onClose, onImported }: { open: boolean; onClose: () => void; onImported: () => void }) {
  const { message } = App.useApp();
  const [inspected, setInspected] = useState<Inspected | null>(null);
  const [choices, setChoices] = useState<Record<string, ConflictResolution>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const reset = () => {
    setInspected(null);
    setChoices({});
    setError(null);
  };

  const pick = async (file: File) => {
    reset();
    setBusy(true);
    try {
      const data = await fileToBase64(file);
      const res = await api.call('bundle.inspect', { dataBase64: data });
      setInspected({ fileName: file.name, data, ...res });
    } catch (e) {
      setError(`无法导入「${file.name}」：${errorText(e)}`);
    } finally {
      setBusy(false);
    }
    return false;
  };

  const unanswered = inspected?.conflicts.filter((c) => !choices[c.id]).length ?? 0;

  const run = async () => {
    if (!inspected) return;
    setBusy(true);
    try {
      const r = await api.call('bundle.import', { dataBase64: inspected.data, resolutions: choices });
      message.success(
        `导入完成：新增 ${r.added.length} 个，替换 ${r.replaced.length} 个，保留副本 ${r.copied.length} 个，跳过 ${r.skipped.length} 个`,
      );
      reset();
      onImported();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const setAll = (choice: ConflictResolution) =>
    setChoices(Object.fromEntries((inspected?.conflicts ?? []).map((c) => [c.id, choice])));

  return (
    <Modal
      title="导入交换包"
      open={open}
      width={760}
      onCancel={() => {
        reset();
        onClose();
      }}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={() => (reset(), onClose())}>
          取消
        </Button>,
        <Button key="ok" type="primary" disabled={!inspected || unanswered > 0} loading={busy} onClick={run}>
          {inspected ? `导入 ${inspected.proposals.length} 个项目` : '导入'}
        </Button>,
      ]}
    >
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Upload.Dragger accept=".shance,application/zip" showUploadList={false} beforeUpload={pick} disabled={busy} aria-label="选择交换包文件">
          <p className="ant-upload-drag-icon">
            <InboxOutlined aria-hidden />
          </p>
          <p>点击或拖入 .shance 交换包</p>
          <p style={{ color: '#888' }}>由善策“导出”生成，可来自区县或总会。导入要么全部成功，要么不写入任何内容。</p>
        </Upload.Dragger>
        {error && <Alert type="error" showIcon title={error} />}
        {inspected && (
          <>
            <Typography.Text>
              「{inspected.fileName}」包含 {inspected.proposals.length} 个项目
              {inspected.conflicts.length > 0 ? `，其中 ${inspected.conflicts.length} 个已在项目库中，请逐一选择如何处理：` : '，均为新项目。'}
            </Typography.Text>
            {inspected.conflicts.length > 0 && (
              <>
                <Space>
                  全部：
                  {CHOICES.map((c) => (
                    <Button key={c.value} size="small" onClick={() => setAll(c.value)}>
                      {c.label}
                    </Button>
                  ))}
                </Space>
                <Table<BundleConflict>
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={inspected.conflicts}
                  columns={[
                    { title: '项目', render: (_, c) => c.incomingTitle || '（未命名）' },
                    { title: '库中版本', render: (_, c) => dateTime(c.existingUpdatedAt) },
                    {
                      title: '导入版本',
                      render: (_, c) => (
                        <span>
                          {dateTime(c.incomingUpdatedAt)} <Age conflict={c} />
                        </span>
                      ),
                    },
                    {
                      title: '处理方式',
                      render: (_, c) => (
                        <Radio.Group
                          size="small"
                          value={choices[c.id]}
                          onChange={(e) => setChoices((prev) => ({ ...prev, [c.id]: e.target.value as ConflictResolution }))}
                          options={CHOICES}
                        />
                      ),
                    },
                  ]}
                />
                {unanswered > 0 && <Typography.Text type="secondary">还有 {unanswered} 个项目未选择处理方式。替换时，库中原有内容会保留在历史版本里。</Typography.Text>}
              </>
            )}
          </>
        )}
      </Space>
    </Modal>
  );
}
