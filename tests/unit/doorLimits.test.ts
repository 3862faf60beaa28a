import { mkdirSync, writeFileSync } from 'node:fs';
import { request, type ClientRequest } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createDispatch } from '../../src/core/api/dispatch';
import { createHandlers } from '../../src/core/api/handlers';
import { defaultTemplatesDir } from '../../src/core/paths';
import { BODY_LIMIT_BYTES, LARGE_BODY_BYTES, MAX_LARGE_BODIES, startBrowserDoor, type RunningDoor } from '../../src/server/browserDoor';
import { combinePartsSchema } from '../../src/shared/api/methods/export';
import { tmpDir, tmpLibrary } from './helpers/tmp';

let door: RunningDoor | null = null;
const open: ClientRequest[] = [];
afterEach(async () => {
  for (const r of open.splice(0)) r.destroy();
  await door?.close();
  door = null;
});

async function start() {
  const lib = tmpLibrary();
  const staticDir = join(tmpDir(), 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html>');
  door = await startBrowserDoor({ dispatch: createDispatch(createHandlers({ lib, templatesDir: defaultTemplatesDir() }), () => {}), staticDir });
  return door;
}

/**
 * Start a POST that declares `length` bytes but sends only a little and keeps the body open, as a
 * slow or hostile client would. Resolves with the status if the server answers within `waitMs`,
 * or null if it is (still) waiting for the body.
 */
function startUpload(d: RunningDoor, length: number, waitMs = 1500): Promise<number | null> {
  return new Promise((resolve) => {
    const req = request({
      host: '127.0.0.1',
      port: d.port,
      method: 'POST',
      path: '/api/bundle.inspect',
      headers: { Host: `127.0.0.1:${d.port}`, 'Content-Type': 'application/json', Authorization: `Bearer ${d.token}`, 'Content-Length': String(length) },
    });
    open.push(req);
    const timer = setTimeout(() => resolve(null), waitMs);
    req.on('response', (res) => {
      clearTimeout(timer);
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => {});
    req.write('{"dataBase64":"');
  });
}

describe('request limits of the browser door', () => {
  test('a body declared over the limit is refused at once, before it is read', async () => {
    const d = await start();
    expect(await startUpload(d, BODY_LIMIT_BYTES + 1)).toBe(413);
  });

  test(`only ${MAX_LARGE_BODIES} large bodies are read at a time; small calls still go through`, async () => {
    const d = await start();
    const slow = [];
    for (let i = 0; i < MAX_LARGE_BODIES; i++) slow.push(await startUpload(d, LARGE_BODY_BYTES * 2, 300));
    expect(slow).toEqual(new Array(MAX_LARGE_BODIES).fill(null));
    expect(await startUpload(d, LARGE_BODY_BYTES * 2)).toBe(503);
    const small = await fetch(`http://127.0.0.1:${d.port}/api/proposal.list`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${d.token}` },
      body: '{}',
    });
    expect(small.status).toBe(200);
    // When the large uploads give up, their places are free again.
    for (const r of open.splice(0)) r.destroy();
    await new Promise((r) => setTimeout(r, 100));
    expect(await startUpload(d, LARGE_BODY_BYTES * 2, 300)).toBeNull();
  });

  test('export.combine caps the total of its parts, in Chinese', () => {
    const schema = combinePartsSchema(3 * 1024);
    const part = (kb: number) => ({ fileName: 'a.zip', dataBase64: 'A'.repeat(kb * 1024) });
    expect(schema.safeParse([part(1), part(1)]).success).toBe(true);
    const r = schema.safeParse([part(2), part(2), part(2)]);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toContain('合计过大');
  });
});
