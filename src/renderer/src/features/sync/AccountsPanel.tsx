import { Alert, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography, message } from 'antd';
import { useEffect, useState } from 'react';
import type { MethodInput, MethodOutput } from '../../../../shared/api/contract';
import { DISTRICTS } from '../../../../shared/domain/catalog';
import { ROLES } from '../../../../shared/federation/contract';
import { api } from '../../api';
import { useBusyAction } from '../../util/busyAction';
import { errorText } from '../../util/errors';
import { dateTime } from '../../util/format';

type Account = MethodOutput<'sync.accounts'>['accounts'][number];

type NewAccount = MethodInput<'sync.addAccount'>;

const roleLabel = (id: string) => ROLES.find((r) => r.id === id)?.label ?? id;

/** Add an account: the server checks the name, district, role and password and says what is wrong. */
function AddAccount({ onAdded }: { onAdded(): void }) {
  const [form] = Form.useForm<NewAccount>();
  const [error, setError] = useState<string | null>(null);
  const [busy, runBusy] = useBusyAction({ onError: (e) => setError(errorText(e)) });
  const add = (values: NewAccount) => {
    setError(null);
    return runBusy(async () => {
      await api.call('sync.addAccount', values);
      message.success(`已添加账号「${values.name}」`);
      form.resetFields();
      onAdded();
    });
  };
  return (
    <Form<NewAccount> form={form} layout="inline" onFinish={(v) => void add(v)} disabled={busy} className="accounts-add" initialValues={{ role: 'drafter' }}>
      <Form.Item name="name" rules={[{ required: true, message: '请填写用户名' }]}>
        <Input placeholder="用户名" aria-label="新账号用户名" autoComplete="off" style={{ width: 140 }} />
      </Form.Item>
      <Form.Item name="district" rules={[{ required: true, message: '请选择区县' }]}>
        <Select placeholder="区县" aria-label="新账号区县" showSearch style={{ width: 190 }} options={DISTRICTS.map((d) => ({ value: d, label: d }))} />
      </Form.Item>
      <Form.Item name="role" rules={[{ required: true, message: '请选择角色' }]}>
        <Select aria-label="新账号角色" style={{ width: 130 }} options={ROLES.map((r) => ({ value: r.id, label: r.label }))} />
      </Form.Item>
      <Form.Item name="password" rules={[{ required: true, message: '请填写初始密码' }, { min: 8, message: '密码至少 8 个字符' }]}>
        <Input.Password placeholder="初始密码（至少 8 个字符）" aria-label="新账号初始密码" autoComplete="new-password" style={{ width: 210 }} />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          添加账号
        </Button>
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} style={{ width: '100%', marginTop: 8 }} data-testid="accounts-error" />}
    </Form>
  );
}

/**
 * 设置 → 总会服务器 → 账号管理, shown only to an administrator: the server's accounts, add one,
 * disable or enable one, set a new password. The server decides and audits; this only asks.
 */
export function AccountsPanel({ me }: { me: string }) {
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [resetFor, setResetFor] = useState<string | null>(null);
  const [newPassword, setNewPassword] = useState('');
  const [resetError, setResetError] = useState<string | null>(null);

  // Bumped after every change, to read the list again.
  const [version, setVersion] = useState(0);
  const load = () => setVersion((v) => v + 1);
  useEffect(() => {
    let live = true;
    api
      .call('sync.accounts', {})
      .then((r) => {
        if (!live) return;
        setAccounts(r.accounts);
        setError(null);
      })
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [version]);

  const toggle = async (a: Account) => {
    try {
      await api.call('sync.setAccountDisabled', { name: a.name, disabled: !a.disabled });
      message.success(a.disabled ? `已启用「${a.name}」` : `已停用「${a.name}」，其登录已失效`);
      load();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const reset = async () => {
    if (!resetFor) return;
    try {
      await api.call('sync.resetAccountPassword', { name: resetFor, password: newPassword });
      message.success(`已重设「${resetFor}」的密码，请把新密码当面或电话告知本人`);
      setResetFor(null);
    } catch (e) {
      setResetError(errorText(e));
    }
  };

  return (
    <Card title="账号管理" size="small" data-testid="accounts-panel">
      <Typography.Paragraph type="secondary">总会服务器上的账号。停用的账号不能登录，已登录的电脑需要重新登录；所有操作都记录在服务器的审计日志中。</Typography.Paragraph>
      <AddAccount onAdded={load} />
      {error && <Alert type="error" showIcon title={error} style={{ margin: '8px 0' }} />}
      <Table<Account>
        size="small"
        rowKey="name"
        loading={accounts === null && !error}
        dataSource={accounts ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        style={{ marginTop: 12 }}
        columns={[
          { title: '用户名', dataIndex: 'name' },
          { title: '区县', dataIndex: 'district' },
          { title: '角色', dataIndex: 'role', render: (r: string) => roleLabel(r) },
          { title: '状态', dataIndex: 'disabled', render: (d: boolean) => (d ? <Tag color="red">已停用</Tag> : <Tag color="green">启用</Tag>) },
          { title: '最近同步', dataIndex: 'lastSyncAt', render: (at: string | null) => (at ? dateTime(at) : '—') },
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, a: Account) => (
              <Space size={4}>
                <Button size="small" onClick={() => void toggle(a)} disabled={a.name === me && !a.disabled} aria-label={`${a.disabled ? '启用' : '停用'} ${a.name}`}>
                  {a.disabled ? '启用' : '停用'}
                </Button>
                <Button
                  size="small"
                  onClick={() => {
                    setResetFor(a.name);
                    setNewPassword('');
                    setResetError(null);
                  }}
                  aria-label={`重设 ${a.name} 的密码`}
                >
                  重设密码
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal title={`重设「${resetFor ?? ''}」的密码`} open={resetFor !== null} onOk={() => void reset()} onCancel={() => setResetFor(null)} okText="重设" cancelText="取消">
        <Input.Password value={newPassword} onChange={(e) => setNewPassword(e.target.value)} placeholder="新密码（至少 8 个字符）" aria-label="新密码" autoComplete="new-password" />
        {resetError && <Alert type="error" showIcon title={resetError} style={{ marginTop: 8 }} />}
      </Modal>
    </Card>
  );
}
