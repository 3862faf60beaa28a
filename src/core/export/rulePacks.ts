import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PLATFORM_IDS, type PlatformId } from '../../shared/domain/catalog';
import { describeIssues } from '../../shared/domain/fieldLabels';
import { rulePackSchema, type RulePack } from '../../shared/rules/pack';
import { AppError } from '../../shared/errors';

/**
 * The platform rule packs in a folder (`templates/rules/<platform>.json`), by platform id, in catalog
 * order. The legal pack and files that are not platform packs are left out: export needs each
 * platform's form and image specs only.
 *
 * MERGE: the rules engine has its own loader; use it here once both are in main.
 */
export async function loadPlatformPacks(rulesDir: string): Promise<Map<PlatformId, RulePack>> {
  let names: string[];
  try {
    names = await readdir(rulesDir);
  } catch {
    return new Map();
  }
  const found = new Map<PlatformId, RulePack>();
  for (const id of PLATFORM_IDS) {
    const file = `${id}.json`;
    if (!names.includes(file)) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(join(rulesDir, file), 'utf8'));
    } catch (e) {
      throw new AppError('FILE_INVALID', `规则包「${file}」不是有效的 JSON：${e instanceof Error ? e.message : String(e)}`);
    }
    const parsed = rulePackSchema.safeParse(raw);
    if (!parsed.success) throw new AppError('FILE_INVALID', `规则包「${file}」格式不正确`, describeIssues(parsed.error));
    if (parsed.data.id !== id) throw new AppError('FILE_INVALID', `规则包「${file}」中的平台编号是「${parsed.data.id}」，与文件名不符`);
    found.set(id, parsed.data);
  }
  return found;
}

/** The pack of one platform, or a clear error when the federation has not issued one. */
export function requirePack(packs: ReadonlyMap<PlatformId, RulePack>, platform: PlatformId, label: string): RulePack {
  const pack = packs.get(platform);
  if (!pack) throw new AppError('NOT_FOUND', `平台「${label}」还没有规则包，无法导出。请先在 templates/rules 中添加该平台的规则包。`);
  return pack;
}
