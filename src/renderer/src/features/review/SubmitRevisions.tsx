import { Alert, Button, List, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { RevisionComparison } from '../../../../shared/api/methods/review';
import { api } from '../../api';
import { errorText } from '../../util/errors';
import { dateTime } from '../../util/format';
import { useReviewState } from './useReviewState';

/** Insertions and deletions marked inline, as a reviewer reads a marked-up copy. */
export function DiffText({ parts }: { parts: RevisionComparison['sections'][number]['parts'] }) {
  return (
    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} className="review-diff">
      {parts.map((p, i) =>
        p.op === 'equal' ? (
          <span key={i}>{p.text}</span>
        ) : p.op === 'insert' ? (
          <ins key={i} style={{ background: '#d9f7be', textDecoration: 'none' }} aria-label={`新增：${p.text}`}>
            {p.text}
          </ins>
        ) : (
          <del key={i} style={{ background: '#ffccc7' }} aria-label={`删除：${p.text}`}>
            {p.text}
          </del>
        ),
      )}
    </Typography.Paragraph>
  );
}

function Comparison({ cmp }: { cmp: RevisionComparison }) {
  const changed = cmp.sections.filter((s) => s.changed);
  return (
    <div data-testid="revision-diff">
      <Typography.Title level={5}>
        第 {cmp.from} 版 → 第 {cmp.to} 版
      </Typography.Title>
      {cmp.changes.length > 0 && (
        <List size="small" header="字段变化" bordered dataSource={cmp.changes} renderItem={(c) => <List.Item>{c.text}</List.Item>} style={{ marginBottom: 12 }} />
      )}
      {changed.length === 0 && cmp.changes.length === 0 && <Typography.Text type="secondary">两个版本内容相同。</Typography.Text>}
      {changed.map((s) => (
        <section key={s.section} aria-label={`比较：${s.label}`}>
          <Typography.Title level={5} style={{ marginTop: 12 }}>
            {s.label} {s.coarse && <Tag color="gold">差异较大，按整句比较</Tag>}
          </Typography.Title>
          <DiffText parts={s.parts} />
        </section>
      ))}
    </div>
  );
}

/** 提交版本: each submit's immutable revision, and any two compared section by section. */
export function SubmitRevisions({ id }: { id: string }) {
  const { state } = useReviewState(id);
  const [pair, setPair] = useState<[number | null, number | null]>([null, null]);
  const [cmp, setCmp] = useState<RevisionComparison | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!state || state.revisions.length === 0) return null;
  const revs = state.revisions;
  const from = pair[0] ?? revs[1]?.n ?? revs[0]!.n;
  const to = pair[1] ?? revs[0]!.n;
  const compare = async () => {
    try {
      setCmp(await api.call('review.compare', { id, from, to }));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  };
  const options = revs.map((r) => ({ value: r.n, label: `第 ${r.n} 版（${dateTime(r.at)}）` }));
  return (
    <div style={{ marginBottom: 16 }} data-testid="submit-revisions">
      <Typography.Title level={5}>提交版本</Typography.Title>
      <List
        size="small"
        dataSource={revs}
        renderItem={(r) => (
          <List.Item>
            第 {r.n} 版 · {dateTime(r.at)} · {r.by} {state.frozen?.n === r.n && <Tag color="green">已通过·冻结</Tag>}
            <Typography.Text type="secondary" style={{ fontSize: 12 }} title={r.hash}>
              {' '}
              {r.hash.slice(0, 12)}
            </Typography.Text>
          </List.Item>
        )}
      />
      {revs.length > 1 && (
        <Space wrap style={{ margin: '8px 0' }}>
          <Select aria-label="比较的旧版本" value={from} options={options} onChange={(v) => setPair([v, to])} style={{ width: 210 }} />
          <span>→</span>
          <Select aria-label="比较的新版本" value={to} options={options} onChange={(v) => setPair([from, v])} style={{ width: 210 }} />
          <Button type="primary" onClick={() => void compare()}>
            比较
          </Button>
        </Space>
      )}
      {error && <Alert type="error" showIcon title={error} />}
      {cmp && <Comparison cmp={cmp} />}
    </div>
  );
}
