import { Alert, Empty, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../../shared/api/contract';
import type { DueItemOut } from '../../../../shared/api/methods/golive';
import { DISTRICTS } from '../../../../shared/domain/catalog';
import { api } from '../../api';
import { errorText } from '../../util/errors';
import { OriginNote } from '../stats/OriginNote';
import { proposalHref, RemoteTag } from '../sync/remoteLinks';
import { ClockTag, StateTag } from './dueTags';

/**
 * 披露日程: every live project's disclosures due within the window or overdue, for one district or the
 * whole federation (other districts' projects come with sync), most overdue first.
 */
export function DisclosureView() {
  const [within, setWithin] = useState(14);
  const [district, setDistrict] = useState<string | null>(null);
  const [data, setData] = useState<MethodOutput<'disclosure.due'> | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api
      // Every district's calendar comes from the federation server when connected (with a note when not).
      .call('disclosure.due', { withinDays: within, district, fromServer: true })
      .then((r) => live && (setData(r), setError(null)))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [within, district]);

  const overdue = data?.items.filter((i) => i.daysLeft < 0).length ?? 0;
  return (
    <div style={{ padding: 16, maxWidth: 1240, margin: '0 auto' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          披露日程
        </Typography.Title>
        <Space wrap>
          <Select<string | null>
            value={district}
            onChange={setDistrict}
            options={[{ value: null, label: '全部区县' }, ...DISTRICTS.map((d) => ({ value: d, label: d }))]}
            style={{ width: 160 }}
            aria-label="区县"
          />
          <span>
            列出 <InputNumber min={0} max={3660} value={within} onChange={(v) => setWithin(v ?? 14)} style={{ width: 80 }} aria-label="天数" /> 天内到期及已逾期
          </span>
        </Space>
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {data && <OriginNote origin={data.origin} testId="due-origin" />}
      {data && overdue > 0 && <Alert type="warning" showIcon title={`${overdue} 项披露已逾期。腾讯公益、广益联募等平台会限制长期未更新进展的机构。`} style={{ marginBottom: 12 }} />}
      <Table<DueItemOut>
        size="small"
        loading={data === null && error === null}
        rowKey={(i) => `${i.proposalId}:${i.clock}:${i.platform ?? ''}`}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={`${within} 天内没有到期或逾期的信息披露`} /> }}
        columns={[
          { title: '到期日', dataIndex: 'due', width: 110 },
          { title: '状态', key: 'state', width: 170, render: (_, i) => <StateTag item={i} /> },
          {
            title: '项目',
            key: 'title',
            render: (_, i) => {
              const remote = data?.notHere.includes(i.proposalId) ?? false;
              return (
                <>
                  <a href={proposalHref({ id: i.proposalId, remote })}>{i.title || '（未命名）'}</a>
                  {remote && <RemoteTag />}
                </>
              );
            },
          },
          { title: '区县', dataIndex: 'district', width: 90, render: (d: string) => d || '—' },
          { title: '依据', key: 'clock', width: 200, render: (_, i) => <ClockTag item={i} /> },
          { title: '要求', dataIndex: 'reason', ellipsis: true },
        ]}
      />
      {data && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          以 {data.today}（重庆时间）计。法定期限：募捐或项目期超过六个月的至少每三个月公开一次，结束后三个月内全面公开；平台规则来自各平台规则包。
        </Typography.Paragraph>
      )}
    </div>
  );
}
