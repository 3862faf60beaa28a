import { writeFile, rename } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AppError } from '../../shared/errors';
import type { Command } from '../command';
import { EXIT, type CliIo } from '../io';
import { LIBRARY_OPTIONS, openLibrary, withParsedArgs } from '../support';
import type { CheckFn } from '../../core/export/checklist';
import { PACK_USAGE, wantsPacks, writePacks } from './exportPacks';

export const bundleCommand: Command = {
  name: 'bundle',
  usage: `用法：shance bundle [编号…|--all] --out 文件.shance [--db 路径] [--json]

  编号     要打包的项目编号（shance list 可查看）；--all 打包整个项目库
  shance export 编号… --out 文件.shance 与此相同。`,
  run: (args, io) => writeBundleFile(args, io),
};

/** `shance export` without platform options writes a bundle, as `shance bundle` does. */
export async function writeBundleFile(args: string[], io: CliIo): Promise<number> {
  const options = { ...LIBRARY_OPTIONS, out: { type: 'string', short: 'o' }, all: { type: 'boolean', default: false } } as const;
  return withParsedArgs(io, args, options, bundleCommand.usage, async ({ values, positionals }) => {
    if (!values.out) throw new AppError('INVALID_INPUT', '请用 --out 指定输出文件，例如 --out 项目.shance');
    if (!values.all && positionals.length === 0) throw new AppError('INVALID_INPUT', '请指定项目编号，或用 --all 导出整个项目库');
    const lib = openLibrary(io, values.db);
    try {
      const { bytes, count } = lib.exportBundle(values.all ? null : positionals);
      const out = resolve(io.cwd, values.out);
      // Write beside the target and rename, so a crash never leaves half a bundle under the real name.
      const tmp = `${out}.part`;
      await writeFile(tmp, bytes);
      await rename(tmp, out);
      if (values.json) io.out(JSON.stringify({ file: out, count, bytes: bytes.length }));
      else io.out(`已导出 ${count} 个项目到 ${out}`);
      return EXIT.ok;
    } finally {
      lib.close();
    }
  });
}

/**
 * `shance export`: submission packs and the review copy with --platform/--internal, a bundle
 * otherwise. `checkOverride` replaces the rules engine's checklist (see writePacks).
 */
export function createExportCommand(checkOverride?: CheckFn): Command {
  return {
    name: 'export',
    usage: PACK_USAGE,
    run: (args, io) => (wantsPacks(args) || args.includes('--help') || args.includes('-h') ? writePacks(args, io, checkOverride) : writeBundleFile(args, io)),
  };
}

export const exportCommand: Command = createExportCommand();
