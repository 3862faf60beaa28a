import { Alert, Button, Card, Descriptions, Form, Input, List, Progress, Space, Tabs, Typography, message } from 'antd';
import { useEffect, useState } from 'react';
import type { SyncStatus } from '../../../../shared/api/methods/sync';
import { api } from '../../api';
import { useBusyAction } from '../../util/busyAction';
import { errorText } from '../../util/errors';
import { dateTime } from '../../util/format';
import { AccountsPanel } from './AccountsPanel';
import { syncLabel } from './SyncIndicator';
import { updateSyncStatus, useSyncStatus } from './syncStatus';
import './sync.css';
import { DataSafetyPanel } from '../datasafety/DataSafetyPanel';
import { ReviewDeskSettings } from '../review/ReviewDeskSettings';

interface LoginForm {
  server: string;
  user: string;
  password: string;
}

/** The first sync's bar: the upload counts to a known total; the download only knows what has arrived. */
function SyncProgress({ s }: { s: SyncStatus }) {
  const p = s.progress;
  if (s.state !== 'syncing' || !p) return null;
  const percent = p.phase === 'upload' ? (p.total ? Math.round((p.done / p.total) * 50) : 50) : Math.min(95, 50 + Math.round(Math.sqrt(p.done) * 3));
  const text = p.phase === 'upload' ? `正在上传本区县的项目：${p.done} / ${p.total ?? '?'}` : `正在下载：已收到 ${p.done} 个项目`;
  return (
    <div data-testid="sync-progress">
      <Progress percent={percent} status="active" aria-label="同步进度" />
      <Typography.Text type="secondary">{text}</Typography.Text>
    </div>
  );
}

/**
 * A login the server refused (account disabled, session expired) or a sync that failed makes the last
 * success history, not the current state: the warning above says how things stand, 上次同步 keeps its time,
 * and a green box under it would say the opposite.
 */
function lastResultStillCurrent(s: SyncStatus): boolean {
  return s.state !== 'needsLogin' && s.state !== 'error';
}

