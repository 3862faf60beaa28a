import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createDispatch } from '../../src/core/api/dispatch';
import { createHandlers } from '../../src/core/api/handlers';
import { defaultTemplatesDir } from '../../src/core/paths';
import { BODY_LIMIT_BYTES, startBrowserDoor, type RunningDoor } from '../../src/server/browserDoor';
import { tmpDir, tmpLibrary } from './helpers/tmp';

let door: RunningDoor | null = null;
afterEach(async () => {
  await door?.close();
  door = null;
});

async function start() {
  const lib = tmpLibrary();
  const staticDir = join(tmpDir(), 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>善策</title>');
  writeFileSync(join(tmpDir(), 'secret.txt'), 'secret');
  door = await startBrowserDoor({ dispatch: createDispatch(createHandlers({ lib, templatesDir: defaultTemplatesDir() }), () => {}), staticDir });
  return { lib, door };
}

/** A raw HTTP request, so tests can send what a browser would not (a wrong Host, a bad path). */
function raw(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }) {
  return new Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: { Host: `127.0.0.1:${port}`, ...opts.headers } }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

const call = (d: RunningDoor, method: string, payload: unknown, headers: Record<string, string> = {}) =>
  raw(d.port, {
    method: 'POST',
    path: `/api/${method}`,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${d.token}`, ...headers },
    body: JSON.stringify(payload),
  });

describe('the browser door', () => {
  test('listens on 127.0.0.1 only and runs contract methods with the token', async () => {
    const { door: d, lib } = await start();
    expect((d.server.address() as { address: string }).address).toBe('127.0.0.1');
    const res = await call(d, 'proposal.create', { title: '黔江区大病救助', focusArea: 'health' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { title: '黔江区大病救助' } });
    expect(lib.proposals.count()).toBe(1);
  });

  test('refuses calls without the token, with a wrong one, or from another origin or host name', async () => {
    const { door: d, lib } = await start();
    const payload = { title: '不该创建' };
    expect((await call(d, 'proposal.create', payload, { Authorization: '' })).status).toBe(401);
    expect((await call(d, 'proposal.create', payload, { Authorization: `Bearer ${d.token}x` })).status).toBe(401);
    expect((await call(d, 'proposal.create', payload, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await call(d, 'proposal.create', payload, { Host: 'evil.example' })).status).toBe(403);
    expect((await call(d, 'proposal.create', payload, { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await raw(d.port, { method: 'GET', path: '/api/proposal.list', headers: { Authorization: `Bearer ${d.token}` } })).status).toBe(405);
    expect(lib.proposals.count()).toBe(0);
  });

  test('parses every input: bad JSON, bad payloads and unknown methods get Chinese errors', async () => {
    const { door: d } = await start();
    const bad = await raw(d.port, { method: 'POST', path: '/api/proposal.list', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${d.token}` }, body: '{oops' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.message).toBe('请求内容不是有效的 JSON');
    const invalid = await call(d, 'proposal.list', { limit: 'many' });
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.body).error.code).toBe('INVALID_INPUT');
    expect((await call(d, 'proposal.destroyEverything', {})).status).toBe(404);
    expect((await call(d, '../../etc', {})).status).toBe(404);
  });

  test('refuses a body over the limit', async () => {
    const { door: d } = await start();
    const res = await raw(d.port, {
      method: 'POST',
      path: '/api/bundle.inspect',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${d.token}` },
      body: Buffer.alloc(BODY_LIMIT_BYTES + 1024, 0x41),
    }).catch(() => ({ status: 413, body: '', headers: {} }));
    expect(res.status).toBe(413);
  }, 30_000);

  test('serves the renderer with a strict CSP and nothing outside its folder', async () => {
    const { door: d } = await start();
    const page = await raw(d.port, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('善策');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await raw(d.port, { path: '/../secret.txt' })).status).not.toBe(200);
    expect((await raw(d.port, { path: '/%2e%2e/secret.txt' })).status).toBe(403);
    expect((await raw(d.port, { path: '/missing.js' })).status).toBe(404);
  });
});
