import { Space, Tag, Typography } from 'antd';
import { scorePercent, type KindredWhy as Why } from '../../../../shared/api/methods/dedupe';
import { focusAreaLabel } from '../../../../shared/domain/catalog';

/** 同类 score, in its own colour so it is never read as the text score. */
export function KindredTag({ score }: { score: number }) {
  return (
    <Tag color="blue" data-kind="kindred">
      同类 {scorePercent(score)}
    </Tag>
  );
}

/** Why two proposals are of the same kind: the key terms, beneficiaries, budget items, region and field they share. */
export function KindredWhy({ why }: { why: Why }) {
  const rows: [string, string[]][] = [
    ['共同关键词', why.terms],
    ['受益人', why.beneficiaryGroups],
    ['预算项目', why.budgetItems],
    ['地域', why.region ? [why.region] : []],
    ['领域', why.focusArea ? [focusAreaLabel(why.focusArea)] : []],
  ];
  return (
    <Space orientation="vertical" size={2} className="kindred-why" data-testid="kindred-why">
      {rows
        .filter(([, values]) => values.length > 0)
        .map(([label, values]) => (
          <Space key={label} size={2} wrap>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {label}：
            </Typography.Text>
            {values.map((v) => (
              <Tag key={v} style={{ marginInlineEnd: 2 }}>
                {v}
              </Tag>
            ))}
          </Space>
        ))}
    </Space>
  );
}
