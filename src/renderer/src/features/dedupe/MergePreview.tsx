import { Alert, Descriptions, Empty, Table, Typography } from 'antd';
import type { BudgetLine, Proposal } from '../../../../shared/domain/proposal';
import { focusAreaLabel } from '../../../../shared/domain/catalog';
import { yuan } from '../../util/format';

/** The structured parts of the brand project as merge.preview composes them. */
export function MergePreview({ brand, warnings, sources }: { brand: Proposal; warnings: string[]; sources: readonly Proposal[] }) {
  const titleOf = new Map(sources.map((p) => [p.id, p.title || '未命名']));
  const total = brand.budget.lines.reduce((n, l) => n + l.amountFen, 0);
  return (
    <div data-testid="merge-preview">
      {warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title="请核对"
          style={{ marginBottom: 12 }}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          }
        />
      )}
      <Descriptions size="small" column={1} bordered styles={{ label: { width: 112, whiteSpace: 'nowrap' } }}>
        <Descriptions.Item label="项目名称">{brand.title}</Descriptions.Item>
        <Descriptions.Item label="区县">{brand.district || '—'}</Descriptions.Item>
        <Descriptions.Item label="领域">{brand.focusArea ? focusAreaLabel(brand.focusArea) : '—'}</Descriptions.Item>
        <Descriptions.Item label="公募支持方">{brand.roles.fundraiser.name || <Typography.Text type="danger">未指定</Typography.Text>}</Descriptions.Item>
        <Descriptions.Item label="发起方">{brand.roles.initiator.name || '—'}</Descriptions.Item>
        <Descriptions.Item label="执行方">
          <ul className="merge-executors" aria-label="执行方" style={{ margin: 0, paddingLeft: 18 }}>
            {brand.roles.executors.map((e, i) => (
              <li key={i}>
                {e.name || <Typography.Text type="secondary">（名称未填）</Typography.Text>}
                {e.district && <Typography.Text type="secondary">（{e.district}）</Typography.Text>}
              </li>
            ))}
          </ul>
        </Descriptions.Item>
        <Descriptions.Item label="筹款目标">{brand.targetFen === null ? '—' : `${yuan(brand.targetFen)} 元（各来源之和）`}</Descriptions.Item>
        <Descriptions.Item label="执行周期">
          {brand.projectPeriod.start || brand.projectPeriod.end ? `${brand.projectPeriod.start ?? '—'} 至 ${brand.projectPeriod.end ?? '—'}` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label="执行计划节点">{brand.milestones.length > 0 ? `${brand.milestones.length} 个（按日期排列，标注区县）` : '—'}</Descriptions.Item>
        <Descriptions.Item label="图片">{brand.images.length > 0 ? `${brand.images.length} 张` : '—'}</Descriptions.Item>
      </Descriptions>

      <Typography.Title level={5} style={{ marginTop: 16 }}>
        受益人（同类合并，人数相加）
      </Typography.Title>
      {brand.beneficiaries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="来源项目都没有填写受益人" />
      ) : (
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={brand.beneficiaries}
          aria-label="合并后的受益人"
          columns={[
            { title: '类型', dataIndex: 'type' },
            { title: '人数', dataIndex: 'count', width: 80, align: 'right', render: (n: number | null) => n ?? '—' },
            { title: '地域', dataIndex: 'region' },
          ]}
        />
      )}

      <Typography.Title level={5} style={{ marginTop: 16 }}>
        预算（逐项保留，注明来源）
      </Typography.Title>
      {brand.budget.lines.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="来源项目都没有填写预算" />
      ) : (
        <Table<BudgetLine>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={brand.budget.lines}
          aria-label="合并后的预算"
          columns={[
            { title: '支出项目', dataIndex: 'item' },
            { title: '金额（元）', width: 110, align: 'right', render: (_, l) => yuan(l.amountFen) },
            {
              title: '来源',
              width: 150,
              render: (_, l) =>
                l.origin ? (
                  <span data-origin={l.origin.proposalId}>
                    {l.origin.district || '—'}
                    <br />
                    <Typography.Text type="secondary" ellipsis style={{ maxWidth: 140, fontSize: 12 }}>
                      {titleOf.get(l.origin.proposalId) ?? '更早的合并'}
                    </Typography.Text>
                  </span>
                ) : (
                  '—'
                ),
            },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {yuan(total)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} />
            </Table.Summary.Row>
          )}
        />
      )}
    </div>
  );
}
