// Runs every bench/*.bench.ts (or those whose name contains an argument: `npm run bench -- rules`),
// each in its own Node process so one benchmark's memory and JIT state do not colour the next.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

if (files.length === 0) {
  console.error(filters.length ? `没有名称包含「${filters.join('、')}」的基准测试` : 'bench/ 中没有基准测试');
  process.exit(2);
}

let failed = 0;
for (const f of files) {
  console.log(`\n=== ${f} ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(dir, f)], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed += 1;
    console.error(`${f} 失败（退出码 ${r.status ?? r.signal}）`);
  }
}
process.exit(failed > 0 ? 1 : 0);
