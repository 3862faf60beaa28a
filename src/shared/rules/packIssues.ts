import type { z } from 'zod';
import type { RulePack } from './pack';

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

export interface PackIssue {
  path: (string | number)[];
  message: string;
}

/**
 * What a pack must also satisfy to be shipped or imported, beyond its shape: unique ids, a source
 * for every required field, image specs that exist, a changelog entry for its own version. Kept
 * out of the schema so that code building packs in memory (tests, exports) is not bound by it.
 */
export function packConsistencyIssues(pack: RulePack): PackIssue[] {
  const issues: PackIssue[] = [];
  const dup = (list: readonly { id: string }[], key: string, what: string) => {
    const seen = new Set<string>();
    list.forEach((x, i) => {
      if (seen.has(x.id)) issues.push({ path: [key, i, 'id'], message: `${what}编号「${x.id}」重复` });
      seen.add(x.id);
    });
  };
  dup(pack.fields, 'fields', '字段');
  dup(pack.images, 'images', '图片规格');
  dup(pack.rules, 'rules', '规则');
  pack.fields.forEach((f, i) => {
    if (f.required && !f.source) issues.push({ path: ['fields', i, 'source'], message: '必填字段须注明来源（source）' });
  });
  pack.images.forEach((s, i) => {
    if (s.minCount > s.maxCount) issues.push({ path: ['images', i, 'minCount'], message: 'minCount 不能大于 maxCount' });
  });
  const specIds = new Set(pack.images.map((s) => s.id));
  pack.rules.forEach((r, i) => {
    if (r.kind !== 'imageSpec') return;
    for (const id of r.specs ?? []) {
      if (!specIds.has(id)) issues.push({ path: ['rules', i, 'specs'], message: `图片规格「${id}」在本规则包中不存在` });
    }
  });
  if (!pack.changelog.some((c) => c.version === pack.version)) {
    issues.push({ path: ['changelog'], message: `更新说明（changelog）中缺少本版本 ${pack.version} 的条目` });
  }
  return issues;
}
