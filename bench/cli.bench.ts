/**
 * npm run bench -- cli — how long `shance list` takes on an empty library, from starting Node to its
 * exit: the built CLI (out/cli, what `shance` and `npm run cli` run) and, for comparison, the same
 * sources compiled by tsx at run time (what every command cost before the build). The target is
 * under 0.3 s for the built one on a quiet machine; a busy machine adds its own wait to every run,
 * so the median of several runs is printed, with the bare `node -e 0` start beside it as the floor,
 * and (on Linux) the CPU time the process used, which a busy machine inflates far less.
 * CLI_BENCH_RUNS (default 9) changes the number of runs of the built CLI; tsx gets 3.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.CLI_BENCH_RUNS ?? 9);
const TARGET_MS = 300;

/** CPU time (user + system, ms) of the children this process has waited for; Linux only, in 10 ms ticks. */
function childrenCpuMs(): number | null {
  if (!existsSync('/proc/self/stat')) return null;
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  // Fields 16 and 17 of proc(5), cutime and cstime; the split starts at field 3.
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

function run(args: string[], env: NodeJS.ProcessEnv = {}): { wall: number; cpu: number | null } {
  const cpu0 = childrenCpuMs();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
  const wall = performance.now() - t0;
  const cpu1 = childrenCpuMs();
  if (r.status !== 0) throw new Error(`${args.join(' ')} 失败（退出码 ${r.status}）：${r.stderr}`);
  return { wall, cpu: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function timed(label: string, n: number, args: string[], env?: NodeJS.ProcessEnv): number {
  const runs = Array.from({ length: n }, () => run(args, env));
  const wall = median(runs.map((r) => r.wall));
  const cpus = runs.flatMap((r) => (r.cpu === null ? [] : [r.cpu]));
  const cpu = cpus.length ? `，CPU 时间中位数 ${median(cpus).toFixed(0)} ms` : '';
  console.log(`${label}：中位数 median ${wall.toFixed(0)} ms${cpu}（${runs.map((r) => r.wall.toFixed(0)).join(' / ')}）`);
  return wall;
}

// Build the CLI from the sources as they are (seconds), so an old out/cli is never measured.
const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
const build = spawnSync(process.execPath, [vite, 'build', '-c', 'vite.cli.config.ts', '--logLevel', 'error'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) throw new Error('构建命令行失败');

const dir = mkdtempSync(join(tmpdir(), 'shance-bench-cli-'));
try {
  const db = join(dir, 'library.db');
  const bin = join(ROOT, 'bin', 'shance.mjs');
  run([bin, 'list', '--db', db]); // creates the empty library; not counted
  console.log(`shance list，空项目库，${RUNS} 次（tsx 3 次）`);
  const bare = timed('node -e 0（Node 自身启动）', RUNS, ['-e', '0']);
  const built = timed('构建后 built (out/cli)', RUNS, [bin, 'list', '--db', db]);
  timed('tsx 运行源码 from source', 3, [bin, 'list', '--db', db], { SHANCE_FROM_SOURCE: '1' });
  console.log(`构建后比 Node 自身启动多 over bare Node: ${(built - bare).toFixed(0)} ms`);
  console.log(`目标 target < ${TARGET_MS} ms：${built < TARGET_MS ? '达到 met' : '未达到 not met（机器繁忙时 Node 自身启动也变慢，见上一行）'}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
