import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Empty, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { focusAreaLabel, statusLabel } from '../../../../shared/domain/catalog';
import { useEditorApi } from '../editor/EditorContext';
import { CompareDrawer, type ComparePair } from './CompareDrawer';
import { KindredTag, KindredWhy } from './KindredWhy';
import { percent, SimilarityTag } from './similarity';
import { requestSimilar, useSimilarProjects } from './useSimilarProjects';
import { proposalHref, RemoteTag } from '../sync/remoteLinks';
import './dedupe.css';

/** The tab's label, with the number of similar proposals once there are any. */
export function SimilarTabLabel() {
  const s = useSimilarProjects();
  const n = s?.data?.items.length ?? 0;
  return (
    <span data-testid="similar-tab">
      相似项目
      {n > 0 && <Badge count={n} size="small" style={{ marginInlineStart: 4 }} title={`${n} 个相似项目`} />}
    </span>
  );
}

/** 相似项目: the library proposals closest to the draft as it is being written. */
export function SimilarPanel() {
  const { draft } = useEditorApi();
  const s = useSimilarProjects();
  const [pair, setPair] = useState<ComparePair | null>(null);
  const result = s?.data ?? null;

  return (
    <div className="similar-panel" data-testid="similar-panel" aria-busy={s?.pending ?? true}>
      <Space style={{ width: '100%', justifyContent: 'space-between', margin: '4px 0 8px' }} align="start">
        <Typography.Text type="secondary">边写边与项目库比较正文，列出内容相近的项目（相似度达到 {percent(result?.threshold ?? 0.25)}）。</Typography.Text>
        <Button size="small" type="text" icon={<ReloadOutlined aria-hidden />} aria-label="重新检查相似项目" loading={s?.pending} onClick={() => requestSimilar(draft, true)} />
      </Space>
      {s?.error && <Alert type="warning" showIcon title="暂时无法检查相似项目" description={s.error} style={{ marginBottom: 8 }} />}
      <Typography.Title level={5} style={{ margin: '4px 0' }}>
        文字雷同
      </Typography.Title>
      {!result ? (
        <Spin size="small" tip="正在与项目库比较…">
          <div style={{ height: 64 }} />
        </Spin>
      ) : result.tooShort ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="正文还太短，暂不比较。写好项目背景、执行计划等内容后，会自动列出相似的项目。" />
      ) : result.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="项目库中没有与本项目相似的项目。" />
      ) : (
        <ul className="similar-list" aria-label="相似项目列表">
          {result.items.map((item) => (
            <li key={item.id} className="similar-item" data-id={item.id}>
              <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
                <a href={proposalHref(item)} className="similar-title">
                  {item.title || '（未命名）'}
                </a>
                <SimilarityTag score={item.score} />
              </Space>
              <Space size={4} wrap className="similar-meta">
                <Typography.Text type="secondary">{item.district || '未填区县'}</Typography.Text>
                {item.focusArea && <Typography.Text type="secondary">· {focusAreaLabel(item.focusArea)}</Typography.Text>}
                <Tag>{statusLabel(item.status)}</Tag>
                {item.remote && <RemoteTag />}
                <Button
                  size="small"
                  onClick={() => setPair({ a: { proposal: draft }, b: { id: item.id }, aNote: '当前编辑稿（含未保存的修改）' })}
                  aria-label={`与「${item.title}」对照`}
                >
                  对照
                </Button>
              </Space>
            </li>
          ))}
        </ul>
      )}
      <Typography.Title level={5} style={{ margin: '12px 0 4px' }}>
        同类项目
      </Typography.Title>
      <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 6 }}>
        文字不同、但做的是同一类事（受益人、活动、预算项目、地域相近）的项目，供判断是否重复申报或可以联合实施。
      </Typography.Text>
      {result && (result.kindred.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="项目库中没有同类项目。" />
      ) : (
        <ul className="similar-list" aria-label="同类项目列表" data-testid="kindred-list">
          {result.kindred.map((item) => (
            <li key={item.id} className="similar-item" data-id={item.id}>
              <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
                <a href={`#/p/${item.id}`} className="similar-title">
                  {item.title || '（未命名）'}
                </a>
                <KindredTag score={item.score} />
              </Space>
              <Typography.Text type="secondary">{item.district || '未填区县'}</Typography.Text>
              <KindredWhy why={item.why} />
            </li>
          ))}
        </ul>
      ))}
      <CompareDrawer pair={pair} onClose={() => setPair(null)} />
    </div>
  );
}
