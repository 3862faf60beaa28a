/**
 * Durability under kill -9, two programs writing at once, and 100 concurrent API calls.
 *
 * 1. KILLS (default 25) times: a child process saves proposals and imports a 20-proposal bundle in
 *    a loop, logging each write after its commit returns; it is killed with SIGKILL at a random
 *    moment. Then: every acknowledged save present, every import whole (all 20 or none), integrity ok.
 * 2. Two processes write the same library for TWO_WRITERS_S seconds (default 10): failed writes.
 * 3. A library of 2,000 proposals behind the browser door: 100 API calls at once (lists, reads,
 *    saves, creates, searches): errors and p50/p95 latency.
 * 4. An archive entry that claims 1,000 bytes and inflates to 256 MB: time to refuse it.
 *
 * `npm run bench -- durability`; KILLS=50 TWO_WRITERS_S=60 for the issue's full figures; PARTS=kill,api
 * runs only those parts.
 */
import { spawn, execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { zipSync } from 'fflate';
import { createDispatch } from '../src/core/api/dispatch';
import { createHandlers } from '../src/core/api/handlers';
import { Library } from '../src/core/library/library';
import { defaultTemplatesDir } from '../src/core/paths';
import { safeUnzip } from '../src/core/util/safeUnzip';
import { startBrowserDoor } from '../src/server/browserDoor';
import { makeProposal } from '../tests/unit/helpers/proposals';

const ROOT = resolve(import.meta.dirname, '..');
const KILLS = Number(process.env.KILLS ?? 25);
const TWO_WRITERS_S = Number(process.env.TWO_WRITERS_S ?? 10);
const BUNDLE_SIZE = 20;
/** Which parts to run (all by default): kill, writers, api, archive. */
const PARTS = new Set((process.env.PARTS ?? 'kill,writers,api,archive').split(','));
const work = mkdtempSync(join(tmpdir(), 'shance-durability-'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function killNine(): Promise<void> {
  const bundleLib = Library.open(join(work, 'bundle-source.db'));
  for (let i = 0; i < BUNDLE_SIZE; i++) bundleLib.proposals.insert(makeProposal({ title: `导入-${i}`, sections: { background: '导入的背景'.repeat(50) } }));
  const bundleIds = new Set([...bundleLib.proposals.all()].map((p) => p.id));
  const bundle = Buffer.from(bundleLib.exportBundle(null).bytes).toString('base64');
  bundleLib.close();

  const db = join(work, 'killed.db');
  const logPath = join(work, 'acks.log');
  let lostSaves = 0;
  let lostImports = 0;
  let halfImports = 0;
  let integrityFailures = 0;
  let acked = 0;
  let ackedImportsTotal = 0;
  for (let k = 0; k < KILLS; k++) {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/support/durabilityWorker.ts'), db, logPath, bundle], { cwd: ROOT, stdio: 'ignore' });
    // Wait until this run has acknowledged a write (startup under tsx takes seconds on a busy
    // machine), then kill it at a random moment while it keeps saving and importing.
    const ackedBefore = existsSync(logPath) ? readFileSync(logPath, 'utf8').length : 0;
    for (let waited = 0; waited < 30_000; waited += 50) {
      if (existsSync(logPath) && readFileSync(logPath, 'utf8').length > ackedBefore) break;
      await sleep(50);
    }
    await sleep(Math.random() * 700);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const lines = existsSync(logPath) ? readFileSync(logPath, 'utf8').split('\n').filter(Boolean) : [];
    const saves = lines.filter((l) => l.startsWith('save ')).map((l) => l.slice(5));
    const ackedImports = lines.filter((l) => l.startsWith('import ')).length;
    acked = lines.length;
    ackedImportsTotal = ackedImports;
    const lib = Library.open(db);
    if (lib.integrityProblems().length > 0 || lib.health.state !== 'ok') integrityFailures += 1;
    const ids = new Set((lib.db.prepare('SELECT id FROM proposals').all() as { id: string }[]).map((r) => r.id));
    lostSaves = Math.max(lostSaves, saves.filter((id) => !ids.has(id)).length);
    const originals = [...bundleIds].filter((id) => ids.has(id)).length;
    const copies = (lib.db.prepare("SELECT count(*) AS n FROM proposals WHERE title LIKE '%（导入副本）'").get() as { n: number }).n;
    if ((originals !== 0 && originals !== BUNDLE_SIZE) || copies % BUNDLE_SIZE !== 0) halfImports += 1;
    const importsPresent = (originals === BUNDLE_SIZE ? 1 : 0) + Math.floor(copies / BUNDLE_SIZE);
    lostImports = Math.max(lostImports, ackedImports - importsPresent);
    lib.close();
  }
  console.log(`kill -9 ${KILLS} 次（保存与导入进行中）：已确认的写入 ${acked} 条（其中导入 ${ackedImportsTotal} 次，每次 ${BUNDLE_SIZE} 个项目），丢失保存 ${lostSaves}，丢失导入 ${lostImports}，半截导入 ${halfImports}，完整性检查失败 ${integrityFailures}`);
}

async function twoWriters(): Promise<void> {
  const db = join(work, 'two.db');
  Library.open(db).close();
  const startAt = Date.now() + 3000;
  const run = (label: string) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/unit/helpers/libraryWriter.ts'), db, '0', label, String(startAt), String(TWO_WRITERS_S * 1000)], {
      cwd: ROOT,
      maxBuffer: 1 << 20,
    }).then(({ stdout }) => JSON.parse(stdout.trim().split('\n').pop()!) as { ok: number; failed: number; failures: string[] });
  const [a, b] = await Promise.all([run('A'), run('B')]);
  console.log(
    `两个进程同时写入 ${TWO_WRITERS_S} 秒：成功 ${a.ok + b.ok} 次（${a.ok} + ${b.ok}），失败 ${a.failed + b.failed} 次${a.failures.concat(b.failures).length ? `（${a.failures.concat(b.failures)[0]}）` : ''}`,
  );
}

async function concurrentApi(): Promise<void> {
  const lib = Library.open(join(work, 'big.db'));
  const ids: string[] = [];
  lib.db.transaction(() => {
    for (let i = 0; i < 2000; i++) {
      ids.push(lib.proposals.insert(makeProposal({ title: `项目${i} ${['助学', '助老', '济困', '医疗'][i % 4]}`, sections: { background: `第 ${i} 个项目的背景与需求。`.repeat(30) } })).id);
    }
  })();
  const staticDir = join(work, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html>');
  const door = await startBrowserDoor({ dispatch: createDispatch(createHandlers({ lib, templatesDir: defaultTemplatesDir() }), () => {}), staticDir });
  const call = async (method: string, payload: unknown) => {
    const t = performance.now();
    const res = await fetch(`http://127.0.0.1:${door.port}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${door.token}` },
      body: JSON.stringify(payload),
    });
    const body = (await res.json()) as { ok: boolean };
    return { ms: performance.now() - t, ok: res.status === 200 && body.ok };
  };
  const pick = () => ids[Math.floor(Math.random() * ids.length)]!;
  const calls = Array.from({ length: 100 }, (_, i) => {
    switch (i % 5) {
      case 0:
        return () => call('proposal.list', {});
      case 1:
        return () => call('proposal.get', { id: pick() });
      case 2:
        return () => call('proposal.list', { query: '助学' });
      case 3:
        return async () => {
          const p = lib.proposals.get(pick());
          return call('proposal.save', { proposal: { ...p, summary: `并发修改 ${i}`, updatedAt: new Date(Date.now() + 1000).toISOString() } });
        };
      default:
        return () => call('proposal.create', { title: `并发新建 ${i}` });
    }
  });
  const t0 = performance.now();
  const results = await Promise.all(calls.map((c) => c()));
  const wall = performance.now() - t0;
  await door.close();
  lib.close();
  const times = results.map((r) => r.ms);
  console.log(
    `2,000 个项目的项目库，100 个并发 API 调用：错误 ${results.filter((r) => !r.ok).length}，p50 ${pct(times, 50).toFixed(0)} ms，p95 ${pct(times, 95).toFixed(0)} ms，总耗时 ${wall.toFixed(0)} ms`,
  );
}