function LastResult({ s }: { s: SyncStatus }) {
  const r = s.lastResult;
  if (!r || !lastResultStillCurrent(s)) return null;
  const lines = [
    `上传 ${r.uploaded} 个项目、${r.images} 张图片${r.deleted ? `，删除 ${r.deleted} 个` : ''}；下载本区县项目 ${r.downloaded} 个，其他区县已提交项目 ${r.remote} 个`,
    ...(r.conflicts ? [`${r.conflicts} 个项目在两台电脑上都改过：另一版本已保存在该项目的「历史版本」中`] : []),
    ...r.packs.map((p) => `收到总会发布的规则包 ${p.id} ${p.version} 版（${p.effectiveDate} 生效）`),
    ...r.handbooks.map((v) => `收到总会发布的手册 ${v} 版`),
  ];
  return (
    <Alert
      type={r.warnings.length ? 'warning' : 'success'}
      showIcon
      title={`上次同步完成于 ${dateTime(r.finishedAt)}`}
      description={
        // The finish time tells one sync's result from the next even when the words are the same.
        <ul className="sync-result" data-testid="sync-result" data-finished-at={r.finishedAt}>
          {[...lines, ...r.warnings.map((w) => `注意：${w}`)].map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      }
    />
  );
}

/** 设置 → 总会服务器: connect this desk to the federation server, and see how sync stands. */
export function ServerSettings() {
  const s = useSyncStatus();
  const [form] = Form.useForm<LoginForm>();
  const [loginError, setLoginError] = useState<string | null>(null);
  // A refused login is said under the form, where the user types the password again.
  const [busy, runBusy] = useBusyAction({ onError: (e) => setLoginError(errorText(e)) });
  // The form fills in the remembered server and user once the status has arrived.
  const knownServer = s?.server ?? null;
  const knownUser = s?.user ?? null;
  useEffect(() => {
    if (knownServer && !form.getFieldValue('server')) form.setFieldsValue({ server: knownServer, user: knownUser ?? '' });
  }, [form, knownServer, knownUser]);

  const connect = (values: LoginForm) => {
    setLoginError(null);
    return runBusy(async () => {
      updateSyncStatus(await api.call('sync.connect', values));
      form.setFieldValue('password', '');
      message.success('已登录总会服务器，正在同步');
    });
  };
  const act = async (method: 'sync.now' | 'sync.disconnect') => {
    try {
      updateSyncStatus(await api.call(method, {}));
    } catch (e) {
      message.error(errorText(e));
    }
  };

  const connected = s !== null && s.state !== 'unconfigured';
  return (
    <Space orientation="vertical" size={16} className="sync-settings" style={{ width: '100%' }}>
      {connected && s && (
        <Card title="同步状态" size="small">
          <Descriptions column={1} size="small">
            <Descriptions.Item label="状态">
              <span data-testid="sync-state-text">{syncLabel(s).text}</span>
            </Descriptions.Item>
            <Descriptions.Item label="服务器">{s.server}</Descriptions.Item>
            <Descriptions.Item label="用户">
              {s.user}（{s.district}）
            </Descriptions.Item>
            <Descriptions.Item label="上次同步">{s.lastSyncAt ? dateTime(s.lastSyncAt) : '尚未同步'}</Descriptions.Item>
            <Descriptions.Item label="待上传">{s.pending} 个项目</Descriptions.Item>
            <Descriptions.Item label="其他区县已提交项目">{s.remote} 个（只读，用于相似项目和同质化检查）</Descriptions.Item>
          </Descriptions>
          <SyncProgress s={s} />
          {s.lastError && s.state !== 'synced' && s.state !== 'pending' && s.state !== 'syncing' && (
            <Alert type={s.state === 'offline' ? 'info' : 'warning'} showIcon title={s.lastError} style={{ margin: '8px 0' }} />
          )}
          {s.rejected.length > 0 && (
            <List
              size="small"
              header={<Typography.Text strong>服务器未接受的项目（修改后会再次上传）</Typography.Text>}
              dataSource={s.rejected}
              renderItem={(r) => (
                <List.Item>
                  <a href={`#/p/${r.id}`}>{r.title || '（未命名）'}</a>：{r.reason}
                </List.Item>
              )}
            />
          )}
          <Space style={{ marginTop: 8 }}>
            <Button type="primary" onClick={() => void act('sync.now')} disabled={s.state === 'syncing' || s.state === 'needsLogin'}>
              立即同步
            </Button>
            <Button onClick={() => void act('sync.disconnect')}>退出登录</Button>
          </Space>
        </Card>
      )}
      {s && <LastResult s={s} />}
      {connected && s?.role === 'admin' && s.state !== 'needsLogin' && s.user && <AccountsPanel me={s.user} />}
      <Card title={connected ? '重新登录或更换服务器' : '连接总会服务器'} size="small">
        <Typography.Paragraph type="secondary">
          连接后，本区县的项目会自动上传到总会，其他区县已提交的项目会下载到本机（只读），用于相似项目提示和同质化检查；总会发布的规则包和手册也会自动更新。不联网时照常使用，项目始终保存在本机。
        </Typography.Paragraph>
        <Form<LoginForm>
          form={form}
          layout="vertical"
          initialValues={{ server: '', user: '', password: '' }}
          onFinish={(v) => void connect(v)}
          disabled={busy}
        >
          <Form.Item label="服务器地址" name="server" rules={[{ required: true, message: '请填写总会服务器地址' }]}>
            <Input placeholder="http://192.168.1.10:8787" autoComplete="url" />
          </Form.Item>
          <Form.Item label="用户名" name="user" rules={[{ required: true, message: '请填写用户名' }]}>
            <Input autoComplete="username" />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请填写密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {loginError && <Alert type="error" showIcon title={loginError} style={{ marginBottom: 12 }} data-testid="sync-login-error" />}
          <Button type="primary" htmlType="submit" loading={busy}>
            登录并同步
          </Button>
        </Form>
      </Card>
    </Space>
  );
}

/** 设置: one tab per kind of setting; 总会服务器 is the first. */
export function SettingsView({ params }: { params: URLSearchParams }) {
  return (
    <div>
      <Typography.Title level={3}>设置</Typography.Title>
      <Tabs
        defaultActiveKey={params.get('tab') ?? 'server'}
        items={[
          { key: 'server', label: '总会服务器', children: <ServerSettings /> },
          { key: 'data', label: '数据安全', children: <DataSafetyPanel /> },
          { key: 'reviewDesk', label: '审核台', children: <ReviewDeskSettings /> },
        ]}
      />
    </div>
  );
}
