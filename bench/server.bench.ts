/**
 * npm run bench:server — the federation server at the federation's scale, on PGlite and (when
 * SHANCE_TEST_DATABASE_URL or SHANCE_BENCH_DATABASE_URL names one) on a real PostgreSQL, side by side.
 *
 * The server runs as its own process (`shance server`), as it does in production; the desks are 42
 * concurrent clients in this process, one per district account plus the federation's reviewer.
 *   1. seed: the 41 districts push 1,000 submitted proposals of about 3,000 characters, each with a
 *      photo of its own, images first (requests per second);
 *   2. first full sync of a new desk: every proposal (without images, then with them);
 *   3. incremental sync: 42 desks at once each change one proposal, push it and pull what is new,
 *      review events too when the pull says some wait (p50 / p95 of one desk's whole sync), over several rounds;
 *   4. the federation-wide similar check: the store topped up to 10,000 proposals, the server
 *      restarted (its index loads them), then one draft at a time (p50 / p95);
 *   5. the server's peak memory (VmHWM) and requests per second.
 * SERVER_BENCH_ROUNDS (default 10), SERVER_BENCH_SEEDED (default 1,000) and SERVER_BENCH_SIMILAR_N (default 10,000)
 * change the sizes (smaller ones are for iterating, never for the quoted figures);
 * SERVER_BENCH_NODE_ARGS passes node options to the server process (e.g. --cpu-prof).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { addUser, openFederationStore } from '../src/federation';
import { applyProposal } from '../src/federation/proposals';
import { sha256Hex } from '../src/core/util/imageBytes';
import { DISTRICTS, SECTION_IDS } from '../src/shared/domain/catalog';
import { newProposal } from '../src/shared/domain/factory';
import type { ImageRef, Proposal } from '../src/shared/domain/proposal';
import { textToDoc } from '../src/shared/domain/richText';
import { loadCslClauses, plantedLayout, plantedProposal, rng, SyntheticCorpus } from './corpus/cslCorpus';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ROUNDS = Number(process.env.SERVER_BENCH_ROUNDS ?? 10);
const SIMILAR_N = Number(process.env.SERVER_BENCH_SIMILAR_N ?? 10_000);
const SEEDED = Number(process.env.SERVER_BENCH_SEEDED ?? 1_000);
const PASSWORD = 'bench-password-1';
const DESK_DISTRICTS = DISTRICTS.filter((d) => !d.includes('（'));

// Real Chinese text when the corpus is beside the repository, random characters otherwise.
const clauses = loadCslClauses();
const corpus = clauses ? new SyntheticCorpus(clauses) : null;
const layout = plantedLayout(SIMILAR_N + 500, 0.1, 7);

function randomText(seed: number, chars: number): string {
  const r = rng(seed);
  let s = '';
  for (let i = 0; i < chars; i++) s += String.fromCharCode(0x4e00 + Math.floor(r() * 0x5000)) + (i % 30 === 29 ? '。' : '');
  return s;
}

function makeProposal(n: number, district: string, status: Proposal['status'] = 'submitted'): Proposal {
  if (corpus) return { ...plantedProposal(corpus, layout, n, `b${n}-`), id: `b${n}`, district, status };
  const p = newProposal({ id: `b${n}`, title: `${district}项目${n}`, district });
  for (const s of SECTION_IDS) {
    const text = randomText(n * 31 + s.length, 430);
    p.sections[s] = { doc: textToDoc(text), text };
  }
  return { ...p, status };
}

/** A photo of its own for each proposal: bytes that are a JPEG by their header, ~20 KB. */
function photo(n: number): { ref: ImageRef; data: Buffer } {
  const data = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(20_000)]);
  const sha256 = sha256Hex(data);
  return {
    data,
    ref: { id: `img${n}`, sha256, fileName: `${n}.jpg`, mime: 'image/jpeg', width: 1200, height: 800, bytes: data.length, caption: '', source: '本会拍摄', isCover: true, focalPoint: { x: 0.5, y: 0.5 }, consent: { identifiablePeople: false, portraitConsent: false, minors: false, guardianConsent: false } },
  };
}

