// `npm start`: build, then run the desktop app. Where the Electron binary is missing (it cannot be
// downloaded on every machine), say so in one line and start the browser door instead.
import { spawnSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

function electronBinary() {
  try {
    return require('electron'); // the package's index throws when its binary was never downloaded
  } catch {
    return null;
  }
}

const build = spawnSync(process.execPath, [join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js'), 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const electron = electronBinary();
const child = electron
  ? spawn(electron, ['.', ...args], { stdio: 'inherit' })
  : (console.log('未找到 Electron 可执行文件，改为启动浏览器版（No Electron binary here: starting the browser door instead).'),
    spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', ...args], { stdio: 'inherit' }));
child.on('exit', (code) => process.exit(code ?? 0));
