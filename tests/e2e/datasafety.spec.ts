import { join } from 'node:path';
import { Library } from '../../src/core';
import { listBackups } from '../../src/core/db/backup';
import { writeDamagedLibrary } from '../unit/helpers/damage';
import { makeProposal } from '../unit/helpers/proposals';
import { expect, SCREENSHOTS, test } from './fixtures';
import { startSessionDoor } from './sessionDoor';

test('设置 → 数据安全: back up, delete a proposal, restore it from the backup; the current library is kept as a backup', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const app = await startSessionDoor();
  try {
    const kept = app.session.lib.proposals.insert(makeProposal({ title: '南岸区社区助餐点' }));
    await app.open(page, '#/v/settings?tab=data');
    const panel = page.getByRole('tabpanel', { name: '数据安全' });
    await expect(panel.getByText('还没有备份')).toBeVisible();

    // Keep at most 3, then take a backup with progress.
    await panel.getByLabel('保留备份份数').fill('3');
    await panel.getByRole('button', { name: '保存', exact: true }).click();
    await expect(page.getByText('备份设置已保存：保留最近 3 份，每天自动备份')).toBeVisible();
    await panel.getByRole('button', { name: '立即备份' }).click();
    await expect(page.getByText(/^已备份：library-\d{8}-\d{6}-\d{3}\.db/)).toBeVisible({ timeout: 60_000 });
    const rows = panel.getByRole('table').locator('tbody tr.ant-table-row');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(/\d+ KB/);

    // Full integrity check, in Chinese.
    await panel.getByRole('button', { name: '开始完整性检查' }).click();
    await expect(panel.getByTestId('check-result')).toHaveText('完整性检查通过：项目库文件完好，没有发现问题。', { timeout: 60_000 });
    await page.screenshot({ path: join(SCREENSHOTS, 'datasafety-panel.png') });

    // A proposal is deleted for good after the backup (and another written).
    app.session.lib.db.prepare('DELETE FROM proposals WHERE id = ?').run(kept.id);
    app.session.lib.proposals.insert(makeProposal({ title: '备份之后新建的项目' }));

    await rows.first().getByRole('button', { name: /^从 .* 的备份恢复$/ }).click();
    const confirm = page.getByRole('dialog', { name: /的备份恢复？/ });
    await expect(confirm).toContainText('当前的项目库不会丢失：恢复前会先把它另存为一份新的备份');
    await expect(confirm).toContainText('恢复后善策会重新打开项目库');
    await page.screenshot({ path: join(SCREENSHOTS, 'datasafety-restore-confirm.png') });
    await confirm.getByRole('button', { name: '恢复' }).click();

    // The page reloads on the reopened library and says what happened.
    await expect(page.getByTestId('restored-notice')).toContainText('恢复前的项目库已另存为备份', { timeout: 30_000 });
    await expect(page.getByRole('tabpanel', { name: '数据安全' }).getByRole('table').locator('tbody tr.ant-table-row')).toHaveCount(2);
    await page.screenshot({ path: join(SCREENSHOTS, 'datasafety-restored.png') });
    expect(app.session.lib.proposals.find(kept.id)?.proposal.title).toBe('南岸区社区助餐点');

    await page.getByRole('link', { name: '项目库' }).click();
    await expect(page.getByRole('link', { name: '南岸区社区助餐点' })).toBeVisible();
    await expect(page.getByRole('link', { name: '备份之后新建的项目' })).toHaveCount(0);
    // The library as it was before the restore is the newest backup, with the later proposal in it.
    const before = new Library(new (await import('better-sqlite3')).default(listBackups(app.dbPath)[0]!.path, { readonly: true }), listBackups(app.dbPath)[0]!.path);
    expect([...before.proposals.all()].map((p) => p.title)).toEqual(['备份之后新建的项目']);
    before.close();
  } finally {
    await app.stop();
  }
});

test('a damaged library shows a banner with 导出可读内容 and 从备份恢复 on every screen', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const app = await startSessionDoor(writeDamagedLibrary);
  try {
    await app.open(page);
    const banner = page.getByTestId('damaged-banner');
    await expect(banner).toContainText('项目库已损坏，已以只读方式打开');
    await page.screenshot({ path: join(SCREENSHOTS, 'datasafety-damaged-banner.png') });
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await banner.getByRole('button', { name: '导出可读内容' }).click();
    expect((await download).suggestedFilename()).toMatch(/^善策项目库抢救导出-\d+个\.shance$/);
    await expect(page.getByText(/^已导出 \d+ 个项目；另有 \d+ 项无法读取/)).toBeVisible();

    await banner.getByRole('link', { name: '从备份恢复' }).click();
    const panel = page.getByRole('tabpanel', { name: '数据安全' });
    await expect(panel.getByText('项目库已损坏，当前为只读')).toBeVisible();
    await panel.getByRole('button', { name: '开始完整性检查' }).click();
    await expect(panel.getByTestId('check-result')).toContainText('完整性检查发现', { timeout: 60_000 });
    await expect(panel.getByTestId('check-result')).toContainText('项目库文件已损坏');
    await page.screenshot({ path: join(SCREENSHOTS, 'datasafety-damaged-check.png') });
  } finally {
    await app.stop();
  }
});