function archiveBomb(): void {
  const zip = zipSync({ 'manifest.json': [new Uint8Array(256 * 1024 * 1024), { level: 9 }] });
  const view = new DataView(zip.buffer);
  for (let i = 0; i + 4 < zip.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x04034b50) view.setUint32(i + 22, 1000, true);
    if (sig === 0x02014b50) view.setUint32(i + 24, 1000, true);
  }
  const times: number[] = [];
  let refused = 0;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    try {
      safeUnzip(zip, { what: '交换包', code: 'BUNDLE_INVALID', limits: { entries: 10, entryBytes: 1e9, totalBytes: 2e9 } });
    } catch {
      refused += 1;
    }
    times.push(performance.now() - t);
  }
  console.log(`声明 1,000 字节、实际解压为 256 MB 的条目（压缩后 ${(zip.length / 1024).toFixed(0)} KB）：5 次中拒绝 ${refused} 次，耗时中位数 ${pct(times, 50).toFixed(1)} ms`);
}

try {
  if (PARTS.has('kill')) await killNine();
  if (PARTS.has('writers')) await twoWriters();
  if (PARTS.has('api')) await concurrentApi();
  if (PARTS.has('archive')) archiveBomb();
} finally {
  rmSync(work, { recursive: true, force: true });
}
