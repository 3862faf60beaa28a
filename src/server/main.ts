import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createDispatch, createHandlers, defaultTemplatesDir, Library, resolveDbPath, startSyncTimer, syncServiceFor } from '../core';
import { scheduleBackups } from '../core/db/backup';
import { isAppError } from '../shared/errors';
import { startBrowserDoor } from './browserDoor';

// `npm run web` (built to out/cli/web.js): the whole app in a browser, for machines without the Electron binary and for e2e tests.
const { values } = parseArgs({
  // --sync-interval: seconds between background syncs with the federation server (tests shorten it).
  options: { db: { type: 'string' }, port: { type: 'string' }, 'sync-interval': { type: 'string' } },
  allowPositionals: false,
});

const staticDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'out', 'renderer');
if (!existsSync(resolve(staticDir, 'index.html'))) {
  console.error('界面尚未构建：请先运行 npm run build（npm run web 会自动构建）。');
  process.exit(1);
}

let lib: Library;
try {
  lib = Library.open(resolveDbPath({ flag: values.db }));
} catch (e) {
  console.error(isAppError(e) ? e.message : String(e));
  process.exit(1);
}
if (lib.healthNotice) console.error(lib.healthNotice);
const stopBackups = scheduleBackups(lib.db, lib.path, { onError: (e) => console.error('自动备份失败：', e) });
const templatesDir = defaultTemplatesDir();
const sync = syncServiceFor(lib, templatesDir);
const dispatch = createDispatch(createHandlers({ lib, templatesDir, sync }));
const syncTimer = startSyncTimer(sync, values['sync-interval'] ? Number(values['sync-interval']) * 1000 : undefined);
const door = await startBrowserDoor({ dispatch, staticDir, port: values.port ? Number(values.port) : 0 });
console.log(`善策浏览器版已启动（项目库：${lib.path}）`);
console.log(`请在浏览器中打开：${door.url}`);
console.log('按 Ctrl+C 退出。');

const stop = () => {
  stopBackups();
  syncTimer.stop();
  void door.close().then(() => {
    lib.close();
    process.exit(0);
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
