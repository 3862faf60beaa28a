import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Library } from '../../src/core/library/library';
import { makeProposal } from './helpers/proposals';
import { PASSWORD, startSyncServer } from './helpers/syncServer';
import { tmpDir } from './helpers/tmp';

let fed: Awaited<ReturnType<typeof startSyncServer>>;
beforeAll(async () => {
  fed = await startSyncServer([{ name: 'beibei', district: '北碚区', role: 'drafter' }]);
}, 180_000);
afterAll(async () => {
  await fed?.stop();
});

/** The real `shance` command in a child process, with the password on its standard input. */
function shance(args: string[], stdin: string): Promise<{ code: number; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [resolve(__dirname, '../../bin/shance.mjs'), ...args], { env: { ...process.env, SHANCE_DB: '' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => done({ code: code ?? -1, out, err }));
    child.stdin.end(stdin);
  });
}

describe('shance sync', () => {
  it('exits non-zero in Chinese on a wrong password or an unreachable server, without creating or touching the library', async () => {
    const db = join(tmpDir(), 'library.db');
    const wrong = await shance(['sync', '--server', fed.server.url, '--user', 'beibei', '--password-stdin', '--db', db], '不对的密码-1234\n');
    expect(wrong.code).not.toBe(0);
    expect(wrong.err).toMatch(/用户名或密码不正确/);
    expect(existsSync(db)).toBe(false);

    const away = await shance(['sync', '--server', 'http://127.0.0.1:9', '--user', 'beibei', '--password-stdin', '--db', db], `${PASSWORD}\n`);
    expect(away.code).not.toBe(0);
    expect(away.err).toMatch(/无法连接总会服务器/);
    expect(existsSync(db)).toBe(false);
  }, 60_000);

  it('syncs a library: sends its changed proposals and reports in JSON', async () => {
    const db = join(tmpDir(), 'library.db');
    const lib = Library.open(db);
    const p = lib.proposals.insert(makeProposal({ title: '北碚区图书角', district: '北碚区' }));
    lib.close();
    const res = await shance(['sync', '--server', fed.server.url, '--user', 'beibei', '--password-stdin', '--db', db, '--json'], `${PASSWORD}\n`);
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    const summary = JSON.parse(res.out) as { uploaded: number; pending: number; user: { district: string } };
    expect(summary).toMatchObject({ uploaded: 1, pending: 0, user: { district: '北碚区' } });
    const again = Library.open(db);
    try {
      const row = again.db.prepare('SELECT rev FROM sync_proposals WHERE proposal_id = ?').get(p.id) as { rev: number };
      expect(row.rev).toBe(1);
    } finally {
      again.close();
    }
  }, 60_000);
});
