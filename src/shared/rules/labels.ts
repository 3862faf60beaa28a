import { fieldSourceLabel, FIELD_SOURCES, type FieldSource } from './fieldSources';

const INDEXED: Record<string, string> = { images: '图片', 'budget.lines': '预算明细', milestones: '执行计划节点' };
const UNIT: Record<string, string> = { images: '张', 'budget.lines': '条', milestones: '条' };

/**
 * A finding's field in words: a proposal part (「执行计划」), one item of a list (「图片 第 2 张」,
 * 「预算明细 第 3 条」) or the whole proposal.
 */
export function findingFieldLabel(field: string | null): string {
  if (field === null) return '整个项目';
  const m = /^(images|budget\.lines|milestones)\.(\d+)$/.exec(field);
  if (m) return `${INDEXED[m[1]!]} 第 ${Number(m[2]) + 1} ${UNIT[m[1]!]}`;
  if ((FIELD_SOURCES as readonly string[]).includes(field)) return fieldSourceLabel(field as FieldSource);
  return field;
}
