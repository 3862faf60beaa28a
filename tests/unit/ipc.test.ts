import type { IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { describe, expect, test } from 'vitest';
import { createDispatch } from '../../src/core/api/dispatch';
import { createHandlers } from '../../src/core/api/handlers';
import { defaultTemplatesDir } from '../../src/core/paths';
import { IPC_CHANNEL, isTrustedFrame, registerIpc, type IpcMainLike } from '../../src/main/ipc';
import { METHODS, type Envelope } from '../../src/shared/api/contract';
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
    for (const method of METHODS) {
      const res = await ipc.invoke(appFrame, method, {});
      // Either it ran, or its input was checked; never "unknown method".
      if (!res.ok) expect(res.error.code, method).not.toBe('UNKNOWN_METHOD');
    }
    expect((await ipc.invoke(appFrame, 'proposal.nuke', {})).ok).toBe(false);
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
