import { AuditOutlined, LockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Input, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ReviewState } from '../../../../shared/api/methods/review';
import { SECTIONS, sectionLabel, statusLabel, type SectionId } from '../../../../shared/domain/catalog';
import { reviewActionLabel, reviewRoleLabel, type ReviewActionId } from '../../../../shared/review/actions';
import { api } from '../../api';
import { useBusyAction } from '../../util/busyAction';
import { useEditorApi } from '../editor/EditorContext';
import { announceReviewChange, useReviewState } from './useReviewState';

const NEEDS_REASON: readonly ReviewActionId[] = ['return', 'reject'];
const DANGER: readonly ReviewActionId[] = ['reject'];

/** Who holds the pen, and for a locked proposal why and what to do, in the words of each status. */
function penText(s: ReviewState): string {
  switch (s.status) {
    case 'submitted':
      return s.actions.includes('withdraw') ? '已提交，等待总会审核，区县暂不能修改；如需修改请先「撤回提交」' : '已提交，等待总会审核，区县暂不能修改';
    case 'reviewing':
      return '总会审核中，区县暂不能修改；退回修改后才能修改';
    case 'approved':
      return '已通过并冻结，如需修改请发起变更';
    case 'live':
      return '已上线，通过的版本已冻结，如需修改请发起变更';
    case 'rejected':
      return '不予通过，文字不能再修改';
    case 'closed':
      return '已结束，文字不能再修改';
    default:
      return s.editable ? '区县编写中' : '文字不能修改';
  }
}

/** The reasons and sections of the last return, for the district that must answer them. */
function ReturnedReasons({ state }: { state: ReviewState }) {
  const last = [...state.log].reverse().find((e) => e.action === 'return' || e.action === 'reject');
  if (!last || (state.status !== 'returned' && state.status !== 'rejected')) return null;
  return (
    <Typography.Paragraph style={{ margin: '8px 0 0' }} data-testid="review-reasons">
      {reviewActionLabel(last.action)}理由：{last.reason}
      {last.sections.length > 0 && <>；需修改：{last.sections.map(sectionLabel).join('、')}</>}（{last.by}）
    </Typography.Paragraph>
  );
}

/** Above the form: where the proposal is on the review path, who holds the pen, and the steps this desk may take. */
export function ReviewNotice() {
  const { draft, source } = useEditorApi();
  if (source.kind !== 'library') return null;
  return <ReviewBar id={draft.id} />;
}

/** The review bar of one proposal: also shown on another district's read-only page on a reviewer's desk that syncs. */
export function ReviewBar({ id }: { id: string }) {
  const { message } = App.useApp();
  const { state, error } = useReviewState(id);
  const [asking, setAsking] = useState<ReviewActionId | null>(null);
  const [reason, setReason] = useState('');
  const [sections, setSections] = useState<SectionId[]>([]);
  const [busy, runBusy] = useBusyAction();
  if (error) return <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />;
  if (!state) return null;

  const act = (action: ReviewActionId) =>
    runBusy(async () => {
      await api.call('review.act', { id, action, reason, sections });
      message.success(`已${reviewActionLabel(action)}`);
      setAsking(null);
      setReason('');
      setSections([]);
      announceReviewChange(id);
    });

  return (
    <Alert
      type={state.editable ? 'info' : 'warning'}
      icon={state.editable ? <AuditOutlined aria-hidden /> : <LockOutlined aria-hidden />}
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="review-bar"
      title={
        <Space wrap>
          <span>审核状态：</span>
          <Tag color={state.editable ? 'blue' : 'orange'} data-testid="review-status">
            {statusLabel(state.status)}
          </Tag>
          <span data-testid="review-lock">{penText(state)}</span>
          {state.frozen && (
            <Typography.Text type="secondary" title={state.frozen.hash}>
              已通过版本：第 {state.frozen.n} 版（{state.frozen.hash.slice(0, 12)}…）
            </Typography.Text>
          )}
          <Typography.Text type="secondary">本机身份：{reviewRoleLabel(state.actor.role)} {state.actor.name}</Typography.Text>
        </Space>
      }
      description={<ReturnedReasons state={state} />}
      action={
        <Space wrap>
          {state.actions.map((a) => (
            <Button key={a} size="small" danger={DANGER.includes(a)} type={a === 'approve' || a === 'submit' ? 'primary' : 'default'} loading={busy && asking === null} onClick={() => (NEEDS_REASON.includes(a) ? setAsking(a) : void act(a))}>
              {reviewActionLabel(a)}
            </Button>
          ))}
          <Modal
            open={asking !== null}
            title={asking ? reviewActionLabel(asking) : ''}
            okText={asking ? `确认${reviewActionLabel(asking)}` : '确认'}
            cancelText="取消"
            confirmLoading={busy}
            onOk={() => asking && void act(asking)}
            onCancel={() => setAsking(null)}
          >
            <Typography.Paragraph>请写明理由（必填），区县会在项目上看到。</Typography.Paragraph>
            <Input.TextArea aria-label="理由" rows={4} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />
            {asking === 'return' && (
              <>
                <Typography.Paragraph style={{ marginTop: 12 }}>需要修改的章节：</Typography.Paragraph>
                <Checkbox.Group value={sections} onChange={(v) => setSections(v as SectionId[])} options={SECTIONS.map((s) => ({ value: s.id, label: s.label }))} />
              </>
            )}
          </Modal>
        </Space>
      }
    />
  );
}
