/**
 * Typing latency in the editor, with every panel (guide, score, rules, similar projects, listings)
 * mounted: time from one committed character to the next painted frame, in system Chromium through
 * the browser door. A frame is ~16 ms, so that is the floor. Needs the built renderer (npm run build).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { createDispatch } from '../src/core/api/dispatch';
import { createHandlers } from '../src/core/api/handlers';
import { Library } from '../src/core/library/library';
import { defaultTemplatesDir } from '../src/core/paths';
import { startBrowserDoor } from '../src/server/browserDoor';
import { parseProposal } from '../src/shared/domain/factory';

const ROOT = resolve(import.meta.dirname, '..');
const STATIC = join(ROOT, 'out', 'renderer');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(join(STATIC, 'index.html')) || !existsSync(CHROMIUM)) {
  console.log('跳过打字延迟基准：需要先 npm run build，并安装 Chromium（/usr/bin/chromium）');
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'shance-bench-typing-'));
const lib = Library.open(join(dir, 'library.db'));
const door = await startBrowserDoor({ dispatch: createDispatch(createHandlers({ lib, templatesDir: defaultTemplatesDir() })), staticDir: STATIC });
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const raw = JSON.parse(readFileSync(join(ROOT, 'docs', 'example-proposal.json'), 'utf8'));
  const p = lib.proposals.insert(parseProposal({ ...raw, id: 'typing-bench', platforms: ['tencent', 'alipay', 'douyin'] }));
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await page.goto(`${door.url}#/p/${p.id}`);
  // Visit every panel once so each is mounted, as after a while of real use.
  for (const name of ['写作指南', '进度与评分', '规则检查', '相似项目', '上线跟踪']) await page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
  await page.getByTestId('section-goals').click();
  await page.keyboard.press('End');
  await page.waitForTimeout(1500);

  const sample = async (n: number) => {
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await page.keyboard.insertText('字');
      await page.evaluate('new Promise((r) => requestAnimationFrame(() => r(null)))');
      times.push(performance.now() - t);
    }
    return times.sort((a, b) => a - b);
  };
  await sample(10); // warm up
  const times = await sample(200);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
  console.log('编辑器打字延迟（提交一个字到下一帧绘制，所有面板已打开，200 次）');
  console.log(`  中位数 ${at(0.5)} ms，p90 ${at(0.9)} ms，p99 ${at(0.99)} ms（一帧约 16.7 ms 为下限；含 CDP 往返）`);
} finally {
  await browser.close();
  await door.close();
  lib.close();
  rmSync(dir, { recursive: true, force: true });
}
