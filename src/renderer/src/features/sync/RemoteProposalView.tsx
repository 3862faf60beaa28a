import { Alert, Card, Descriptions, Result, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../../shared/api/contract';
import { focusAreaLabel, SECTIONS, statusLabel } from '../../../../shared/domain/catalog';
import { api } from '../../api';
import { errorText } from '../../util/errors';
import { dateTime } from '../../util/format';
import { RemoteReview } from '../review/RemoteReview';

type Remote = MethodOutput<'sync.remoteProposal'>;

/** Another district's submitted proposal, as the federation server sent it: to read, not to edit. */
export function RemoteProposalView({ params }: { params: URLSearchParams }) {
  const id = params.get('id') ?? '';
  const [state, setState] = useState<{ id: string; value?: Remote; error?: string } | null>(null);
  useEffect(() => {
    let live = true;
    api
      .call('sync.remoteProposal', { id })
      .then((value) => live && setState({ id, value }))
      .catch((e) => live && setState({ id, error: errorText(e) }));
    return () => {
      live = false;
    };
  }, [id]);

  if (!state || state.id !== id) return <Spin style={{ display: 'block', marginTop: 80 }} size="large" />;
  if (!state.value) return <Result status="warning" title="无法打开该项目" subTitle={state.error} extra={<a href="#/">返回项目库</a>} />;
  const { proposal: p, district, by, at } = state.value;
  return (
    <div style={{ maxWidth: 900 }}>
      <Typography.Title level={3}>
        {p.title || '（未命名）'} <Tag color="blue">其他区县 · 只读</Tag>
      </Typography.Title>
      <Alert type="info" showIcon title={`这是${district}已提交到总会的项目，同步到本机供查重参考，不能在这里修改。`} style={{ marginBottom: 16 }} />
      <RemoteReview id={p.id} />
      <Descriptions size="small" column={2} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label="区县">{district}</Descriptions.Item>
        <Descriptions.Item label="状态">{statusLabel(p.status)}</Descriptions.Item>
        <Descriptions.Item label="领域">{p.focusArea ? focusAreaLabel(p.focusArea) : '—'}</Descriptions.Item>
        <Descriptions.Item label="提交">
          {by}，{dateTime(at)}
        </Descriptions.Item>
        <Descriptions.Item label="一句话简介" span={2}>
          {p.summary || '—'}
        </Descriptions.Item>
      </Descriptions>
      {SECTIONS.filter((s) => p.sections[s.id].text.trim()).map((s) => (
        <Card key={s.id} title={s.label} size="small" style={{ marginBottom: 12 }} data-section={s.id}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{p.sections[s.id].text}</Typography.Paragraph>
        </Card>
      ))}
    </div>
  );
}
