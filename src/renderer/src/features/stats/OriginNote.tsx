import { Alert, Tag } from 'antd';
import type { Origin } from '../../../../shared/api/methods/serverOrigin';

/**
 * Where a federation-wide screen's figures came from: a tag when the federation server answered, a
 * visible warning (未连接总会服务器，以下为本机数据 …) when the desk shows its own library instead.
 */
export function OriginNote({ origin, testId }: { origin: Origin | undefined; testId: string }) {
  if (!origin) return null;
  if (origin.source === 'server') {
    return (
      <Tag color="blue" data-testid={testId}>
        总会服务器数据
      </Tag>
    );
  }
  if (!origin.note) return null;
  return <Alert type="warning" showIcon title={origin.note} data-testid={testId} style={{ marginBottom: 12 }} />;
}
