import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { ConflictResolution } from '../../shared/api/methods/bundles';
import { BUNDLE_LIMITS } from '../../shared/domain/limits';
import { AppError } from '../../shared/errors';
import { readBundle, type ImportSource } from '../../core/bundle/readBundle';
import { readProposalJson, readProposalJsonl } from '../../core/bundle/readProposalFiles';
import type { Command } from '../command';
import { EXIT } from '../io';
import { LIBRARY_OPTIONS, openLibrary, withParsedArgs } from '../support';

const ON_CONFLICT: Record<string, ConflictResolution> = { 'keep-both': 'keepBoth', replace: 'replace', skip: 'skip' };

/** Read any file the library can import: a .shance bundle, one proposal as JSON, or JSONL. */
export async function readImportFile(path: string): Promise<ImportSource> {
  const name = basename(path);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new AppError('FILE_INVALID', `找不到文件「${path}」`);
  }
  if (size > BUNDLE_LIMITS.fileBytes) throw new AppError('TOO_LARGE', `文件「${name}」过大`);
  const bytes = await readFile(path);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return readBundle(bytes);
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (/\.jsonl$/i.test(name)) return readProposalJsonl(text, name);
  if (/\.json$/i.test(name)) return readProposalJson(text, name);
  throw new AppError('FILE_INVALID', `无法识别「${name}」：请提供 .shance 交换包、.json 项目文件或 .jsonl 文件`);
}

export const importCommand: Command = {
  name: 'import',
  usage: `用法：shance import 文件… [--on-conflict keep-both|replace|skip] [--db 路径] [--json]

  文件            .shance 交换包、单个项目的 .json 文件，或每行一个项目的 .jsonl 文件
  --on-conflict   项目编号已在库中时：keep-both 保留两份，replace 替换（旧内容留在历史版本），skip 跳过。
                  不指定时，遇到重复编号将不导入任何内容并列出这些项目。
  每个文件要么全部导入，要么（出错时）什么都不写入。`,
  run(args, io) {
    return withParsedArgs(io, args, { ...LIBRARY_OPTIONS, 'on-conflict': { type: 'string' } }, this.usage, async ({ values, positionals }) => {
      if (positionals.length === 0) throw new AppError('INVALID_INPUT', '请指定要导入的文件');
      const policy = values['on-conflict'];
      if (policy !== undefined && !ON_CONFLICT[policy]) throw new AppError('INVALID_INPUT', `--on-conflict 只能是 keep-both、replace 或 skip`);
      const lib = openLibrary(io, values.db);
      try {
        const results = [];
        for (const file of positionals) {
          const source = await readImportFile(resolve(io.cwd, file));
          const resolutions: Record<string, ConflictResolution> = {};
          if (policy) for (const c of lib.conflicts(source)) resolutions[c.id] = ON_CONFLICT[policy]!;
          const r = lib.importSource(source, resolutions);
          results.push({ file, ...r });
          if (!values.json) {
            io.out(
              `${file}：新增 ${r.added.length}，替换 ${r.replaced.length}，另存副本 ${r.copied.length}，跳过 ${r.skipped.length}，图片 ${r.images}`,
            );
          }
        }
        if (values.json) io.out(JSON.stringify({ results }));
        return EXIT.ok;
      } finally {
        lib.close();
      }
    });
  },
};
