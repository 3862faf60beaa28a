import { Tag, Typography } from 'antd';
import { DEFAULT_THRESHOLD, scorePercent } from '../../../../shared/api/methods/dedupe';

/**
 * From here a pair is 高度相似. A copy that keeps half of a text and drops the rest scores 1/2; a
 * lightly edited copy scores well above. Below it (down to the threshold) the pair shares a large
 * part but not most of its text: 部分相似.
 */
export const HIGH_SIMILARITY = 0.5;

export const percent = scorePercent;
export function SimilarityTag({ score }: { score: number }) {
  const high = score >= HIGH_SIMILARITY;
  return (
    <Tag color={high ? 'red' : 'orange'} data-level={high ? 'high' : 'partial'}>
      {high ? '高度相似' : '部分相似'} {percent(score)}
    </Tag>
  );
}

/** What the score means, in the reviewer's terms (the scale is defined in shared/api/methods/dedupe.ts). */
export function ScoreExplanation() {
  return (
    <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 0 }}>
      相似度表示两份方案正文的重合程度：去掉标点和空格后，把文字切成连续 5 个字的片段，计算两份方案共有的片段占全部片段的比例。受益人、项目背景、执行计划权重较高，机构介绍等权重较低；写作手册模板里的固定文字不计入。100% 表示内容相同；保留一半原文、改写另一半的修改稿约为 33%；不相关的项目通常低于 10%。默认达到 {percent(DEFAULT_THRESHOLD)} 即列为相似，达到 {percent(HIGH_SIMILARITY)} 为高度相似。相似项目面板、同质化检查和「对照」中的相似度都逐字计算，同一对项目在各处数字相同。
    </Typography.Paragraph>
  );
}