let requests = 0;
async function call<T>(url: string, method: string, payload: unknown, token?: string): Promise<T> {
  requests += 1;
  const res = await fetch(`${url}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(payload),
  });
  const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.value;
}

interface PullPage {
  proposals: { proposal: Proposal; rev: number }[];
  changes: { id: string; baseRev: number; rev: number }[];
  cursor: number;
  more: boolean;
  reviews?: boolean;
}

interface DeskState {
  cursor: number;
  /** How far it holds the review events. */
  reviewCursor: number;
  /** Each proposal's revision on this desk. */
  held: Map<string, number>;
}

/**
 * A desk's download, as the desk does it (src/core/sync/service.ts): pages from its cursor, asking
 * for changes; a change to a revision it does not hold is asked for whole (`sync.get`); then the
 * review events, when the pull says some wait. `held` is each proposal's revision on this desk (the
 * bench does not rebuild the text: the unit tests check that).
 */
async function syncDown(url: string, token: string, desk: DeskState): Promise<void> {
  let reviews = false;
  for (;;) {
    const page = await call<PullPage>(url, 'sync.pull', { cursor: desk.cursor, changes: true, reviewCursor: desk.reviewCursor }, token);
    reviews ||= page.reviews ?? true;
    for (const x of page.proposals) desk.held.set(x.proposal.id, x.rev);
    // Held already (its own push), held at the base (applied), or asked for whole.
    const missing = page.changes.filter((c) => desk.held.get(c.id) !== c.rev && desk.held.get(c.id) !== c.baseRev).map((c) => c.id);
    for (const c of page.changes) if (desk.held.get(c.id) === c.baseRev) desk.held.set(c.id, c.rev);
    if (missing.length > 0) {
      const whole = await call<{ proposals: { proposal: Proposal; rev: number }[] }>(url, 'sync.get', { ids: missing }, token);
      for (const x of whole.proposals) desk.held.set(x.proposal.id, x.rev);
    }
    desk.cursor = page.cursor;
    if (!page.more) break;
  }
  while (reviews) {
    const page = await call<{ cursor: number; more: boolean }>(url, 'review.pull', { cursor: desk.reviewCursor }, token);
    reviews = page.more && page.cursor !== desk.reviewCursor;
    desk.reviewCursor = page.cursor;
  }
}

function startServer(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  // SERVER_BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server (NODE_OPTIONS may not carry --cpu-prof).
  const nodeArgs = (process.env.SERVER_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, 'bin/shance.mjs'), 'server', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((done, fail) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /已启动：(http:\/\/\S+)（/.exec(out);
      if (m) done({ child, url: m[1]! });
    });
    child.once('exit', (code) => fail(new Error(`服务器退出（${code}）：${out}`)));
  });
}

async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** CPU time the process has used, user + system, in ms: what a phase cost the server, whatever else runs on the machine. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

function peakMemoryMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

interface Figures {
  seedSeconds: number;
  seedRps: number;
  firstSyncSeconds: number;
  firstSyncWithImagesSeconds: number;
  incP50: number;
  incP95: number;
  incRps: number;
  incCpuMs: number;
  similarN: number;
  indexLoadSeconds: number;
  simP50: number;
  simP95: number;
  simCopyP95: number;
  peakMb: number;
}

async function run(kind: 'pglite' | 'postgres', target: { dataDir?: string; databaseUrl?: string }): Promise<Figures> {
  const args = target.dataDir ? ['--data', target.dataDir] : ['--database-url', target.databaseUrl!];
  const setup = await openFederationStore(target);
  for (const d of DESK_DISTRICTS) await addUser(setup, { name: `desk${DESK_DISTRICTS.indexOf(d)}`, district: d, role: 'drafter', password: PASSWORD });
  await addUser(setup, { name: 'reviewer', district: '市慈善总会（本级）', role: 'reviewer', password: PASSWORD });
  await setup.close();

  let server = await startServer(args);
  let peak = 0;
  const login = (name: string) => call<{ token: string }>(server.url, 'auth.login', { user: name, password: PASSWORD }).then((r) => r.token);
  const desks = await Promise.all(
    DESK_DISTRICTS.map(async (district, i) => ({ district, token: await login(`desk${i}`), cursor: 0, reviewCursor: 0, held: new Map<string, number>(), own: [] as { p: Proposal; rev: number }[] })),
  );
  const reviewerToken = await login('reviewer');

  // 1. seed
  requests = 0;
  let t0 = performance.now();
  await Promise.all(
    desks.map(async (desk, d) => {
      for (let n = d; n < SEEDED; n += desks.length) {
        const img = photo(n);
        const p = { ...makeProposal(n, desk.district), images: [img.ref] };
        await call(server.url, 'images.put', { sha256: img.ref.sha256, mime: 'image/jpeg', data: img.data.toString('base64') }, desk.token);
        const { results } = await call<{ results: { status: string; rev: number }[] }>(server.url, 'sync.push', { items: [{ proposal: p, baseRev: null }] }, desk.token);
        if (results[0]!.status !== 'accepted') throw new Error(JSON.stringify(results[0]));
        desk.own.push({ p, rev: results[0]!.rev });
      }
    }),
  );
  const seedSeconds = (performance.now() - t0) / 1000;
  const seedRps = requests / seedSeconds;

  // 2. first full sync of a new desk
  t0 = performance.now();
  let cursor = 0;
  let pulled: Proposal[] = [];
  // What every desk holds when the incremental rounds start: each proposal at its revision then.
  const heldAtCursor = new Map<string, number>();
  for (;;) {
    const page = await call<PullPage>(server.url, 'sync.pull', { cursor }, reviewerToken);
    pulled = pulled.concat(page.proposals.map((x) => x.proposal));
    for (const x of page.proposals) heldAtCursor.set(x.proposal.id, x.rev);
    cursor = page.cursor;
    if (!page.more) break;
  }
  const firstSyncSeconds = (performance.now() - t0) / 1000;
  if (pulled.length !== SEEDED) throw new Error(`first sync saw ${pulled.length}`);
  const shas = [...new Set(pulled.flatMap((p) => p.images.map((i) => i.sha256)))];
  for (let i = 0; i < shas.length; i += 8) await Promise.all(shas.slice(i, i + 8).map((sha256) => call(server.url, 'images.get', { sha256 }, reviewerToken)));
  const firstSyncWithImagesSeconds = (performance.now() - t0) / 1000;
  // Submitted proposals are the reviewer's to decide on, not the district's to edit (the server refuses
  // that since review goes through it): the reviewer returns them first (untimed), so the districts may edit.
  await Promise.all(
    desks.map(async (desk) => {
      for (const mine of desk.own) {
        const out = await call<{ proposal: { rev: number } }>(server.url, 'review.act', { id: mine.p.id, action: 'return', reason: '请补充材料' }, reviewerToken);
        mine.p = { ...mine.p, status: 'returned' };
        mine.rev = out.proposal.rev;
      }
    }),
  );
  for (;;) {
    const page = await call<PullPage>(server.url, 'sync.pull', { cursor }, reviewerToken);
    for (const x of page.proposals) heldAtCursor.set(x.proposal.id, x.rev);
    cursor = page.cursor;
    if (!page.more) break;
  }
  // The review events of those returns, which every desk has brought down by now (the last one's number).
  let reviewCursor = 0;
  for (;;) {
    const page = await call<{ cursor: number; more: boolean }>(server.url, 'review.pull', { cursor: reviewCursor }, reviewerToken);
    reviewCursor = page.cursor;
    if (!page.more) break;
  }
  for (const desk of desks) {
    desk.cursor = cursor;
    desk.reviewCursor = reviewCursor;
    desk.held = new Map(heldAtCursor);
  }

  // 3. incremental sync, 42 desks at once (41 districts editing, the reviewer pulling)
  const samples: number[] = [];
  requests = 0;
  const incStart = performance.now();
  const incCpuStart = cpuMs(server.child.pid!);
  for (let round = 0; round < ROUNDS; round++) {
    await Promise.all([
      ...desks.map(async (desk) => {
        const t = performance.now();
        const mine = desk.own[round % desk.own.length]!;
        const edited = { ...mine.p, summary: `第 ${round} 轮修改`, updatedAt: new Date().toISOString() };
        const { results } = await call<{ results: { status: string; rev: number }[] }>(server.url, 'sync.push', { items: [{ proposal: edited, baseRev: mine.rev }] }, desk.token);
        mine.p = edited;
        mine.rev = results[0]!.rev;
        desk.held.set(mine.p.id, mine.rev);
        await syncDown(server.url, desk.token, desk);
        samples.push(performance.now() - t);
      }),
      (async () => {
        // The reviewer pulls from the same cursor every round (what it holds stays as it was then).
        const t = performance.now();
        await syncDown(server.url, reviewerToken, { cursor, reviewCursor, held: new Map(heldAtCursor) });
        samples.push(performance.now() - t);
      })(),
    ]);
  }
  const incRps = requests / ((performance.now() - incStart) / 1000);
  const incCpuMs = (cpuMs(server.child.pid!) - incCpuStart) / ROUNDS;
  peak = Math.max(peak, peakMemoryMb(server.child.pid!));

  // 4. the similar check against SIMILAR_N proposals: top up directly, then restart the server
  if (kind === 'pglite') await stopServer(server.child);
  const store = await openFederationStore(target);
  for (let n = SEEDED; n < SIMILAR_N; n += 500) {
    await store.db.transaction(async (tx) => {
      for (let k = n; k < Math.min(SIMILAR_N, n + 500); k++) {
        const district = DESK_DISTRICTS[k % DESK_DISTRICTS.length]!;
        await applyProposal(tx, makeProposal(k, district), null, 'bench', district);
      }
    });
  }
  await store.close();
  if (kind === 'postgres') await stopServer(server.child);
  t0 = performance.now();
  server = await startServer(args);
  const indexLoadSeconds = (performance.now() - t0) / 1000;
  const token = await login('desk0');
  const sim: number[] = [];
  let found = 0;
  for (let q = 0; q < 200; q++) {
    // New drafts, written after everything stored: the check's cost when (as mostly) nothing matches.
    const draft = { ...makeProposal(SIMILAR_N + q, DESK_DISTRICTS[0]!, 'draft'), id: `draft${q}` };
    const t = performance.now();
    const { matches } = await call<{ matches: unknown[] }>(server.url, 'dedupe.similar', { proposal: draft }, token);
    sim.push(performance.now() - t);
    if (matches.length > 0) found += 1;
  }
  // Near-copies of stored proposals from another district: the check's cost when it finds something.
  const simCopy: number[] = [];
  let copiesFound = 0;
  for (let q = 0; q < 100; q++) {
    const original = makeProposal((q * 97) % SIMILAR_N, DESK_DISTRICTS[1]!);
    const draft = { ...original, id: `copy${q}`, district: DESK_DISTRICTS[0]!, status: 'draft' as const, title: `${original.title}（新）` };
    for (const sid of SECTION_IDS) {
      const text = original.sections[sid].text.replace(/。/g, '。另外，');
      draft.sections = { ...draft.sections, [sid]: { doc: textToDoc(text), text } };
    }
    const t = performance.now();
    const { matches } = await call<{ matches: { id: string }[] }>(server.url, 'dedupe.similar', { proposal: draft }, token);
    simCopy.push(performance.now() - t);
    if (matches.some((m) => m.id === original.id)) copiesFound += 1;
  }
  peak = Math.max(peak, peakMemoryMb(server.child.pid!));
  await stopServer(server.child);
  console.log(`  [${kind}] 相似检查：200 份新草稿中 ${found} 份找到相似项目；100 份近似抄本中 ${copiesFound} 份找到原项目`);
  return {
    seedSeconds,
    seedRps,
    firstSyncSeconds,
    firstSyncWithImagesSeconds,
    incP50: pct(samples, 50),
    incP95: pct(samples, 95),
    incRps,
    incCpuMs,
    similarN: SIMILAR_N,
    indexLoadSeconds,
    simP50: pct(sim, 50),
    simP95: pct(sim, 95),
    simCopyP95: pct(simCopy, 95),
    peakMb: peak,
  };
}

const results: Record<string, Figures> = {};
const dir = mkdtempSync(join(tmpdir(), 'shance-server-bench-'));
try {
  console.log(`语料：${corpus ? 'CSL 摘要拼成的方案（约 3,000 字）' : '随机汉字（未找到 ../shared/corpora）'}；42 个桌面（41 个区县 + 总会审核人）；${ROUNDS} 轮增量同步`);
  results.pglite = await run('pglite', { dataDir: join(dir, 'pglite') });
  const adminUrl = process.env.SHANCE_BENCH_DATABASE_URL ?? process.env.SHANCE_TEST_DATABASE_URL;
  if (adminUrl) {
    const name = `shance_bench_${Date.now()}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    try {
      results.postgres = await run('postgres', { databaseUrl: url.toString() });
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  } else {
    console.log('（未设置 SHANCE_TEST_DATABASE_URL，跳过 PostgreSQL）');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const kinds = Object.keys(results);
const row = (label: string, f: (x: Figures) => string, target = '') =>
  console.log(`${label.padEnd(34)}${kinds.map((k) => f(results[k]!).padStart(16)).join('')}${target ? `   目标 ${target}` : ''}`);
console.log(`\n${''.padEnd(34)}${kinds.map((k) => k.padStart(16)).join('')}`);
row('上传 1,000 个方案（含图片）', (x) => `${x.seedSeconds.toFixed(1)} s`);
row('  上传时每秒请求数', (x) => `${x.seedRps.toFixed(0)} req/s`);
row('新桌面首次全量同步（不含图片）', (x) => `${x.firstSyncSeconds.toFixed(2)} s`, '< 10 s');
row('新桌面首次全量同步（含图片）', (x) => `${x.firstSyncWithImagesSeconds.toFixed(2)} s`);
row('42 个桌面同时增量同步 p50', (x) => ms(x.incP50));
row('42 个桌面同时增量同步 p95', (x) => ms(x.incP95), '< 200 ms');
row('  增量同步时每秒请求数', (x) => `${x.incRps.toFixed(0)} req/s`);
row('  每轮服务器 CPU 时间（42 次同步）', (x) => `${x.incCpuMs.toFixed(0)} ms`);
row('服务器载入相似索引（重启）', (x) => `${x.indexLoadSeconds.toFixed(1)} s`);
row('全总会相似检查 p50', (x) => ms(x.simP50));
row(`全总会相似检查 p95（${SIMILAR_N} 份）`, (x) => ms(x.simP95), '< 20 ms');
row('  近似抄本的相似检查 p95（应找到原项目）', (x) => ms(x.simCopyP95), '< 20 ms');
row('服务器峰值内存（VmHWM）', (x) => `${x.peakMb.toFixed(0)} MB`);
