import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { RULE_PACK_FORMAT, rulePackSchema, type RulePack } from '../../shared/rules/pack';
import { describePackIssues, packConsistencyIssues, packPathLabel } from '../../shared/rules/packIssues';
import { AppError } from '../../shared/errors';
import { parseJsonOrExplain } from '../util/jsonText';
import { hasNestedQuantifier } from './regexSafety';

/** The newest pack format this ShanCe reads. */
export const RULE_PACK_FORMAT_VERSION = 1;

/** Upper bound on one pack file: far above any real pack, low enough to refuse a wrong file quickly. */
export const PACK_MAX_BYTES = 4 * 1024 * 1024;

/** Patterns that could backtrack for seconds; named so the pack's editor can find and rewrite them. */
function nestedQuantifierIssues(pack: RulePack): string[] {
  return pack.rules
    .filter((r) => r.kind === 'pattern' && hasNestedQuantifier(r.pattern))
    .map((r) => `规则「${r.id}」的正则表达式含有嵌套的重复（如 (\\d+)+），可能让检查长时间卡住，请改写（例如把 (\\d+)+ 写成 \\d+）`);
}

/**
 * Check a pack read from a file or sent by the app; `where` names it in the Chinese message.
 * `fromLibrary`: a version imported before the nested-quantifier guard existed still loads (the
 * time budget keeps it from hanging a check); only new imports are refused.
 */
export function parsePack(raw: unknown, where: string, opts: { fromLibrary?: boolean } = {}): RulePack {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new AppError('FILE_INVALID', `规则包「${where}」格式有误：内容应为一个 JSON 对象`);
  }
  const header = raw as { format?: unknown; formatVersion?: unknown };
  if (header.format === RULE_PACK_FORMAT && typeof header.formatVersion === 'number' && header.formatVersion > RULE_PACK_FORMAT_VERSION) {
    throw new AppError(
      'FILE_INVALID',
      `规则包「${where}」由更新版本的善策生成（格式版本 ${header.formatVersion}，本程序支持到 ${RULE_PACK_FORMAT_VERSION}），请升级善策后再导入`,
    );
  }
  const result = rulePackSchema.safeParse(raw);
  if (!result.success) {
    const issues = describePackIssues(result.error, raw);
    throw new AppError('FILE_INVALID', `规则包「${where}」格式有误，${issues[0] ?? ''}`, issues);
  }
  const issues = packConsistencyIssues(result.data).map((i) => `「${packPathLabel(i.path, raw)}」：${i.message}`);
  if (!opts.fromLibrary) issues.push(...nestedQuantifierIssues(result.data));
  if (issues.length > 0) throw new AppError('FILE_INVALID', `规则包「${where}」格式有误，${issues[0]}`, issues);
  return result.data;
}

export function parseJsonText(text: string, where: string): unknown {
  if (text.length > PACK_MAX_BYTES) throw new AppError('TOO_LARGE', `规则包「${where}」过大（上限 4 MB）`);
  return parseJsonOrExplain(text, `规则包「${where}」`);
}

export function loadPackFile(path: string): RulePack {
  const name = basename(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new AppError('FILE_INVALID', `找不到规则包文件「${path}」`);
  }
  return parsePack(parseJsonText(text, name), name);
}

/** Every pack in a folder (*.json), checked; two files with the same pack id are an error. */
export function loadPackDir(dir: string): RulePack[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.toLowerCase().endsWith('.json')).sort();
  } catch {
    throw new AppError('FILE_INVALID', `找不到规则包文件夹「${dir}」`);
  }
  if (names.length === 0) throw new AppError('FILE_INVALID', `规则包文件夹「${dir}」中没有 .json 规则包`);
  const byId = new Map<string, string>();
  return names.map((name) => {
    const pack = loadPackFile(join(dir, name));
    const other = byId.get(pack.id);
    if (other) throw new AppError('FILE_INVALID', `规则包「${name}」与「${other}」的编号都是「${pack.id}」，每个平台只能有一个规则包`);
    byId.set(pack.id, name);
    return pack;
  });
}

/** The packs shipped with ShanCe: templates/rules. */
export function shippedPacksDir(templatesDir: string): string {
  return join(templatesDir, 'rules');
}
