import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Library } from '../../src/core/library/library';
import { applyProposal } from '../../src/federation/proposals';
import { statsReportSchema } from '../../src/shared/stats/report';
import { cli } from './helpers/cli';
import { CITY, LIBRARY, W } from './helpers/statsFixture';
import { writeServerStatsProposals } from './helpers/statsLibrary';
import { makeListing, makeProposal } from './helpers/proposals';
import { PASSWORD, startSyncServer } from './helpers/syncServer';
import { tmpDir } from './helpers/tmp';

/**
 * `shance report --server` and `shance disclosure due --server`: the command line asks the real
 * federation server (PGlite) the library is logged in to, as the 统计 and 披露日程 screens do, and
 * falls back to the library with the same notes when it cannot.
 */

const J = '江北区';
// Live since 2025 on 支付宝公益 for 4 months (no platform clock): 结项 disclosure due 2025-08-31, long overdue whenever this runs.
const ONLY_ON_SERVER = makeProposal({ title: '江北 助学', district: J, status: 'live', projectPeriod: { start: '2025-02-01', end: '2025-05-31' }, fundraisingPeriod: { start: '2025-02-01', end: '2025-05-31' }, listings: [makeListing('alipay', '2025-02-01')] });
const OFFLINE_NOTE = '未连接总会服务器，以下为本机数据';

let fed: Awaited<ReturnType<typeof startSyncServer>>;
let running = false;
beforeAll(async () => {
  fed = await startSyncServer([
    { name: 'shenhe', district: CITY, role: 'reviewer' },
    { name: 'wanzhou', district: W, role: 'drafter' },
  ]);
  running = true;
  await writeServerStatsProposals(fed.store.db, LIBRARY);
  await fed.store.db.transaction((tx) => applyProposal(tx, ONLY_ON_SERVER, null, 'seed', J));
}, 180_000);
afterAll(async () => {
  if (running) await fed?.stop();
});

/**
 * A library file logged in to the server as `user` by `shance sync`; other districts' synced copies
 * dropped, so whatever of theirs a command shows came from the server.
 */
async function loggedIn(user: string): Promise<{ dir: string; db: string }> {
  const dir = tmpDir();
  const db = join(dir, 'library.db');
  const synced = await cli(['sync', '--server', fed.server.url, '--user', user, '--password-stdin', '--db', db], { stdin: PASSWORD });
  expect(synced.err).toBe('');
  expect(synced.code).toBe(0);
  const lib = Library.open(db);
  lib.db.exec('DELETE FROM remote_proposals');
  lib.close();
  return { dir, db };
}

const json = (out: string) => JSON.parse(out) as Record<string, unknown> & { origin?: unknown };

interface DueJson {
  items: { proposalId: string; clock: string; due: string; state: string; district: string }[];
  today: string | null;
  origin?: unknown;
  notHere?: string[];
}
/** `shance disclosure due --json ARGS` on `db`, its output parsed. */
async function dueJson(db: string, ...args: string[]) {
  const res = await cli(['disclosure', 'due', '--json', '--db', db, ...args]);
  return { ...res, list: JSON.parse(res.out) as DueJson };
}

