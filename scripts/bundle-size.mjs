// Run by `npm run build`: prints what the renderer's first screen downloads (the entry script, the
// chunks it imports statically — index.html preloads them — and the style sheets) and the chunks
// loaded later, and fails the build when the first screen's scripts pass the budget.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const BUDGET_BYTES = 2 * 1024 * 1024;
const dir = resolve(process.argv[2] ?? 'out/renderer');
const html = readFileSync(join(dir, 'index.html'), 'utf8');
const firstScreen = new Set([...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((m) => m[1]));
const sizeOf = (file) => statSync(join(dir, file)).size;
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

const later = readdirSync(join(dir, 'assets'))
  .map((f) => `assets/${f}`)
  .filter((f) => !firstScreen.has(f) && f.endsWith('.js'));
const firstJs = [...firstScreen].filter((f) => f.endsWith('.js'));
const jsBytes = firstJs.reduce((sum, f) => sum + sizeOf(f), 0);
const cssBytes = [...firstScreen].filter((f) => f.endsWith('.css')).reduce((sum, f) => sum + sizeOf(f), 0);

const largest = (files) => [...files].sort((a, b) => sizeOf(b) - sizeOf(a)).slice(0, 3).map((f) => `${f} ${mb(sizeOf(f))}`).join('、');
console.log(`\n界面首屏脚本 first-screen JS: ${mb(jsBytes)}（${firstJs.length} 个文件，最大 ${largest(firstJs)}），样式 CSS ${mb(cssBytes)}；上限 budget ${mb(BUDGET_BYTES)}`);
console.log(`按需加载 loaded later: ${later.length} 个脚本共 ${mb(later.reduce((sum, f) => sum + sizeOf(f), 0))}${later.length ? `，最大 ${largest(later)}` : ''}`);
if (jsBytes > BUDGET_BYTES) {
  console.error(`界面首屏脚本 ${mb(jsBytes)} 超过 ${mb(BUDGET_BYTES)}：把不在首屏的界面改为 React.lazy 按需加载。`);
  process.exit(1);
}
