import { resolve } from 'node:path';
import { defaultTemplatesDir, type Library } from '../../core';
import { safeFileName, writeExport, writeSingleFile, type ExportFile } from '../../core/export/archive';
import type { CheckFn } from '../../core/export/checklist';
import { exportProject, libraryImages } from '../../core/export/exportProject';
import type { ImageLoader } from '../../core/export/images';
import { exportRules, type ExportRules } from '../../core/export/rulePacks';
import { loadPackDir, shippedPacksDir } from '../../core/rules/load';
import { openCore } from '../../core/openCore';
import type { RulePack } from '../../shared/rules/pack';
import { refusalMessage } from '../../core/export/submissionPack';
import { PLATFORMS, type PlatformId } from '../../shared/domain/catalog';
import type { Proposal } from '../../shared/domain/proposal';
import { AppError } from '../../shared/errors';
import { EXIT, type CliIo } from '../io';
import { LIBRARY_OPTIONS, openLibrary, withParsedArgs } from '../support';
import { readImportFile } from './import';

export const PACK_OPTIONS = {
  ...LIBRARY_OPTIONS,
  out: { type: 'string', short: 'o' },
  all: { type: 'boolean', default: false },
  platform: { type: 'string', short: 'p' },
  internal: { type: 'boolean', default: false },
  zip: { type: 'boolean', default: false },
  'force-reason': { type: 'string' },
} as const;

export const PACK_USAGE = `用法：shance export 编号|文件 [--platform 平台,…|all] [--internal] [--out 文件夹] [--zip]
                     [--force-reason 理由] [--db 路径] [--json]
      shance export 编号… --out 文件.shance        写出 .shance 交换包（同 shance bundle）

  编号|文件        项目库中的项目编号，或一个项目 .json 文件 / 只含一个项目的 .shance 交换包
  --platform       要导出提交材料的平台，用逗号分隔（如 tencent,alipay 或 腾讯公益），all 为所有有规则包的平台
  --internal       同时导出内部审核稿（公文格式 DOCX）
  --out            导出到的文件夹（默认当前文件夹）；每个平台一个文件夹，已有同名文件夹时另起新名，不覆盖
  --zip            把所有提交材料和审核稿打成一个 zip
  --force-reason   检查有错误的平台默认不导出；填写理由后仍然导出，理由写入提交材料
  --json           以 JSON 输出：{"packs":[{"platform","status","path","warnings","errors"}],"review","zip"}

  有平台因检查错误未导出时，退出码为 1，并列出这些错误。`;

/** Options that mean "write submission packs" rather than "write a bundle". */
export function wantsPacks(args: readonly string[]): boolean {
  return args.some((a) => /^(--platform|-p|--internal|--zip|--force-reason)(=|$)/.test(a));
}

/** tencent, 腾讯公益 or all. */
export function parsePlatforms(value: string | undefined, available: readonly PlatformId[]): PlatformId[] {
  if (value === undefined) return [];
  if (value.trim() === 'all') {
    if (available.length === 0) throw new AppError('NOT_FOUND', '没有任何平台规则包（templates/rules），无法导出提交材料');
    return [...available];
  }
  const chosen: PlatformId[] = [];
  for (const raw of value.split(/[,，]/).map((s) => s.trim()).filter(Boolean)) {
    const platform = PLATFORMS.find((p) => p.id === raw || p.label === raw);
    if (!platform) {
      throw new AppError('INVALID_INPUT', `未知的平台「${raw}」。可用：${PLATFORMS.map((p) => `${p.id}（${p.label}）`).join('、')}，或 all`);
    }
    if (!chosen.includes(platform.id)) chosen.push(platform.id);
  }
  if (chosen.length === 0) throw new AppError('INVALID_INPUT', '请在 --platform 后写平台，例如 --platform tencent,alipay 或 --platform all');
  return chosen;
}

const looksLikeFile = (arg: string) => /[\\/]/.test(arg) || /\.(json|jsonl|shance)$/i.test(arg);

interface Target {
  proposal: Proposal;
  load: ImageLoader;
  lib: Library | null;
  /** The approved revision the proposal is, for one from the library that has been approved. */
  frozen?: { n: number; hash: string } | null;
}

