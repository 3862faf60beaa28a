import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { defaultTemplatesDir } from '../../core';
import { packageToFiles, readHandbookFolder, readHandbookUpload } from '../../core/handbook/readPackage';
import { openCore } from '../../core/openCore';
import { exerciseWarnings } from '../../core/handbook/workshop';
import { AppError } from '../../shared/errors';
import type { HandbookPackage } from '../../shared/handbook/schema';
import type { Command } from '../command';
import { EXIT, type CliIo } from '../io';
import { LIBRARY_OPTIONS, openLibrary, withParsedArgs } from '../support';

const USAGE = `用法：
  shance handbook check [文件夹|手册包.zip|手册包.json] [--json]
      检查手册是否完整、格式是否正确（默认检查程序自带的 templates/handbook/）。
      有错误时逐条列出文件名和字段；练习样例埋设的问题如不能起到练习作用，也会提示。
  shance handbook pack [文件夹] --out 手册包.zip
      检查通过后，把手册文件夹打成手册包，供在善策中“导入手册”或发给各区县。
  shance handbook import 手册包.zip [--dry-run] [--db 路径] [--json]
      把修订后的手册包导入项目库：全部检查通过才导入，否则不做任何更改。--dry-run 只检查并列出变化。`;

async function readTarget(io: CliIo, target: string | undefined): Promise<{ pkg: HandbookPackage; where: string }> {
  const where = target ? resolve(io.cwd, target) : join(defaultTemplatesDir(io.env), 'handbook');
  let isDir: boolean;
  try {
    isDir = (await stat(where)).isDirectory();
  } catch {
    throw new AppError('FILE_INVALID', `找不到「${where}」`);
  }
  return { pkg: isDir ? readHandbookFolder(where) : readHandbookUpload(await readFile(where)), where };
}

const counts = (pkg: HandbookPackage) =>
  `${pkg.steps.length} 个步骤、${pkg.templates.length} 个模板、${pkg.samples.length} 个样例（${pkg.samples.filter((s) => s.kind === 'flawed').length} 个练习）`;

export const handbookCommand: Command = {
  name: 'handbook',
  usage: USAGE,
  run(args, io) {
    const options = { ...LIBRARY_OPTIONS, out: { type: 'string', short: 'o' }, 'dry-run': { type: 'boolean', default: false } } as const;
    return withParsedArgs(io, args, options, USAGE, async ({ values, positionals }) => {
      const [sub, target] = positionals;
      if (!sub) return io.out(USAGE), EXIT.badInput;
      if (sub === 'check') {
        const { pkg, where } = await readTarget(io, target);
        const warnings = exerciseWarnings(pkg);
        if (values.json) io.out(JSON.stringify({ version: pkg.version, date: pkg.date, steps: pkg.steps.length, templates: pkg.templates.length, samples: pkg.samples.length, warnings }));
        else {
          io.out(`「${where}」检查通过：手册 ${pkg.version} 版（${pkg.date}），${counts(pkg)}`);
          for (const w of warnings) io.out(`  提示：${w}`);
        }
        return EXIT.ok;
      }
      if (sub === 'pack') {
        if (!values.out) throw new AppError('INVALID_INPUT', '请用 --out 指定输出文件，例如 --out 手册-1.1.zip');
        const { pkg } = await readTarget(io, target);
        const entries: Record<string, Uint8Array> = {};
        for (const [path, text] of packageToFiles(pkg)) entries[`handbook/${path}`] = strToU8(text);
        const out = resolve(io.cwd, values.out);
        await writeFile(`${out}.part`, zipSync(entries));
        await rename(`${out}.part`, out);
        if (values.json) io.out(JSON.stringify({ file: out, version: pkg.version }));
        else io.out(`已打包手册 ${pkg.version} 版到 ${out}`);
        return EXIT.ok;
      }
      if (sub === 'import') {
        if (!target) throw new AppError('INVALID_INPUT', '请指定要导入的手册包文件');
        const bytes = await readFile(resolve(io.cwd, target)).catch(() => {
          throw new AppError('FILE_INVALID', `找不到文件「${target}」`);
        });
        const lib = openLibrary(io, values.db);
        try {
          const outcome = openCore(lib, defaultTemplatesDir(io.env)).handbook.import(bytes, values['dry-run']);
          if (values.json) io.out(JSON.stringify(outcome));
          else {
            io.out(outcome.message);
            for (const s of outcome.changes.steps) io.out(`  ${s.title}：${s.items.length} 处修改`);
            const t = outcome.changes.templates;
            if (t.added.length + t.removed.length + t.changed.length > 0) {
              io.out(`  模板：新增 ${t.added.length}，删除 ${t.removed.length}，修改 ${t.changed.length}`);
            }
          }
          return EXIT.ok;
        } finally {
          lib.close();
        }
      }
      throw new AppError('INVALID_INPUT', `未知的子命令「${sub}」。\n${USAGE}`);
    });
  },
};
