import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { CliIo } from '../../../src/cli/io';
import { runCli } from '../../../src/cli/run';

/** Run `shance ARGS` in this process and collect what it printed. */
export async function cli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; stdin?: string } = {}) {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => (out += t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => (err += t.endsWith('\n') ? t : `${t}\n`),
    cwd: opts.cwd ?? process.cwd(),
    env: opts.env ?? {},
    readStdin: async () => opts.stdin ?? '',
  };
  const code = await runCli(args, io);
  return { code, out, err };
}

/** Run the real `bin/shance.mjs` as a child process. */
export async function cliProcess(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const bin = resolve(__dirname, '../../../bin/shance.mjs');
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], { cwd: opts.cwd, env: { ...process.env, ...opts.env } });
    return { code: 0, out: stdout, err: stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout, err: x.stderr };
  }
}