/** The proposal by id from the library, or from a file (its pictures from the file, else the library). */
async function loadTarget(arg: string, io: CliIo, db: string | undefined): Promise<Target> {
  if (!looksLikeFile(arg)) {
    const lib = openLibrary(io, db);
    try {
      const { proposal, frozen } = lib.review.forExport(arg);
      return { proposal, frozen, load: libraryImages(lib), lib };
    } catch (e) {
      lib.close();
      throw e;
    }
  }
  const source = await readImportFile(resolve(io.cwd, arg));
  if (source.proposals.length !== 1) {
    throw new AppError('INVALID_INPUT', `「${arg}」中有 ${source.proposals.length} 个项目；请先用 shance import 导入，再按编号逐个导出`);
  }
  const proposal = source.proposals[0]!;
  // Only touch a library when the file lacks some of its pictures.
  const lib = db !== undefined || proposal.images.some((i) => !source.images.has(i.sha256)) ? openLibrary(io, db) : null;
  const fromLib = lib ? libraryImages(lib) : () => undefined;
  return { proposal, load: (sha) => source.images.get(sha)?.data ?? fromLib(sha), lib };
}

/**
 * The rules for a CLI export: the library's active pack versions when a library is open (imported
 * and pinned versions apply, as in the app), else the packs shipped in templates/rules.
 */
function cliExportRules(lib: Library | null, templatesDir: string): ExportRules {
  if (lib) {
    const store = openCore(lib, templatesDir).rulePacks;
    return exportRules(() => store.activePacks());
  }
  let shipped: RulePack[] | null = null;
  return exportRules(() => (shipped ??= loadPackDir(shippedPacksDir(templatesDir))));
}

/**
 * `shance export` with --platform and/or --internal. Each platform's checklist comes from the rules
 * engine; `checkOverride` replaces it (tests use it to plant findings).
 */
export function writePacks(args: string[], io: CliIo, checkOverride?: CheckFn): Promise<number> {
  return withParsedArgs(io, args, PACK_OPTIONS, PACK_USAGE, async ({ values, positionals }) => {
    let target: Target | undefined;
    try {
      if (positionals.length !== 1) throw new AppError('INVALID_INPUT', '请指定一个项目编号或项目文件，例如 shance export 编号 --platform all');
      if (values.all) throw new AppError('INVALID_INPUT', '--all 只用于写出交换包；导出提交材料时请指定一个项目');
      if (values.platform === undefined && !values.internal) {
        throw new AppError('INVALID_INPUT', '请用 --platform 指定平台（或 all），或用 --internal 导出内部审核稿');
      }
      target = await loadTarget(positionals[0]!, io, values.db);
      const rules = cliExportRules(target.lib, defaultTemplatesDir(io.env));
      const packs = rules.platformPacks();
      const platforms = parsePlatforms(values.platform, [...packs.keys()]);
      const outDir = resolve(io.cwd, values.out ?? '.');
      const result = await exportProject({
        proposal: target.proposal,
        platforms,
        packs,
        check: checkOverride ?? rules.check,
        overrideReason: values['force-reason'] ?? null,
        internal: values.internal,
        load: target.load,
        frozen: target.frozen,
      });

      const written = result.packs.flatMap((r) => (r.status === 'written' ? [r] : []));
      const refused = result.packs.flatMap((r) => (r.status === 'refused' ? [r] : []));
      const paths = new Map<PlatformId, string>();
      let review: string | null = null;
      let zip: string | null = null;
      if (values.zip) {
        const files: ExportFile[] = written.flatMap((r) => r.files.map((f) => ({ path: `${r.folder}/${f.path}`, data: f.data })));
        if (result.review) files.push(result.review);
        if (files.length) zip = await writeExport(outDir, `${safeFileName(target.proposal.title)}-导出`, files, true);
      } else {
        for (const r of written) paths.set(r.platform, await writeExport(outDir, r.folder, r.files, false));
        if (result.review) review = await writeSingleFile(outDir, result.review.path, result.review.data);
      }

      if (values.json) {
        io.out(
          JSON.stringify({
            packs: result.packs.map((r) =>
              r.status === 'written'
                ? { platform: r.platform, status: r.status, path: paths.get(r.platform) ?? null, overridden: r.overridden, warnings: r.warnings }
                : { platform: r.platform, status: r.status, errors: r.errors, message: refusalMessage(r) },
            ),
            review,
            zip,
          }),
        );
      } else {
        for (const r of written) {
          const where = paths.get(r.platform) ?? '（在 zip 中）';
          io.out(`已导出 ${r.label}${r.overridden ? '（越过检查错误）' : ''} → ${where}${r.warnings.length ? `，${r.warnings.length} 条提醒` : ''}`);
          for (const w of r.warnings) io.out(`  提醒：${w}`);
        }
        if (review) io.out(`已导出内部审核稿 → ${review}`);
        if (zip) io.out(`已打包 → ${zip}`);
      }
      for (const r of refused) io.err(refusalMessage(r));
      return refused.length ? EXIT.failed : EXIT.ok;
    } finally {
      target?.lib?.close();
    }
  });
}
