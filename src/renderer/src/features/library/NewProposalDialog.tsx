import { Alert, Form, Modal, Segmented, Select } from 'antd';
import { useState } from 'react';
import { DISTRICTS, FOCUS_AREAS, type FocusAreaId } from '../../../../shared/domain/catalog';
import type { Proposal } from '../../../../shared/domain/proposal';
import { api } from '../../api';
import { ImeInput } from '../../inputs/ImeInput';
import { errorText } from '../../util/errors';
import { TemplatePicker } from '../handbook/TemplatePicker';
import { useAsyncHandler } from '../../util/asyncHandler';
import { useBusyAction } from '../../util/busyAction';

type Mode = 'template' | 'blank';

/**
 * 新建项目: from a focus-area template of the handbook (recommended: the proposal starts with the
 * template's structure, placeholders and guidance) or as a blank project.
 */
export function NewProposalDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (p: Proposal) => void }) {
  const handle = useAsyncHandler();
  const [mode, setMode] = useState<Mode>('template');
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [focusArea, setFocusArea] = useState<FocusAreaId | null>(null);
  const [district, setDistrict] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Shown in the dialog's own Alert, beside the fields the user may have to change.
  const [busy, runBusy] = useBusyAction({ onError: (e) => setError(errorText(e)) });
  const [tried, setTried] = useState(false);

  const missing = mode === 'template' ? (templateId ? null : '请选择一个模板') : focusArea ? null : '请选择项目领域';
  const titleMissing = title.trim() === '';

  const reset = () => {
    setTemplateId(null);
    setTitle('');
    setFocusArea(null);
    setDistrict(null);
    setError(null);
    setTried(false);
  };

  const submit = async () => {
    setTried(true);
    if (missing || titleMissing) return;
    setError(null);
    await runBusy(async () => {
      const p =
        mode === 'template'
          ? await api.call('handbook.createFromTemplate', { templateId: templateId!, title: title.trim(), district: district ?? '' })
          : await api.call('proposal.create', { title: title.trim(), focusArea, district: district ?? '' });
      reset();
      onCreated(p);
    });
  };

  return (
    <Modal
      title="新建项目"
      open={open}
      onOk={handle(submit)}
      onCancel={onClose}
      okText="创建"
      cancelText="取消"
      confirmLoading={busy}
      width={mode === 'template' ? 1040 : 560}
      destroyOnHidden
      afterClose={reset}
    >
      <Segmented<Mode>
        value={mode}
        onChange={setMode}
        options={[
          { value: 'template', label: '从领域模板开始（推荐）' },
          { value: 'blank', label: '空白项目' },
        ]}
        style={{ marginBottom: 12 }}
      />
      {mode === 'template' && <TemplatePicker value={templateId} onChange={setTemplateId} />}
      <Form layout="vertical" requiredMark="optional" component="div" style={{ marginTop: 12 }}>
        <div style={{ display: 'grid', gridTemplateColumns: mode === 'template' ? '2fr 1fr' : '1fr', gap: '0 16px' }}>
          <Form.Item label="项目名称" required validateStatus={tried && titleMissing ? 'error' : undefined} help={tried && titleMissing ? '请填写项目名称' : undefined}>
            <ImeInput value={title} onCommit={setTitle} aria-label="项目名称" placeholder="地点 + 对象 + 做什么，例如：渝北区独居老人助餐计划" maxLength={200} showCount />
          </Form.Item>
          {mode === 'blank' && (
            <Form.Item label="项目领域" required validateStatus={tried && !focusArea ? 'error' : undefined} help={tried && !focusArea ? '请选择项目领域' : undefined}>
              <Select aria-label="项目领域" placeholder="请选择" value={focusArea} onChange={setFocusArea} options={FOCUS_AREAS.map((f) => ({ value: f.id, label: f.label }))} />
            </Form.Item>
          )}
          <Form.Item label="区县">
            <Select aria-label="区县" showSearch allowClear placeholder="请选择区县" value={district} onChange={(v) => setDistrict(v ?? null)} options={DISTRICTS.map((d) => ({ value: d, label: d }))} />
          </Form.Item>
        </div>
      </Form>
      {tried && mode === 'template' && missing && <Alert type="warning" showIcon title={missing} />}
      {error && <Alert type="error" showIcon role="alert" title={error} />}
    </Modal>
  );
}
