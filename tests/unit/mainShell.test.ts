import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WebFrameMain } from 'electron';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { tmpDir } from './helpers/tmp';

// The Electron binary cannot run here: every module of src/main is tested against this fake of
// the electron module, which records what the app registers and lets the test fire events.
type Handler = (...args: unknown[]) => unknown;
const fake = vi.hoisted(() => {
  const state = {
    isPackaged: false,
    singleInstance: true,
    dialogResponse: 1,
    opened: [] as string[],
    dialogs: [] as unknown[],
    errorBoxes: [] as string[][],
    quit: 0,
    appEvents: new Map<string, Handler[]>(),
    windows: [] as { url: string | null }[],
    protocolHandlers: new Map<string, Handler>(),
    privileged: [] as unknown[],
    ipc: new Map<string, Handler>(),
    permission: { request: null as Handler | null, check: null as Handler | null, device: null as Handler | null },
    ready: null as null | (() => void),
  };
  const on = (map: Map<string, Handler[]>) => (name: string, fn: Handler) => {
    map.set(name, [...(map.get(name) ?? []), fn]);
  };
  class BrowserWindow {
    static getAllWindows = () => state.windows;
    url: string | null = null;
    constructor() {
      state.windows.push(this);
    }
    on() {}
    once() {}
    loadURL(url: string) {
      this.url = url;
      return Promise.resolve();
    }
    isMinimized = () => false;
    restore() {}
    focus() {}
  }
  const electron = {
    app: {
      get isPackaged() {
        return state.isPackaged;
      },
      on: on(state.appEvents),
      whenReady: () => new Promise<void>((r) => (state.ready = r)),
      requestSingleInstanceLock: () => state.singleInstance,
      quit: () => (state.quit += 1),
      getPath: () => '',
    },
    BrowserWindow,
    dialog: {
      showMessageBox: async (...args: unknown[]) => {
        state.dialogs.push(args.at(-1));
        return { response: state.dialogResponse };
      },
      showErrorBox: (title: string, body: string) => state.errorBoxes.push([title, body]),
    },
    shell: { openExternal: async (url: string) => void state.opened.push(url) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Handler) => (state.permission.request = fn),
        setPermissionCheckHandler: (fn: Handler) => (state.permission.check = fn),
        setDevicePermissionHandler: (fn: Handler) => (state.permission.device = fn),
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => state.privileged.push(...s),
      handle: (scheme: string, fn: Handler) => state.protocolHandlers.set(scheme, fn),
    },
    ipcMain: { handle: (channel: string, fn: Handler) => state.ipc.set(channel, fn) },
    Menu: { setApplicationMenu: () => {}, buildFromTemplate: (t: unknown) => t },
    // As on a Linux desk without a keyring: the session token stays in its 0600 file, unencrypted.
    safeStorage: { isEncryptionAvailable: () => false },
  };
  return { state, electron };
});
vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

import { APP_RENDERER_URL, appFileFor, rendererUrlFor, serveAppProtocol } from '../../src/main/appProtocol';
import { isTrustedFrame } from '../../src/main/ipc';
import { confirmAndOpenExternal, hardenContents, hardenSession } from '../../src/main/security';

const S = fake.state;
beforeEach(() => {
  S.opened.length = 0;
  S.dialogs.length = 0;
  S.dialogResponse = 1;
});

/** A web contents that records its handlers, so a test can fire navigation events at it. */
function fakeContents() {
  const events = new Map<string, Handler[]>();
  let openHandler: ((d: { url: string }) => { action: string }) | null = null;
  return {
    on: (name: string, fn: Handler) => void events.set(name, [...(events.get(name) ?? []), fn]),
    setWindowOpenHandler: (fn: typeof openHandler) => void (openHandler = fn),
    fire(name: string, event: { url?: string }, url?: string) {
      let prevented = false;
      const e = { ...event, preventDefault: () => (prevented = true) };
      for (const fn of events.get(name) ?? []) fn(e, url);
      return prevented;
    },
    open: (url: string) => openHandler!({ url }),
    has: (name: string) => events.has(name),
  };
}

