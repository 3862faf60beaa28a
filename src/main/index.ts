import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain } from 'electron';
import { createDispatch, createHandlers, defaultTemplatesDir, Library, resolveDbPath, startSyncTimer, syncServiceFor } from '../core';
import { isAppError } from '../shared/errors';
import { isTrustedFrame, registerIpc } from './ipc';
import { installMenu } from './menu';
import { hardenApp } from './security';

// The desktop door, kept thin: everything it does is a window around the renderer and one IPC
// channel into the same core the browser door and the CLI use.

const here = dirname(fileURLToPath(import.meta.url));
const rendererUrl = process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(here, '../renderer/index.html')).href;
const templatesDir = app.isPackaged ? join(process.resourcesPath, 'templates') : defaultTemplatesDir();

hardenApp((url) => isTrustedFrame({ url, parent: null }, rendererUrl));

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
  win.once('ready-to-show', () => win.show());
  void win.loadURL(rendererUrl);
}

void app.whenReady().then(() => {
  let lib: Library;
  try {
    lib = Library.open(resolveDbPath({ fallbackDir: app.getPath('userData') }));
  } catch (e) {
    dialog.showErrorBox('无法打开项目库', isAppError(e) ? e.message : String(e));
    app.quit();
    return;
  }
  // Federation sync runs on a timer in this process; the window never waits for it.
  const sync = syncServiceFor(lib, templatesDir);
  const syncTimer = startSyncTimer(sync);
  app.on('will-quit', () => {
    syncTimer.stop();
    lib.close();
  });
  registerIpc(ipcMain, createDispatch(createHandlers({ lib, templatesDir, sync })), (frame) => isTrustedFrame(frame, rendererUrl));
  installMenu();
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
