import { Button, Card, Empty, Space, Tag, Typography } from 'antd';
import type { KindredPair } from '../../../../shared/api/methods/dedupe';
import type { ComparePair } from './CompareDrawer';
import { KindredTag, KindredWhy } from './KindredWhy';

/** 同类项目 in the report: pairs of the same kind written independently, each with why. */
export function KindredPairs({ pairs, onCompare }: { pairs: readonly KindredPair[]; onCompare: (pair: ComparePair) => void }) {
  if (pairs.length === 0) return <Empty description="没有发现同类项目。" />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="kindred-pairs">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        这些项目文字并不雷同，但受益人、活动、预算项目和地域相近，是不同区县各自写的同一类项目：可考虑是否重复申报，或整合为联合实施的品牌项目。
      </Typography.Paragraph>
      {pairs.map((p) => (
        <Card key={`${p.a}|${p.b}`} size="small" data-testid="kindred-pair">
          <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start" wrap>
            <Space wrap>
              <a href={`#/p/${p.a}`}>{p.aTitle || '（未命名）'}</a>
              <Typography.Text type="secondary">{p.aDistrict}</Typography.Text>
              <span aria-hidden>↔</span>
              <a href={`#/p/${p.b}`}>{p.bTitle || '（未命名）'}</a>
              <Typography.Text type="secondary">{p.bDistrict}</Typography.Text>
            </Space>
            <Space>
              <KindredTag score={p.score} />
              {p.alsoText && <Tag color="red">文字也雷同</Tag>}
              <Button size="small" onClick={() => onCompare({ a: { id: p.a }, b: { id: p.b } })}>
                对照
              </Button>
            </Space>
          </Space>
          <KindredWhy why={p.why} />
        </Card>
      ))}
    </Space>
  );
}