const isApp = (url: string) => isTrustedFrame({ url, parent: null }, APP_RENDERER_URL);

describe('navigation, new windows and webviews', () => {
  test('will-navigate away from the app is stopped; a web link is offered to the browser, other schemes are not', () => {
    const c = fakeContents();
    const offered: string[] = [];
    hardenContents(c as never, isApp, (u) => offered.push(u));
    expect(c.fire('will-navigate', {}, `${APP_RENDERER_URL}#/p/1`)).toBe(false);
    expect(c.fire('will-navigate', {}, 'https://evil.example/')).toBe(true);
    expect(c.fire('will-navigate', {}, 'file:///etc/passwd')).toBe(true);
    expect(c.fire('will-navigate', {}, 'app://other/index.html')).toBe(true);
    expect(offered).toEqual(['https://evil.example/']);
  });

  test('will-redirect and will-frame-navigate are blocked like will-navigate', () => {
    const c = fakeContents();
    hardenContents(c as never, isApp, () => {});
    expect(c.has('will-redirect')).toBe(true);
    expect(c.fire('will-redirect', {}, 'https://evil.example/')).toBe(true);
    expect(c.fire('will-redirect', {}, APP_RENDERER_URL)).toBe(false);
    expect(c.fire('will-frame-navigate', { url: 'https://evil.example/frame' })).toBe(true);
    expect(c.fire('will-frame-navigate', { url: APP_RENDERER_URL })).toBe(false);
    expect(c.fire('will-attach-webview', {})).toBe(true);
  });

  test('new windows are always denied; only web links are offered to the browser', () => {
    const c = fakeContents();
    const offered: string[] = [];
    hardenContents(c as never, isApp, (u) => offered.push(u));
    for (const url of ['https://gongyi.qq.com/', 'file:///C:/Windows/system32/calc.exe', 'javascript:alert(1)', APP_RENDERER_URL]) {
      expect(c.open(url)).toEqual({ action: 'deny' });
    }
    expect(offered).toEqual(['https://gongyi.qq.com/']);
  });

  test('external links open only after the user confirms', async () => {
    S.dialogResponse = 1;
    expect(await confirmAndOpenExternal('https://gongyi.qq.com/')).toBe(false);
    expect(S.opened).toEqual([]);
    expect(JSON.stringify(S.dialogs[0])).toContain('https://gongyi.qq.com/');
    S.dialogResponse = 0;
    expect(await confirmAndOpenExternal('https://gongyi.qq.com/')).toBe(true);
    expect(S.opened).toEqual(['https://gongyi.qq.com/']);
    expect(await confirmAndOpenExternal('smb://server/share')).toBe(false);
    expect(S.dialogs.length).toBe(2);
  });
});

describe('permissions and the IPC sender check', () => {
  test('every permission request and check is refused', () => {
    hardenSession(fake.electron.session.defaultSession as never);
    let granted: boolean | null = null;
    S.permission.request!(null, 'media', (ok: boolean) => (granted = ok));
    expect(granted).toBe(false);
    expect(S.permission.check!(null, 'notifications')).toBe(false);
    expect(S.permission.device!({})).toBe(false);
  });

  test('IPC is accepted only from the app page at app://shance, not from a frame or another origin', () => {
    const frame = (url: string, parent: unknown = null) => ({ url, parent }) as unknown as WebFrameMain;
    expect(isTrustedFrame(frame(`${APP_RENDERER_URL}#/editor`), APP_RENDERER_URL)).toBe(true);
    expect(isTrustedFrame(frame(APP_RENDERER_URL, {}), APP_RENDERER_URL)).toBe(false);
    expect(isTrustedFrame(frame('app://evil/index.html'), APP_RENDERER_URL)).toBe(false);
    expect(isTrustedFrame(frame('file:///tmp/index.html'), APP_RENDERER_URL)).toBe(false);
    expect(isTrustedFrame(null, APP_RENDERER_URL)).toBe(false);
  });
});

