import { Alert, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { ReviewQueueItem } from '../../../../shared/api/methods/review';
import { statusLabel } from '../../../../shared/domain/catalog';
import { api } from '../../api';
import { proposalHref } from '../sync/remoteLinks';
import { errorText } from '../../util/errors';

const waited = (ms: number) => (ms < 3_600_000 ? `${Math.max(1, Math.round(ms / 60_000))} 分钟` : ms < 86_400_000 ? `${(ms / 3_600_000).toFixed(1)} 小时` : `${Math.floor(ms / 86_400_000)} 天`);

/** 待我审核: submitted proposals, longest waiting first, with their check results and the closest similar project. */
export function ReviewQueueView() {
  const [items, setItems] = useState<ReviewQueueItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .call('review.queue', {})
      .then((r) => setItems(r.items))
      .catch((e) => setError(errorText(e)));
  }, []);
  return (
    <div>
      <Typography.Title level={3}>待我审核</Typography.Title>
      {error && <Alert type="error" showIcon title={error} />}
      <Table<ReviewQueueItem>
        rowKey="id"
        loading={items === null && !error}
        dataSource={items ?? []}
        pagination={false}
        locale={{ emptyText: '没有等待审核的项目' }}
        columns={[
          { title: '项目', dataIndex: 'title', render: (t: string, r) => <a href={proposalHref(r)}>{t || '（未命名）'}</a> },
          { title: '区县', dataIndex: 'district', width: 110 },
          { title: '状态', dataIndex: 'status', width: 90, render: (s: string) => <Tag>{statusLabel(s)}</Tag> },
          { title: '版本', dataIndex: 'revision', width: 70, render: (n: number | null) => (n ? `第 ${n} 版` : '—') },
          { title: '已等待', dataIndex: 'waitingMs', width: 90, render: waited },
          {
            title: '规则检查',
            width: 130,
            render: (_, r) => (r.errors ? <Tag color="red">{r.errors} 项错误</Tag> : r.warnings ? <Tag color="gold">{r.warnings} 项警告</Tag> : <Tag color="green">通过</Tag>),
          },
          {
            title: '相似项目',
            render: (_, r) =>
              r.similar ? (
                <Typography.Text type="warning">
                  与「{r.similar.title}」（{r.similar.district}）相似 {Math.round(r.similar.score * 100)}%
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary">无</Typography.Text>
              ),
          },
        ]}
      />
    </div>
  );
}
