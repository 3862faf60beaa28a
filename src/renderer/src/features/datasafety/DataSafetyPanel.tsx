import { CloudDownloadOutlined, DatabaseOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, InputNumber, Space, Switch, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { MethodOutput } from '../../../../shared/api/contract';
import type { BackupInfoWire } from '../../../../shared/api/methods/library';
import { api } from '../../api';
import { errorText } from '../../util/errors';
import { dateTime } from '../../util/format';
import { JobProgress, useJob } from '../../util/JobProgress';
import { useBusyKey } from '../../util/busyAction';
import { useLibraryHealth } from './health';
import { useReadableExport } from './readableExport';
import { clearRestoredNotice, confirmRestore, readRestoredNotice, restoredNotice } from './restore';
import './datasafety.css';

type Health = MethodOutput<'library.health'>;
type Check = MethodOutput<'library.check'>;

/** 12.3 MB, 456 KB: what a user compares between backups. */
export function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * 设置 → 数据安全: the library's backups (take one now, restore one, how many to keep, daily or
 * not), the full integrity check, and, for a damaged library, export of what is still readable.
 */
export function DataSafetyPanel() {
  const { message, modal } = App.useApp();
  const { health, reload } = useLibraryHealth();
  const job = useJob();
  const [check, setCheck] = useState<Check | null>(null);
  const [busy, runBusy] = useBusyKey<'backup' | 'check'>();
  const readable = useReadableExport();
  const [notice] = useState(readRestoredNotice);
  useEffect(clearRestoredNotice, []);

  // The health line is read again after either job, failed or not.
  const runJob = (what: 'backup' | 'check', work: () => Promise<void>) =>
    runBusy(what, async () => {
      try {
        await work();
      } finally {
        reload();
      }
    });

  const backupNow = () =>
    runJob('backup', async () => {
      const b = await job.run('library.backup', {}, '正在备份项目库');
      message.success(`已备份：${b.fileName}（${fileSize(b.bytes)}）`);
    });

  const fullCheck = () =>
    runJob('check', async () => {
      setCheck(null);
      setCheck(await job.run('library.check', {}, '正在进行完整性检查'));
    });

  const restore = (b: BackupInfoWire) => confirmRestore(modal, b, (e) => void message.error(errorText(e)));

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} className="data-safety">
      <JobProgress job={job.handle} />
      <JobProgress job={readable.handle} />
      {notice && <Alert type="success" showIcon title={restoredNotice(notice)} data-testid="restored-notice" closable />}
      {health?.readOnly && (
        <Alert
          type="error"
          showIcon
          title="项目库已损坏，当前为只读"
          description={health.notice}
          action={
            <Button danger icon={<CloudDownloadOutlined aria-hidden />} loading={readable.busy} onClick={() => void readable.exportReadable()}>
              导出可读内容
            </Button>
          }
        />
      )}
      <Card
        title={
          <span>
            <DatabaseOutlined aria-hidden /> 备份
          </span>
        }
        extra={
          <Button type="primary" loading={busy === 'backup'} disabled={busy !== null} onClick={() => void backupNow()}>
            立即备份
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">
          备份是项目库在某一时刻的完整副本（含图片），保存在项目库旁边的文件夹：<Typography.Text code>{health?.backupDir ?? '…'}</Typography.Text>。恢复时，当前项目库会先另存为一份备份，不会丢失。
        </Typography.Paragraph>
        <Table
          size="small"
          rowKey="fileName"
          aria-label="备份列表"
          pagination={false}
          scroll={{ y: 260 }}
          loading={health === null}
          dataSource={health?.backups ?? []}
          locale={{ emptyText: '还没有备份。点「立即备份」创建第一份。' }}
          columns={[
            { title: '备份时间', render: (_, b) => dateTime(b.createdAt), width: 180 },
            { title: '大小', render: (_, b) => fileSize(b.bytes), width: 110 },
            { title: '文件名', dataIndex: 'fileName', ellipsis: true },
            {
              title: '操作',
              width: 130,
              render: (_, b) => (
                <Button size="small" disabled={busy !== null} onClick={() => restore(b)} aria-label={`从 ${dateTime(b.createdAt)} 的备份恢复`}>
                  从此备份恢复
                </Button>
              ),
            },
          ]}
        />
        <BackupSettings />
      </Card>
      <Card
        title={
          <span>
            <SafetyCertificateOutlined aria-hidden /> 完整性检查
          </span>
        }
        extra={
          <Button loading={busy === 'check'} disabled={busy !== null} onClick={() => void fullCheck()}>
            开始完整性检查
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">逐页检查项目库文件是否完好（每次打开时已做快速检查）。项目很多时需要一些时间。</Typography.Paragraph>
        {check && <CheckResult check={check} health={health} />}
      </Card>
    </Space>
  );
}

function CheckResult({ check, health }: { check: Check; health: Health | null }) {
  if (check.ok) return <Alert type="success" showIcon data-testid="check-result" title="完整性检查通过：项目库文件完好，没有发现问题。" />;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="check-result"
      title={`完整性检查发现 ${check.problems.length} 处问题：项目库文件已损坏。`}
      description={
        <>
          <Typography.Paragraph>
            请先「导出可读内容」保存仍能读取的项目，再从最近的备份恢复{health?.backups.length ? '' : '（目前没有备份）'}。以下为 SQLite 报告的原始信息，供技术人员排查：
          </Typography.Paragraph>
          <ul className="ds-problems">
            {check.problems.slice(0, 10).map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </>
      }
    />
  );
}

/**
 * How many backups to keep and whether one is taken daily. The count is applied with 保存 (a lower
 * count removes older backups at once, so not on every keystroke); the switch saves as it flips.
 */
function BackupSettings() {
  const { message } = App.useApp();
  const [settings, setSettings] = useState<MethodOutput<'library.backupSettings'> | null>(null);
  const [keep, setKeep] = useState<number | null>(null);

  useEffect(() => {
    api
      .call('library.backupSettings', {})
      .then((s) => (setSettings(s), setKeep(s.keep)))
      .catch((e: unknown) => message.error(errorText(e)));
  }, [message]);

  const save = useCallback(
    async (next: MethodOutput<'library.backupSettings'>) => {
      try {
        const saved = await api.call('library.setBackupSettings', next);
        setSettings(saved);
        setKeep(saved.keep);
        message.success(`备份设置已保存：保留最近 ${saved.keep} 份，${saved.daily ? '每天自动备份' : '不自动备份'}`);
      } catch (e) {
        message.error(errorText(e));
      }
    },
    [message],
  );

  if (!settings) return null;
  return (
    <Space wrap size={24} className="ds-settings">
      <Space size={6}>
        <span>保留最近</span>
        <InputNumber min={1} max={100} precision={0} value={keep} aria-label="保留备份份数" onChange={(v) => setKeep(typeof v === 'number' ? v : null)} style={{ width: 80 }} />
        <span>份备份（更早的自动删除）</span>
        <Button size="small" disabled={keep === null || keep === settings.keep} onClick={() => keep !== null && void save({ ...settings, keep })}>
          保存
        </Button>
      </Space>
      <Space size={6}>
        <Switch checked={settings.daily} aria-label="每天自动备份" onChange={(daily) => void save({ ...settings, daily })} />
        <span>每天自动备份（善策运行时）</span>
      </Space>
    </Space>
  );
}
