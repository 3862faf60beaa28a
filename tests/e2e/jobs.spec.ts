import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { Library } from '../../src/core';
import { makeProposal } from '../unit/helpers/proposals';
import { expect, SCREENSHOTS, test } from './fixtures';

/** Enough proposals, with enough text, that reading and writing them takes seconds. */
const LARGE = 3000;

function largeBundle(dir: string): string {
  const path = join(dir, 'library.db');
  const lib = Library.open(path);
  lib.db.transaction(() => {
    for (let i = 0; i < LARGE; i++) {
      lib.proposals.insert(makeProposal({ title: `大交换包项目${i}`, district: '渝北区', sections: { background: `第${i}个项目的背景，社区老人助餐需求迫切。`.repeat(40) } }));
    }
  })();
  const { bytes } = lib.exportBundle(null);
  lib.close();
  const file = join(dir, `大交换包-${LARGE}个.shance`);
  writeFileSync(file, bytes);
  return file;
}

/** The percentages the progress window shows while it is open, sampled until `until` says stop. */
async function percentsSeen(progress: Locator, until: (seen: number[]) => boolean): Promise<number[]> {
  const seen: number[] = [];
  await expect
    .poll(
      async () => {
        const p = await progress.getAttribute('data-percent', { timeout: 1000 }).catch(() => null);
        if (p !== null && seen.at(-1) !== Number(p)) seen.push(Number(p));
        return until(seen);
      },
      { timeout: 45_000, intervals: [50] },
    )
    .toBe(true);
  return seen;
}

test('a large import runs as a job: the percentage moves, 取消 stops it and the library is unchanged', async ({ app, page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const existing = app.lib.proposals.insert(makeProposal({ title: '库中原有的项目' }));
  const dir = mkdtempSync(join(tmpdir(), 'shance-e2e-bundle-'));
  const bundle = largeBundle(dir);

  await app.open(page);
  await page.getByRole('button', { name: '导入', exact: true }).click();
  const importDialog = page.getByRole('dialog', { name: '导入交换包' });
  await importDialog.locator('input[type=file]').setInputFiles(bundle);
  // Reading the bundle is a job too; the list comes once it is read.
  await expect(importDialog.getByText(`包含 ${LARGE} 个项目，均为新项目`)).toBeVisible({ timeout: 60_000 });

  await importDialog.getByRole('button', { name: `导入 ${LARGE} 个项目` }).click();
  const progressWindow = page.getByRole('dialog', { name: /正在导入「大交换包/ });
  await expect(progressWindow).toBeVisible();
  const progress = progressWindow.getByTestId('job-progress');
  // The UI thread keeps answering while the worker imports: the bar is polled and moves.
  const seen = await percentsSeen(progress, (s) => s.filter((p) => p > 0).length >= 2);
  expect(new Set(seen).size).toBeGreaterThanOrEqual(2);
  await expect(progress).toHaveText(/^正在(检查交换包|导入)… \d+%$/);
  await page.screenshot({ path: join(SCREENSHOTS, 'job-import-progress.png') });

  await progressWindow.getByRole('button', { name: '取消' }).click();
  await expect(progressWindow).toBeHidden({ timeout: 10_000 });
  await expect(importDialog.getByText('未导入：已取消，未做任何更改')).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, 'job-import-cancelled.png') });

  // Nothing of the import landed: the library holds what it held before, and no bundle proposal.
  expect(app.lib.proposals.count()).toBe(1);
  expect(app.lib.db.prepare("SELECT count(*) AS n FROM proposals WHERE json LIKE '%大交换包项目%'").get()).toEqual({ n: 0 });
  expect(app.lib.proposals.get(existing.id).title).toBe('库中原有的项目');
  await importDialog.getByRole('button', { name: '取消' }).click();
  await expect(page.locator('.ant-table-tbody tr.ant-table-row')).toHaveCount(1);
  rmSync(dir, { recursive: true, force: true });
});