describe('the app:// protocol and the renderer address', () => {
  test('ELECTRON_RENDERER_URL is honoured only in a development run, and only for a local dev server', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173/' };
    expect(rendererUrlFor(false, env)).toBe('http://localhost:5173/');
    expect(rendererUrlFor(true, env)).toBe(APP_RENDERER_URL);
    expect(rendererUrlFor(false, { ELECTRON_RENDERER_URL: 'https://evil.example/' })).toBe(APP_RENDERER_URL);
    expect(rendererUrlFor(false, {})).toBe(APP_RENDERER_URL);
  });

  test('app:// serves only files inside the renderer folder, with the CSP', async () => {
    const dir = join(tmpDir(), 'renderer');
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>善策</title>');
    writeFileSync(join(dir, 'assets', 'a.js'), 'export {}');
    expect(appFileFor(dir, 'app://shance/')).toBe(join(dir, 'index.html'));
    // Dot segments are resolved by the URL itself and cannot climb above the folder.
    expect(appFileFor(dir, 'app://shance/%2e%2e/%2e%2e/etc/passwd')).toBe(join(dir, 'etc', 'passwd'));
    for (const bad of ['app://shance/..%2f..%2fetc/passwd', 'app://shance/assets%2f..%2f..%2fsecret', 'app://other/index.html', 'file:///etc/passwd', 'app://shance/%00']) {
      expect(appFileFor(dir, bad), bad).toBeNull();
    }
    serveAppProtocol(fake.electron.protocol as never, dir);
    const handle = S.protocolHandlers.get('app')!;
    const ok = (await handle({ url: 'app://shance/assets/a.js' })) as Response;
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('text/javascript');
    expect(ok.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(((await handle({ url: 'app://shance/..%2fsecret' })) as Response).status).toBe(403);
    expect(((await handle({ url: 'app://shance/missing.js' })) as Response).status).toBe(404);
  });
});

describe('the desktop entry point', () => {
  afterEach(() => {
    vi.resetModules();
    S.appEvents.clear();
    S.windows.length = 0;
    S.quit = 0;
    delete process.env.ELECTRON_RENDERER_URL;
  });

  test('a second instance quits at once and opens nothing', async () => {
    S.singleInstance = false;
    await import('../../src/main/index');
    expect(S.quit).toBe(1);
    expect(S.appEvents.has('web-contents-created')).toBe(false);
    expect(S.ready).toBeNull();
  });

  test('the first instance registers app://, hardens new contents and loads app://shance even if ELECTRON_RENDERER_URL is set in a packaged app', async () => {
    S.singleInstance = true;
    S.isPackaged = true;
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173/';
    process.env.SHANCE_DB = join(tmpDir(), 'library.db');
    const resourcesPath = process.resourcesPath;
    (process as { resourcesPath?: string }).resourcesPath = join(__dirname, '../..');
    try {
      await import('../../src/main/index');
      expect(S.appEvents.has('second-instance')).toBe(true);
      expect(S.appEvents.has('web-contents-created')).toBe(true);
      expect(S.privileged).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
      S.ready!();
      await new Promise((r) => setTimeout(r, 50));
      expect(S.errorBoxes).toEqual([]);
      expect(S.windows.map((w) => w.url)).toEqual([APP_RENDERER_URL]);
      expect(S.protocolHandlers.has('app')).toBe(true);
      expect(S.ipc.size).toBe(1);
      for (const fn of S.appEvents.get('will-quit') ?? []) fn();
    } finally {
      (process as { resourcesPath?: string }).resourcesPath = resourcesPath;
      delete process.env.SHANCE_DB;
    }
  });
});
