import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session as electronSession } from 'electron';
import { defaultTemplatesDir, LibrarySession, resolveDbPath, type TokenEncryptor } from '../core';
import { isAppError } from '../shared/errors';
import { registerAppScheme, rendererUrlFor, serveAppProtocol } from './appProtocol';
import { isTrustedFrame, registerIpc } from './ipc';
import { installMenu } from './menu';
import { hardenContents, hardenSession } from './security';

// The desktop door, kept thin: everything it does is a window around the renderer and one IPC
// channel into the same core the browser door and the CLI use.

const here = dirname(fileURLToPath(import.meta.url));
const rendererUrl = rendererUrlFor(app.isPackaged, process.env);
const templatesDir = app.isPackaged ? join(process.resourcesPath, 'templates') : defaultTemplatesDir();
const isAppUrl = (url: string) => isTrustedFrame({ url, parent: null }, rendererUrl);

let mainWindow: BrowserWindow | null = null;

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1360,
    height: 880,
    minWidth: 1024,
    minHeight: 680,
    title: '善策 ShanCe',
    show: false,
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  mainWindow = win;
  win.on('closed', () => (mainWindow = null));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(rendererUrl);
}

// One app per user: a second start brings the running window forward instead of opening the
// library a second time from another process.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  registerAppScheme(protocol);
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, isAppUrl));

  void app.whenReady().then(() => {
    hardenSession(electronSession.defaultSession);
    serveAppProtocol(protocol, join(here, '../renderer'));
    // The library with its daily backups and the federation sync timer (the window never waits
    // for either); restoring a backup reopens it behind the same dispatch.
    let session: LibrarySession;
    try {
      session = LibrarySession.open({ dbPath: resolveDbPath({ fallbackDir: app.getPath('userData') }), templatesDir, background: {}, tokenEncryptor: tokenEncryptor() });
    } catch (e) {
      dialog.showErrorBox('无法打开项目库', isAppError(e) ? e.message : String(e));
      app.quit();
      return;
    }
    if (session.lib.healthNotice) dialog.showErrorBox('项目库已损坏', session.lib.healthNotice);
    app.on('will-quit', () => session.close());
    registerIpc(ipcMain, session.dispatch, (frame) => isTrustedFrame(frame, rendererUrl));
    installMenu();
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

/** Electron's safeStorage (the system keychain or DPAPI), when this computer offers it. */
function tokenEncryptor(): TokenEncryptor | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  return { encrypt: (plain) => safeStorage.encryptString(plain), decrypt: (data) => safeStorage.decryptString(data) };
}
