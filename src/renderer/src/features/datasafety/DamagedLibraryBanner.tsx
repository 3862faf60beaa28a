import { Alert, Button, Space } from 'antd';
import { routeHash } from '../../router';
import { JobProgress } from '../../util/JobProgress';
import { useLibraryHealth } from './health';
import { useReadableExport } from './readableExport';
import './datasafety.css';

/** Above every screen while the library is open read-only because it is damaged: what to do now. */
export function DamagedLibraryBanner() {
  const { health } = useLibraryHealth();
  const readable = useReadableExport();
  if (!health?.readOnly) return null;
  return (
    <>
      <JobProgress job={readable.handle} />
      <Alert
        className="damaged-banner"
        type="error"
        showIcon
        banner
        role="alert"
        data-testid="damaged-banner"
        title="项目库已损坏，已以只读方式打开：可以查看，但不能保存修改。"
        description="请先导出仍能读取的全部内容，再从最近的备份恢复。"
        action={
          <Space orientation="vertical">
            <Button danger type="primary" loading={readable.busy} onClick={() => void readable.exportReadable()}>
              导出可读内容
            </Button>
            <Button href={routeHash({ name: 'view', key: 'settings', params: new URLSearchParams({ tab: 'data' }) })}>从备份恢复</Button>
          </Space>
        }
      />
    </>
  );
}