describe('shance report --server', () => {
  it('prints the server\'s federation report with its origin; without --server the library\'s, as before', async () => {
    const { dir, db } = await loggedIn('shenhe');
    const res = await cli(['report', '--period', '2026-Q3', '--server', '--db', db], { cwd: dir });
    expect(res.code).toBe(0);
    expect(res.err).toBe('数据来源：总会服务器\n');
    const fromServer = json(res.out);
    expect(fromServer.origin).toEqual({ source: 'server', note: null });
    const r = statsReportSchema.parse(fromServer);
    expect(r.source).toBe('federation');
    // Counted by hand from the fixture (tests/unit/helpers/statsFixture.ts): A, C, F and J created in Q3; A and B live.
    expect(r.totals).toMatchObject({ created: 4, live: 2, ended: 1, targetFen: 1_500_000, raisedFen: 170_000, donations: 34 });

    // Not asked: the library's own figures (only F, the desk's own district, came down), no origin, nothing on stderr.
    const own = await cli(['report', '--period', '2026-Q3', '--db', db], { cwd: dir });
    expect(own).toMatchObject({ code: 0, err: '' });
    const local = json(own.out);
    expect(local).not.toHaveProperty('origin');
    expect(statsReportSchema.parse(local)).toMatchObject({ source: 'library', totals: { created: 1, live: 0 } });
  });

  it('puts the origin in the --json result of an XLSX, and writes the server\'s figures into it', async () => {
    const { dir, db } = await loggedIn('shenhe');
    const res = await cli(['report', '--period', '2026-Q3', '--format', 'xlsx', '--server', '--json', '--db', db], { cwd: dir });
    expect(res.code).toBe(0);
    // --json: the origin is in the JSON, stderr stays quiet for scripts.
    expect(res.err).toBe('');
    const out = json(res.out) as { file: string; bytes: number; empty: boolean; origin: unknown };
    expect(out).toMatchObject({ file: join(dir, '统计-2026-Q3.xlsx'), empty: false, origin: { source: 'server', note: null } });
    expect(readFileSync(out.file).length).toBe(out.bytes);
    // The server's 4 projects created in 2026-Q3 (by hand, from the fixture); the library alone has 1.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out.file) as unknown as ArrayBuffer);
    expect(wb.getWorksheet('说明')!.getCell('B4').value).toMatch(/^2026年第三季度，全市（联合会）共新建项目 4 个/);
  });

  it('falls back to the library with the screen\'s note, exit 0, when the login lapsed, none was made, or the token is the desktop\'s', async () => {
    const { dir, db } = await loggedIn('shenhe');
    const lib = Library.open(db);
    lib.db.prepare("UPDATE sync_server SET token_expires_at = '2020-01-01T00:00:00Z'").run();
    lib.close();
    const lapsed = await cli(['report', '--period', '2026-Q3', '--server', '--db', db], { cwd: dir });
    expect(lapsed.code).toBe(0);
    expect(json(lapsed.out).origin).toEqual({ source: 'local', note: '总会服务器的登录已失效（请在 设置 → 总会服务器 中重新登录），以下为本机数据' });
    expect(statsReportSchema.parse(json(lapsed.out)).totals.created).toBe(1);

    // A library that never logged in.
    const fresh = join(tmpDir(), 'library.db');
    Library.open(fresh).close();
    const never = await cli(['report', '--period', '2026-Q3', '--server', '--db', fresh]);
    expect(never.code).toBe(0);
    expect(never.err).toBe(`数据来源：本机项目库（${OFFLINE_NOTE}）\n`);
    expect(json(never.out).origin).toEqual({ source: 'local', note: OFFLINE_NOTE });

    // The desktop's login, encrypted with a key the command line does not have: say how to log in here.
    const desktop = await loggedIn('shenhe');
    expect(existsSync(`${desktop.db}.session`)).toBe(true);
    writeFileSync(`${desktop.db}.session`, 'shance-session safeStorage\nAAAA');
    const encrypted = await cli(['report', '--period', '2026-Q3', '--server', '--json', '--format', 'docx', '--db', desktop.db], { cwd: desktop.dir });
    expect(encrypted.code).toBe(0);
    const note = (json(encrypted.out) as { origin: { source: string; note: string } }).origin;
    expect(note.source).toBe('local');
    expect(note.note).toContain('命令行没有可用的总会服务器登录');
    expect(note.note).toContain('shance sync --server');
  });

  it('still refuses a malformed period in Chinese', async () => {
    const { db } = await loggedIn('shenhe');
    const bad = await cli(['report', '--period', '2026-Q9', '--server', '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('统计期间「2026-Q9」无效');
  });
});

describe('shance disclosure due --server', () => {
  it('lists every district\'s due disclosures from the server for a reviewer; without --server they are not there', async () => {
    const { db } = await loggedIn('shenhe');
    const { list: all, ...res } = await dueJson(db, '--server');
    expect(res).toMatchObject({ code: 0, err: '' });
    expect(all.origin).toEqual({ source: 'server', note: null });
    expect(all.items.filter((i) => i.proposalId === ONLY_ON_SERVER.id).map((i) => [i.clock, i.due, i.state, i.district])).toEqual([['completion', '2025-08-31', 'veryLate', J]]);
    expect(all.notHere).toContain(ONLY_ON_SERVER.id);
    expect(all.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const local = await dueJson(db);
    // The JSON as it always was: items and today (null unless --today), nothing else.
    expect(local.list).toMatchObject({ today: null });
    expect(Object.keys(local.list)).toEqual(['items', 'today']);
    expect(local.list.items.map((i) => i.proposalId)).not.toContain(ONLY_ON_SERVER.id);

    const text = await cli(['disclosure', 'due', '--server', '--db', db]);
    expect(text.code).toBe(0);
    expect(text.err).toBe('数据来源：总会服务器\n');
    expect(text.out).toContain('江北 助学');
  });

  it('gives a drafter\'s desk its own list for the whole federation, saying why, and the server\'s for its own district', async () => {
    const { db } = await loggedIn('wanzhou');
    const { list, code } = await dueJson(db, '--server');
    expect(code).toBe(0);
    expect(list.origin).toEqual({ source: 'local', note: '总会服务器只向总会审核人和管理员提供其他区县的披露日程，以下为本机数据（含已同步的其他区县项目）' });
    expect(list.items.map((i) => i.proposalId)).not.toContain(ONLY_ON_SERVER.id);

    const { list: ownList } = await dueJson(db, '--server', '--district', W);
    expect(ownList.origin).toEqual({ source: 'server', note: null });
    expect(ownList.items.length).toBeGreaterThan(0);
    expect(ownList.items.every((i) => i.district === W)).toBe(true);
    expect(ownList.items.some((i) => i.proposalId === 'A')).toBe(true);
  });

  it('refuses --today with --server in Chinese: the server reckons from its own today', async () => {
    const { db } = await loggedIn('shenhe');
    const res = await dueJson(db, '--server', '--today', '2026-04-01');
    expect(res.code).toBe(2);
    expect(res.err).toContain('--today 只用于本机项目库的计算，不能与 --server 同用');
    expect(res.list).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    // --today alone still works on the library, as before.
    const local = await dueJson(db, '--today', '2026-04-01');
    expect(local.code).toBe(0);
    expect(local.list.today).toBe('2026-04-01');
  });
});

// Last: stops the server.
describe('with the server stopped', () => {
  it('both commands answer from the library with the note, and exit 0', async () => {
    const { dir, db } = await loggedIn('shenhe');
    await fed.stop();
    running = false;
    const report = await cli(['report', '--period', '2026-Q3', '--server', '--db', db], { cwd: dir });
    expect(report.code).toBe(0);
    expect(report.err).toBe(`数据来源：本机项目库（${OFFLINE_NOTE}）\n`);
    expect(json(report.out).origin).toEqual({ source: 'local', note: OFFLINE_NOTE });
    expect(statsReportSchema.parse(json(report.out))).toMatchObject({ source: 'library', totals: { created: 1 } });

    const { list, code } = await dueJson(db, '--server');
    expect(code).toBe(0);
    expect(list.origin).toEqual({ source: 'local', note: OFFLINE_NOTE });
    expect(list.items.map((i) => i.proposalId)).not.toContain(ONLY_ON_SERVER.id);
    const text = await cli(['disclosure', 'due', '--server', '--db', db]);
    expect(text.code).toBe(0);
    expect(text.err).toBe(`数据来源：本机项目库（${OFFLINE_NOTE}）\n`);
  });
});
