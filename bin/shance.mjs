#!/usr/bin/env node
// The `shance` command. It runs the JavaScript that `npm run build` writes to out/cli, which starts
// in a fraction of a second. Without a build (a fresh clone), or with SHANCE_FROM_SOURCE=1 (the unit
// tests, which run before the build and must see the sources as they are), it runs the TypeScript
// sources through tsx instead, which takes seconds per command.
import { existsSync } from 'node:fs';

const built = new URL('../out/cli/shance.js', import.meta.url);
if (process.env.SHANCE_FROM_SOURCE !== '1' && existsSync(built)) {
  await import(built.href);
} else {
  if (process.env.SHANCE_FROM_SOURCE !== '1') console.error('提示：命令行尚未构建，正在从源码运行（较慢）。运行 npm run build 后启动更快。');
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
