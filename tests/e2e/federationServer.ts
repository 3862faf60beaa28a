import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * A real `shance server` process on embedded PostgreSQL (PGlite) for e2e tests, with accounts made by
 * its own CLI, and the steps a desk takes with it through 设置 → 总会服务器.
 */

const SHANCE = resolve('bin/shance.mjs');
export const PASSWORD = '总会测试密码-2026';

export type Account = readonly [name: string, district: string, role: 'drafter' | 'reviewer' | 'trainer' | 'admin'];

export interface RunningFederation {
  url: string;
  stop(): void;
}

function freePort(): Promise<number> {
  return new Promise((done) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

function run(args: string[], stdin = ''): Promise<{ code: number; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [SHANCE, ...args]);
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => done({ code: code ?? -1, err }));
    child.stdin.end(stdin);
  });
}

async function waitHealthy(url: string, server: ChildProcess): Promise<void> {
  for (let i = 0; i < 240; i += 1) {
    if (server.exitCode !== null) throw new Error(`总会服务器已退出（${server.exitCode}）`);
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('总会服务器未能启动');
}

/** Add the accounts with `shance server user add`, start `shance server` on a free port, and wait until it answers. */
export async function startFederation(accounts: readonly Account[]): Promise<RunningFederation> {
  const dataDir = mkdtempSync(join(tmpdir(), 'shance-fed-e2e-'));
  for (const [name, district, role] of accounts) {
    const added = await run(['server', 'user', 'add', name, '--district', district, '--role', role, '--password-stdin', '--data', dataDir], `${PASSWORD}\n`);
    expect(added.err).toBe('');
    expect(added.code).toBe(0);
  }
  const port = await freePort();
  const server = spawn(process.execPath, [SHANCE, 'server', '--data', dataDir, '--port', String(port)], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  const stop = () => {
    server.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitHealthy(url, server);
  } catch (e) {
    stop();
    throw e;
  }
  return { url, stop };
}

/** A Chinese desk at the size every screen must work at. */
export async function deskPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce' });
  return context.newPage();
}

/** 设置 → 总会服务器: fill in the login form and press 登录并同步. */
export async function login(page: Page, url: string, user: string, password = PASSWORD): Promise<void> {
  await page.getByRole('menuitem', { name: '设置' }).click();
  await page.getByLabel('服务器地址').fill(url);
  await page.getByLabel('用户名', { exact: true }).fill(user);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录并同步' }).click();
}

/** Log in, and wait for the first sync to finish. */
export async function connect(page: Page, url: string, user: string): Promise<void> {
  await login(page, url, user);
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'synced', { timeout: 30_000 });
  await expect(page.getByTestId('sync-indicator')).toHaveText(/^已同步 \d\d:\d\d$/);
  await expect(page.getByTestId('sync-result')).toBeVisible();
}

/**
 * 设置 → 立即同步, and wait for that sync (not the one before it) to finish: the result's finish
 * time changes, so a desk that already showed 已同步 is not taken as done.
 */
export async function syncNow(page: Page): Promise<void> {
  await page.goto(page.url().replace(/#.*$/, '#/v/settings'));
  const result = page.getByTestId('sync-result');
  const before = await result.getAttribute('data-finished-at');
  await page.getByRole('button', { name: '立即同步' }).click();
  await expect(result).not.toHaveAttribute('data-finished-at', before ?? '', { timeout: 30_000 });
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'synced');
}
