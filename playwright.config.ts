import { resolve } from 'node:path';
import { defineConfig } from '@playwright/test';

// Long operations run in worker threads; these tests use the worker `npm run build` made (see
// core/jobs/jobRunner.ts), as the app does.
process.env.SHANCE_JOB_WORKER ??= resolve('out/main/jobWorker.js');

// The renderer runs in Debian's Chromium through the browser door; Playwright cannot download its own
// browser here. The flags keep a sandboxed CI container quiet and offline.
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e-artifacts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  reporter: [['list'], ['./tests/e2e/errorContextReporter.ts']],
  use: {
    browserName: 'chromium',
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    // The app honours the system's 减少动态效果 (no antd animations). On a busy CI machine a click on a
    // popup still zooming in sometimes landed beside it and closed it instead (a Popconfirm's 生成 once).
    reducedMotion: 'reduce',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
});
