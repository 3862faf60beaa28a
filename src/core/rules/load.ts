import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { rulePackSchema, type RulePack } from '../../shared/rules/pack';
import { describePackIssues, packConsistencyIssues, packPathLabel } from '../../shared/rules/packIssues';
import { AppError } from '../../shared/errors';

/** Upper bound on one pack file: far above any real pack, low enough to refuse a wrong file quickly. */
export const PACK_MAX_BYTES = 4 * 1024 * 1024;

/** Check a pack read from a file or sent by the app; `where` names it in the Chinese message. */
export function parsePack(raw: unknown, where: string): RulePack {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new AppError('FILE_INVALID', `规则包「${where}」格式有误：内容应为一个 JSON 对象`);
  }
  const result = rulePackSchema.safeParse(raw);
  if (!result.success) {
    const issues = describePackIssues(result.error, raw);
    throw new AppError('FILE_INVALID', `规则包「${where}」格式有误，${issues[0] ?? ''}`, issues);
  }
  const issues = packConsistencyIssues(result.data).map((i) => `「${packPathLabel(i.path, raw)}」：${i.message}`);
  if (issues.length > 0) throw new AppError('FILE_INVALID', `规则包「${where}」格式有误，${issues[0]}`, issues);
  return result.data;
}

export function parseJsonText(text: string, where: string): unknown {
  if (text.length > PACK_MAX_BYTES) throw new AppError('TOO_LARGE', `规则包「${where}」过大（上限 4 MB）`);
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new AppError('FILE_INVALID', `规则包「${where}」不是有效的 JSON（${e instanceof Error ? e.message : String(e)}）`);
  }
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
