import { App, Button, Card, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { errorText } from '../../util/errors';

/**
 * Ask for the trainer PIN before showing reference fixes. Resolves the PIN when it is right; the
 * core checks it again on every 参考改法, so this prompt is a convenience, not the lock.
 */
export function TrainerPinPrompt({ onUnlock, onCancel }: { onUnlock: (pin: string) => void; onCancel: () => void }) {
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [pinSet, setPinSet] = useState<boolean | null>(null);
  // Mounted for each prompt, so it starts empty.
  useEffect(() => {
    api.call('workshop.trainer', { pin: null }).then(
      (r) => setPinSet(r.pinSet),
      (e) => setProblem(errorText(e)),
    );
  }, []);
  const check = async () => {
    try {
      const r = await api.call('workshop.trainer', { pin });
      if (r.pinOk) onUnlock(pin);
      else setProblem('口令不对');
    } catch (e) {
      setProblem(errorText(e));
    }
  };
  return (
    <Modal open title="培训老师模式" okText="确定" cancelText="取消" onOk={() => void check()} onCancel={onCancel} okButtonProps={{ disabled: pinSet === false || pin === '' }} destroyOnHidden>
      {pinSet === false ? (
        <Typography.Paragraph>这台电脑还没有设置培训老师口令，参考改法不对学员开放。请培训老师在顶部「手册」页面设置口令。</Typography.Paragraph>
      ) : (
        <>
          <Typography.Paragraph>参考改法只给培训老师看。请输入培训老师口令：</Typography.Paragraph>
          <Input.Password value={pin} onChange={(e) => setPin(e.target.value)} onPressEnter={() => void check()} aria-label="培训老师口令" maxLength={8} autoFocus />
        </>
      )}
      {problem && <Typography.Text type="danger">{problem}</Typography.Text>}
    </Modal>
  );
}

/** 培训老师口令 on the 手册 screen: set it once per computer, change it with the current one. */
export function TrainerPinCard() {
  const { message } = App.useApp();
  const [pinSet, setPinSet] = useState<boolean | null>(null);
  const [form] = Form.useForm<{ current?: string; pin: string }>();
  useEffect(() => {
    api.call('workshop.trainer', { pin: null }).then(
      (r) => setPinSet(r.pinSet),
      () => setPinSet(null),
    );
  }, []);
  const save = async ({ current, pin }: { current?: string; pin: string }) => {
    try {
      await api.call('workshop.setPin', { pin, current: current ?? null });
      setPinSet(true);
      form.resetFields();
      message.success('已设置培训老师口令');
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Card title="培训老师口令" variant="outlined">
      <Typography.Paragraph type="secondary">
        培训模式中练习样例的“参考改法”只在输入这个口令后显示，学员看不到。口令只保存在这台电脑上（加密存储）。{pinSet === false && '目前尚未设置。'}
      </Typography.Paragraph>
      <Form form={form} layout="inline" onFinish={(v) => void save(v)}>
        {pinSet && (
          <Form.Item name="current" rules={[{ required: true, message: '请输入当前口令' }]}>
            <Input.Password placeholder="当前口令" aria-label="当前培训老师口令" maxLength={8} />
          </Form.Item>
        )}
        <Form.Item name="pin" rules={[{ required: true, pattern: /^\d{4,8}$/, message: '4～8 位数字' }]}>
          <Input.Password placeholder={pinSet ? '新口令（4～8 位数字）' : '口令（4～8 位数字）'} aria-label="新的培训老师口令" maxLength={8} />
        </Form.Item>
        <Button htmlType="submit">{pinSet ? '修改口令' : '设置口令'}</Button>
      </Form>
    </Card>
  );
}
