// `npm start`: build, then run the desktop app. Where the Electron binary is missing (it cannot be
// downloaded on every machine), say so in one line and start the browser door instead.
import { spawnSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

function electronBinary() {
  try {
    return require('electron'); // the package's index throws when its binary was never downloaded
  } catch {
    return null;
  }
}

// `npm run build`: the app, the browser door and the CLI. Under npm, npm_execpath is npm's own script.
const npm = process.env.npm_execpath;
const build = npm
  ? spawnSync(process.execPath, [npm, 'run', 'build'], { stdio: 'inherit' })
  : spawnSync('npm', ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
if (build.status !== 0) process.exit(build.status ?? 1);

const electron = electronBinary();
const child = electron
  ? spawn(electron, ['.', ...args], { stdio: 'inherit' })
  : (console.log('未找到 Electron 可执行文件，改为启动浏览器版（No Electron binary here: starting the browser door instead).'),
    spawn(process.execPath, ['out/cli/web.js', ...args], { stdio: 'inherit' }));
child.on('exit', (code) => process.exit(code ?? 0));
