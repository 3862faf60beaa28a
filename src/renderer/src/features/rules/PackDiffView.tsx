import { Alert, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { IMPACT_CHANGE_LABELS, type ImpactReport, type ProposalImpact } from '../../../../shared/api/methods/rules';
import { SEVERITY_LABELS, type Severity } from '../../../../shared/rules/ruleBase';
import './rules.css';

const SEVERITY_COLORS: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'processing' };

const CHANGE_COLORS: Record<ProposalImpact['change'], string> = { newlyFailing: 'error', newlyPassing: 'success', changed: 'warning' };

type Section = ImpactReport['diff']['fields'];

function ChangeList({ title, section, empty }: { title: string; section: Section; empty: string }) {
  const none = section.added.length + section.removed.length + section.changed.length === 0;
  return (
    <Card size="small" title={title} className="rules-diff-card">
      {none ? (
        <Typography.Text type="secondary">{empty}</Typography.Text>
      ) : (
        <ul className="rules-diff-list">
          {section.added.map((x) => (
            <li key={`a-${x.id}`}>
              <Tag color="green">新增</Tag>「{x.label}」
            </li>
          ))}
          {section.removed.map((x) => (
            <li key={`r-${x.id}`}>
              <Tag color="red">删除</Tag>「{x.label}」
            </li>
          ))}
          {section.changed.map((x) => (
            <li key={`c-${x.id}`}>
              <Tag color="blue">修改</Tag>「{x.label}」
              <ul>
                {x.changes.map((c, i) => (
                  <li key={i}>{c}</li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function RuleChanges({ rules }: { rules: ImpactReport['diff']['rules'] }) {
  const none = rules.added.length + rules.removed.length + rules.changed.length === 0;
  return (
    <Card size="small" title="规则" className="rules-diff-card">
      {none ? (
        <Typography.Text type="secondary">规则没有变化</Typography.Text>
      ) : (
        <ul className="rules-diff-list">
          {rules.added.map((r) => (
            <li key={`a-${r.id}`}>
              <Tag color="green">新增</Tag>
              <Tag color={SEVERITY_COLORS[r.severity]}>{SEVERITY_LABELS[r.severity]}</Tag>
              {r.message} <Typography.Text type="secondary">（{r.id}）</Typography.Text>
            </li>
          ))}
          {rules.removed.map((r) => (
            <li key={`r-${r.id}`}>
              <Tag color="red">删除</Tag>
              <Tag color={SEVERITY_COLORS[r.severity]}>{SEVERITY_LABELS[r.severity]}</Tag>
              {r.message} <Typography.Text type="secondary">（{r.id}）</Typography.Text>
            </li>
          ))}
          {rules.changed.map((r) => (
            <li key={`c-${r.id}`}>
              <Tag color="blue">修改</Tag>
              {r.message} <Typography.Text type="secondary">（{r.id}）</Typography.Text>
              <ul>
                {r.changes.map((c, i) => (
                  <li key={i}>{c}</li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function Responsible({ p }: { p: ProposalImpact }) {
  return (
    <ul className="rules-diff-list rules-diff-responsible">
      {p.nowFailing.map((r) => (
        <li key={`f-${r.ruleId}`}>
          <Typography.Text type="danger">新出现：</Typography.Text>
          {r.message}
        </li>
      ))}
      {p.nowPassing.map((r) => (
        <li key={`p-${r.ruleId}`}>
          <Typography.Text type="success">不再出现：</Typography.Text>
          {r.message}
        </li>
      ))}
    </ul>
  );
}

/** What changed between two versions of a pack, and which proposals in the library it changes. */
export function PackDiffView({ report }: { report: ImpactReport }) {
  const { diff, checked, proposals } = report;
  const failing = proposals.filter((p) => p.change === 'newlyFailing').length;
  const passing = proposals.filter((p) => p.change === 'newlyPassing').length;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        「{diff.name}」{diff.from.version} 版（{diff.from.effectiveDate} 生效）→ {diff.to.version} 版（{diff.to.effectiveDate} 生效）
      </Typography.Title>
      <RuleChanges rules={diff.rules} />
      <ChangeList title="字段与字数限制" section={diff.fields} empty="字段和字数限制没有变化" />
      <ChangeList title="图片规格" section={diff.images} empty="图片规格没有变化" />
      <Card size="small" title="受影响的项目" className="rules-diff-card">
        {checked === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="项目库中还没有以此平台为目标的项目。" />
        ) : proposals.length === 0 ? (
          <Alert type="success" showIcon title={`检查了项目库中的 ${checked} 个项目，结果都没有变化。`} />
        ) : (
          <>
            <Typography.Paragraph>
              检查了项目库中的 {checked} 个项目：{failing} 个变为不通过，{passing} 个变为通过
              {proposals.length - failing - passing > 0 ? `，${proposals.length - failing - passing} 个仍不通过但原因有变` : ''}。
            </Typography.Paragraph>
            <Table<ProposalImpact>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={proposals}
              columns={[
                {
                  title: '项目',
                  render: (_, p) => (
                    <Space orientation="vertical" size={0}>
                      <a href={`#/p/${p.id}`}>{p.title || '（未命名）'}</a>
                      {p.district && <Typography.Text type="secondary">{p.district}</Typography.Text>}
                    </Space>
                  ),
                },
                { title: '变化', width: 150, render: (_, p) => <Tag color={CHANGE_COLORS[p.change]}>{IMPACT_CHANGE_LABELS[p.change]}</Tag> },
                { title: '错误数', width: 90, render: (_, p) => `${p.before.errors} → ${p.after.errors}` },
                { title: '相关规则', render: (_, p) => <Responsible p={p} /> },
              ]}
            />
          </>
        )}
      </Card>
    </Space>
  );
}
