import { MergeOutlined } from '@ant-design/icons';
import { Button, Card, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { dedupePartLabel, type ReportCluster, type ReportPair } from '../../../../shared/api/methods/dedupe';
import { focusAreaLabel, statusLabel } from '../../../../shared/domain/catalog';
import { percent, SimilarityTag } from './similarity';
import { proposalHref, RemoteTag } from '../sync/remoteLinks';

type Member = ReportCluster['members'][number];

export interface ClusterActions {
  compare(a: string, b: string): void;
  judge(pair: ReportPair, distinct: boolean): void;
  merge(ids: string[]): void;
  /** The pair whose judgement is being saved, as `${a}|${b}`. */
  busy: string | null;
}

const name = (m: Member | undefined) => (m ? `「${m.title || '未命名'}」` : '（已删除的项目）');

function SharedList({ shared }: { shared: ReportCluster['shared'] }) {
  const rows = [
    { label: '受益人群', values: shared.beneficiaryGroups },
    { label: '地域', values: shared.regions },
    { label: '预算科目', values: shared.budgetItems },
  ].filter((r) => r.values.length > 0);
  if (rows.length === 0) return null;
  return (
    <dl className="dd-shared" aria-label="共同之处">
      {rows.map((r) => (
        <div key={r.label}>
          <dt>相同{r.label}</dt>
          <dd>
            <Space size={[4, 4]} wrap>
              {r.values.map((v) => (
                <Tag key={v}>{v}</Tag>
              ))}
            </Space>
          </dd>
        </div>
      ))}
    </dl>
  );
}

function PairRow({ pair, members, actions }: { pair: ReportPair; members: Map<string, Member>; actions: ClusterActions }) {
  const a = members.get(pair.a);
  const b = members.get(pair.b);
  const label = `${name(a)}与${name(b)}`;
  const busy = actions.busy === `${pair.a}|${pair.b}`;
  return (
    <li className={pair.similar ? 'dd-pair' : 'dd-pair dd-pair-weak'} aria-label={label} data-a={pair.a} data-b={pair.b}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start" wrap>
        <Space size={6} wrap>
          <span>
            {name(a)}
            <Typography.Text type="secondary">（{a?.district || '未填区县'}）</Typography.Text>
          </span>
          <span aria-hidden>↔</span>
          <span>
            {name(b)}
            <Typography.Text type="secondary">（{b?.district || '未填区县'}）</Typography.Text>
          </span>
          {pair.similar ? <SimilarityTag score={pair.score} /> : <Tag>相似度 {percent(pair.score)}，经组内其他项目相连</Tag>}
          {pair.judgedDistinct && <Tag color="default">已判定不是同一项目</Tag>}
        </Space>
        <Space size={4}>
          <Button size="small" onClick={() => actions.compare(pair.a, pair.b)} aria-label={`对照${label}`}>
            对照
          </Button>
          {pair.judgedDistinct ? (
            <Button size="small" loading={busy} onClick={() => actions.judge(pair, false)} aria-label={`撤销排除${label}`}>
              撤销排除
            </Button>
          ) : (
            pair.similar && (
              <Button size="small" loading={busy} onClick={() => actions.judge(pair, true)} aria-label={`${label}不是同一项目`}>
                不是同一项目
              </Button>
            )
          )}
        </Space>
      </Space>
      {pair.passages.length > 0 && (
        <ol className="dd-passages" aria-label="相同的段落">
          {pair.passages.map((p, i) => (
            <li key={i}>
              「{p.text}」
              <Typography.Text type="secondary">
                （{dedupePartLabel(p.a.part)}
                {p.b.part !== p.a.part ? ` ↔ ${dedupePartLabel(p.b.part)}` : ''}，{p.chars} 字）
              </Typography.Text>
            </li>
          ))}
        </ol>
      )}
    </li>
  );
}

/** One group of similar proposals in the 同质化检查 report. */
export function ClusterCard({ cluster, index, actions }: { cluster: ReportCluster; index: number; actions: ClusterActions }) {
  const [allPairs, setAllPairs] = useState(false);
  const members = new Map(cluster.members.map((m) => [m.id, m]));
  const similar = cluster.pairs.filter((p) => p.similar).sort((x, y) => y.score - x.score);
  const weak = cluster.pairs.filter((p) => !p.similar);
  const shown = allPairs ? [...similar, ...weak.sort((x, y) => y.score - x.score)] : similar;
  const mergeable = cluster.members.filter((m) => m.status !== 'merged').map((m) => m.id);

  return (
    <Card
      className="dd-cluster"
      data-cluster={cluster.id}
      aria-label={`第 ${index} 组相似项目`}
      title={
        <Space size={8} wrap>
          <span>第 {index} 组</span>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {cluster.members.length} 个项目 · 最高相似度 {percent(cluster.maxScore)}
          </Typography.Text>
          {cluster.districts.map((d) => (
            <Tag key={d} color="blue">
              {d}
            </Tag>
          ))}
        </Space>
      }
      extra={
        <Button icon={<MergeOutlined aria-hidden />} disabled={mergeable.length < 2} onClick={() => actions.merge(mergeable)}>
          合并为品牌项目
        </Button>
      }
    >
      {/* A plain table: a report page holds many clusters, and antd's Table is heavy for four rows. */}
      <table className="dd-members" aria-label="组内项目">
        <thead>
          <tr>
            <th>项目名称</th>
            <th style={{ width: 140 }}>区县</th>
            <th style={{ width: 130 }}>领域</th>
            <th style={{ width: 90 }}>状态</th>
          </tr>
        </thead>
        <tbody>
          {cluster.members.map((m) => (
            <tr key={m.id}>
              <td>
                <a href={proposalHref(m)}>{m.title || '（未命名）'}</a>
                {m.remote && <RemoteTag />}
                {m.isBrand && (
                  <Tag color="gold" style={{ marginInlineStart: 6 }}>
                    品牌项目
                  </Tag>
                )}
              </td>
              <td>{m.district || '—'}</td>
              <td>{m.focusArea ? focusAreaLabel(m.focusArea) : '—'}</td>
              <td>
                <Tag>{statusLabel(m.status)}</Tag>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div style={{ marginTop: 12 }}>
        <SharedList shared={cluster.shared} />
      </div>
      <Typography.Text strong>两两相似度</Typography.Text>
      <ul className="dd-pairs" aria-label="两两相似度">
        {shown.map((p) => (
          <PairRow key={`${p.a}|${p.b}`} pair={p} members={members} actions={actions} />
        ))}
      </ul>
      {weak.length > 0 && (
        <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => setAllPairs((v) => !v)}>
          {allPairs ? '只看相似的项目对' : `另有 ${weak.length} 对低于阈值（经组内其他项目相连），显示全部`}
        </Button>
      )}
    </Card>
  );
}
