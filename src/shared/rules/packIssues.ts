import type { z } from 'zod';

const TOP: Record<string, string> = {
  format: '格式标识（format）',
  formatVersion: '格式版本（formatVersion）',
  id: '规则包编号（id）',
  name: '名称（name）',
  version: '版本号（version）',
  effectiveDate: '生效日期（effectiveDate）',
  description: '说明（description）',
  changelog: '更新说明（changelog）',
  fields: '字段（fields）',
  images: '图片规格（images）',
  rules: '规则（rules）',
};

function itemId(raw: unknown, key: string, index: number): string {
  const list = (raw as Record<string, unknown> | null)?.[key];
  const item = Array.isArray(list) ? (list[index] as { id?: unknown } | undefined) : undefined;
  return typeof item?.id === 'string' ? `（${item.id}）` : '';
}

/** A path inside a rule pack as its editor finds it: 「规则（rules） 第 4 条（tencent.title-words）· pattern」. */
export function packPathLabel(path: readonly PropertyKey[], raw: unknown): string {
  if (path.length === 0) return '规则包';
  const [head, ...rest] = path;
  const parts = [TOP[String(head)] ?? String(head)];
  rest.forEach((key, i) => {
    if (typeof key === 'number') parts.push(`第 ${key + 1} 条${i === 0 ? itemId(raw, String(head), key) : ''}`);
    else parts.push(`· ${String(key)}`);
  });
  return parts.join(' ');
}

/** Every problem of a failed pack parse as one line: 「where」：message. */
export function describePackIssues(error: z.ZodError, raw: unknown): string[] {
  return error.issues.slice(0, 30).map((issue) => `「${packPathLabel(issue.path, raw)}」：${issue.message}`);
}
