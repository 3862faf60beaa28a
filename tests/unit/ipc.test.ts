import type { IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { describe, expect, test } from 'vitest';
import { createDispatch } from '../../src/core/api/dispatch';
import { createHandlers } from '../../src/core/api/handlers';
import { defaultTemplatesDir } from '../../src/core/paths';
import { IPC_CHANNEL, isTrustedFrame, registerIpc, type IpcMainLike } from '../../src/main/ipc';
import { METHODS, type Envelope } from '../../src/shared/api/contract';
import { makeProposal } from './helpers/proposals';
import { tmpLibrary } from './helpers/tmp';

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

/** Stands in for Electron's ipcMain (the Electron binary cannot run here): it records handlers. */
class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  invoke(frame: Partial<WebFrameMain> | null, ...args: unknown[]): Promise<Envelope<unknown>> {
    const listener = this.handlers.get(IPC_CHANNEL);
    if (!listener) throw new Error('no handler');
    return listener({ senderFrame: frame } as IpcMainInvokeEvent, ...args) as Promise<Envelope<unknown>>;
  }
}

const APP_URL = 'file:///opt/shance/resources/app/out/renderer/index.html';
const appFrame = { url: `${APP_URL}#/p/abc`, parent: null } as unknown as WebFrameMain;

function wired() {
  const lib = tmpLibrary();
  const ipc = new FakeIpcMain();
  registerIpc(ipc, createDispatch(createHandlers({ lib, templatesDir: defaultTemplatesDir() }), () => {}), (f) => isTrustedFrame(f, APP_URL));
  return { ipc, lib };
}

describe('the Electron IPC door', () => {
  test('registers one channel that reaches every contract method', async () => {
    const { ipc } = wired();
    expect([...ipc.handlers.keys()]).toEqual([IPC_CHANNEL]);
    expect(await ipc.invoke(appFrame, 'proposal.nuke', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  test('no method fails with an internal error on input of the right shape', async () => {
    const { ipc, lib } = wired();
    const p = lib.proposals.insert(makeProposal({ title: '城口县助餐项目', sections: { background: '山区老人吃饭难' } }));
    const other = lib.proposals.insert(makeProposal({ title: '巫溪县助餐项目' }));
    // Shapes most methods take; each method gets the first its schema accepts. A method that accepts
    // none is still called (and must answer INVALID_INPUT, not crash).
    const shapes = [{}, { id: p.id }, { proposal: p }, { ids: [p.id, other.id] }, { a: p.id, b: other.id }, { id: p.id, rev: 1 }];
    const ran: string[] = [];
    for (const method of METHODS) {
      for (const shape of shapes) {
        const res = await ipc.invoke(appFrame, method, shape);
        if (!res.ok) expect([method, res.error.code, res.error.message]).not.toContain('INTERNAL');
        if (!res.ok) expect(res.error.code, method).not.toBe('UNKNOWN_METHOD');
        if (res.ok || res.error.code !== 'INVALID_INPUT') {
          ran.push(method);
          break;
        }
      }
    }
    // So the check above is not vacuous: this many methods got past validation and ran.
    expect(ran.length).toBeGreaterThanOrEqual(35);
  });

  test('validates input and answers in Chinese', async () => {
    const { ipc, lib } = wired();
    const res = await ipc.invoke(appFrame, 'proposal.create', { title: '   ', focusArea: 'moon' });
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!res.ok) expect(res.error.details?.join('\n')).toMatch(/请填写项目名称/);
    expect(lib.proposals.count()).toBe(0);
    const malformed = await ipc.invoke(appFrame, { not: 'a method name' }, {});
    expect(malformed).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    const created = await ipc.invoke(appFrame, 'proposal.create', { title: '南岸区社区阳光基金', focusArea: 'community' });
    expect(created.ok).toBe(true);
    expect(lib.proposals.count()).toBe(1);
  });

  test('refuses a foreign sender: another page, an iframe, no frame', async () => {
    const { ipc, lib } = wired();
    const foreign = [
      { url: 'https://evil.example/index.html', parent: null },
      { url: 'file:///tmp/other/index.html', parent: null },
      { url: APP_URL, parent: appFrame },
      null,
    ];
    for (const frame of foreign) {
      const res = await ipc.invoke(frame as WebFrameMain | null, 'proposal.create', { title: '不该创建的项目' });
      expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(lib.proposals.count()).toBe(0);
  });
});
