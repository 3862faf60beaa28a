import { Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { DISTRICTS, FOCUS_AREAS, type FocusAreaId } from '../../../../shared/domain/catalog';
import type { Proposal } from '../../../../shared/domain/proposal';
import { api } from '../../api';
import { errorText } from '../../util/errors';

interface Values {
  title: string;
  focusArea: FocusAreaId;
  district?: string;
}

export function NewProposalDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (p: Proposal) => void }) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const p = await api.call('proposal.create', { title: values.title, focusArea: values.focusArea, district: values.district ?? '' });
      form.resetFields();
      onCreated(p);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title="新建项目" open={open} onOk={submit} onCancel={onClose} okText="创建" cancelText="取消" confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" requiredMark="optional" onFinish={submit}>
        <Form.Item name="title" label="项目名称" rules={[{ required: true, whitespace: true, message: '请填写项目名称' }]}>
          <Input placeholder="例如：渝北区独居老人助餐计划" maxLength={200} showCount autoFocus />
        </Form.Item>
        <Form.Item name="focusArea" label="项目领域" rules={[{ required: true, message: '请选择项目领域' }]}>
          <Select placeholder="请选择" options={FOCUS_AREAS.map((f) => ({ value: f.id, label: f.label }))} />
        </Form.Item>
        <Form.Item name="district" label="区县">
          <Select showSearch allowClear placeholder="请选择区县" options={DISTRICTS.map((d) => ({ value: d, label: d }))} />
        </Form.Item>
        {error && <div role="alert" style={{ color: '#cf1322' }}>{error}</div>}
      </Form>
    </Modal>
  );
}
