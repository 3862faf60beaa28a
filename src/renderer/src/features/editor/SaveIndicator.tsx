import { CheckCircleOutlined, ExclamationCircleOutlined, LoadingOutlined } from '@ant-design/icons';
import { Button, Space, Tooltip, Typography } from 'antd';
import { hhmm } from '../../util/format';
import type { SaveState } from './useAutosave';

export function SaveIndicator({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  if (state.status === 'error') {
    return (
      <Space role="status" aria-live="polite">
        <Tooltip title={state.error}>
          <Typography.Text type="danger">
            <ExclamationCircleOutlined aria-hidden /> 保存失败，内容仍在本页
          </Typography.Text>
        </Tooltip>
        <Button size="small" onClick={onRetry}>
          重试
        </Button>
      </Space>
    );
  }
  const text =
    state.status === 'saving' ? (
      <>
        <LoadingOutlined aria-hidden /> 保存中…
      </>
    ) : state.status === 'dirty' ? (
      '有未保存的修改'
    ) : state.savedAt ? (
      <>
        <CheckCircleOutlined aria-hidden /> 已保存 {hhmm(state.savedAt)}
      </>
    ) : (
      '已保存'
    );
  return (
    <Typography.Text type="secondary" role="status" aria-live="polite" data-testid="save-status">
      {text}
    </Typography.Text>
  );
}
