import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addUser, openFederationStore } from '../../src/federation';
import { contentHash } from '../../src/core/util/contentHash';
import { parseProposal } from '../../src/shared/domain/factory';
import type { Proposal } from '../../src/shared/domain/proposal';
import type { PushResult } from '../../src/shared/federation/contract';
import { makeProposal } from './helpers/proposals';
import { cjkText } from './helpers/dedupeText';
import { DATABASES, PASSWORD, freshDatabase } from './helpers/federation';
import { tmpDir } from './helpers/tmp';

const BIN = resolve(__dirname, '../../bin/shance.mjs');
const ROUNDS = 4;

/** Start `shance server` as its own process and wait for the address it prints. */
function startServer(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, 'server', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((done, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`服务器未启动：${out}`)), 90_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /已启动：(http:\/\/\S+)（/.exec(out);
      if (m) {
        clearTimeout(timer);
        done({ child, url: m[1]! });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', () => fail(new Error(`服务器退出：${out}`)));
  });
}

async function call(url: string, method: string, payload: unknown, token?: string): Promise<{ ok: boolean; value?: unknown }> {
  const res = await fetch(`${url}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(payload),
  });
  return (await res.json()) as { ok: boolean; value?: unknown };
}

describe.each(DATABASES)('a federation server on %s killed mid-sync', (kind) => {
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const d of drops) await d();
  });

  it(
    'loses no acknowledged change and leaves no half-applied proposal',
    async () => {
      const db = await freshDatabase(kind);
      drops.push(db.drop);
      const target = kind === 'pglite' ? { dataDir: join(tmpDir(), 'server') } : db.target;
      const args = target.dataDir ? ['--data', target.dataDir] : ['--database-url', target.databaseUrl!];
      const setup = await openFederationStore(target);
      await addUser(setup, { name: 'yubei', district: '渝北区', role: 'drafter', password: PASSWORD });
      await setup.close();

      const acked = new Map<string, { rev: number; hash: string }>();
      const live = new Map<string, { p: Proposal; rev: number | null }>();
      let seed = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const { child, url } = await startServer(args);
        const exited = new Promise((r) => child.once('exit', r));
        const login = await call(url, 'auth.login', { user: 'yubei', password: PASSWORD });
        const token = (login.value as { token: string }).token;
        // Killed at a random moment once pushes are flowing, however slowly the server started.
        let killer: NodeJS.Timeout | undefined;
        try {
          for (;;) {
            // Half the time a new proposal, half the time an edit of one already sent.
            const existing = [...live.values()];
            const item =
              existing.length > 0 && seed % 2 === 1
                ? existing[seed % existing.length]!
                : { p: makeProposal({ district: '渝北区', title: `项目${seed}`, sections: { background: cjkText(seed, 400) } }), rev: null };
            const p = { ...item.p, summary: `第 ${seed} 次修改`, updatedAt: new Date(Date.now() + seed).toISOString() };
            seed += 1;
            let r: { ok: boolean; value?: unknown };
            try {
              r = await call(url, 'sync.push', { items: [{ proposal: p, baseRev: item.rev }] }, token);
            } catch {
              // The connection died with the server: what was acknowledged must survive.
              break;
            }
            const result = (r.value as { results: PushResult[] }).results[0]!;
            // A push the server committed but could not acknowledge before it died comes back as a
            // conflict next time (the desk's base revision is one behind); the later edit still wins.
            if (result.status === 'conflict') {
              expect(result.yoursWon).toBe(true);
              acked.set(p.id, { rev: result.current.rev, hash: result.current.hash });
              live.set(p.id, { p, rev: result.current.rev });
              continue;
            }
            expect(result.status).toBe('accepted');
            if (result.status !== 'accepted') break;
            acked.set(p.id, { rev: result.rev, hash: result.hash });
            live.set(p.id, { p, rev: result.rev });
            killer ??= setTimeout(() => child.kill('SIGKILL'), 100 + Math.random() * 900);
          }
        } finally {
          clearTimeout(killer);
          child.kill('SIGKILL');
          await exited;
        }
      }
      expect(acked.size).toBeGreaterThanOrEqual(ROUNDS);

      const store = await openFederationStore(target);
      try {
        const rows = await store.db.query<{ id: string; rev: number; hash: string; doc: unknown }>('SELECT id, rev, hash, doc FROM proposal_docs');
        const byId = new Map(rows.map((r) => [r.id, r]));
        for (const [id, want] of acked) {
          const row = byId.get(id);
          expect(row, `acknowledged ${id} is missing`).toBeDefined();
          expect(row!.rev).toBeGreaterThanOrEqual(want.rev);
          const [rev] = await store.db.query<{ hash: string }>('SELECT hash FROM proposal_revisions WHERE proposal_id = $1 AND rev = $2', [id, want.rev]);
          expect(rev?.hash).toBe(want.hash);
        }
        for (const row of rows) {
          // Whole or nothing: the stored text is the text the hash names, and every revision is there.
          expect(contentHash(parseProposal(row.doc))).toBe(row.hash);
          const [{ n }] = (await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM proposal_revisions WHERE proposal_id = $1', [row.id])) as [{ n: number }];
          expect(n).toBe(row.rev);
        }
      } finally {
        await store.close();
      }
    },
    300_000,
  );
});
