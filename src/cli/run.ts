import type { CliIo } from './io';
import { EXIT } from './io';
import { reportError } from './support';
import { COMMANDS } from './commands';

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    '善策 ShanCe 命令行',
    '',
    '用法：shance 命令 [参数]',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    '每个命令都可加 --help 查看说明。项目库位置：--db 路径 > 环境变量 SHANCE_DB > ~/.shance/library.db',
  ].join('\n');
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name ? EXIT.ok : EXIT.badInput;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    io.err(`未知命令「${name}」。\n\n${help()}`);
    return EXIT.badInput;
  }
  try {
    const command = await entry.load();
    return await command.run(rest, io);
  } catch (e) {
    // Commands report their own errors; this catches what escapes them, such as a bad option.
    return reportError(io, e, rest.includes('--json'));
  }
}
