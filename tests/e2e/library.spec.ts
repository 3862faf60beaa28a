import { join } from 'node:path';
import { makeProposal } from '../unit/helpers/proposals';
import { chooseOption, expect, SCREENSHOTS, test, waitSaved } from './fixtures';

test('delete with undo, the trash, filters, and an import that asks about ids already present', async ({ app, page }, testInfo) => {
  const elderly = app.lib.proposals.insert(makeProposal({ title: '渝北区独居老人助餐', focusArea: 'elderly', district: '渝北区', platforms: ['tencent', 'alipay'] }));
  app.lib.proposals.insert(makeProposal({ title: '城口县乡村太阳能路灯', focusArea: 'publicService', district: '城口县' }));
  app.lib.proposals.insert(makeProposal({ title: '北碚区儿童图书角', focusArea: 'children', district: '北碚区', status: 'submitted' }));
  await app.open(page);
  const rows = page.locator('.ant-table-tbody tr.ant-table-row');
  await expect(rows).toHaveCount(3);
  await page.screenshot({ path: join(SCREENSHOTS, 'library.png') });

  await chooseOption(page, page.getByLabel('按区县筛选'), '城口县');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('城口县乡村太阳能路灯');
  await page.getByLabel('按区县筛选').locator('..').locator('..').hover();
  await page.locator('.ant-select-clear').first().click();
  await expect(rows).toHaveCount(3);

  // Delete, then undo from the message.
  await page.getByRole('button', { name: '删除「渝北区独居老人助餐」' }).click();
  await expect(rows).toHaveCount(2);
  await page.getByRole('button', { name: '撤销' }).click();
  await expect(rows).toHaveCount(3);

  // Delete, then restore from the trash.
  await page.getByRole('button', { name: '删除「北碚区儿童图书角」' }).click();
  await expect(rows).toHaveCount(2);
  await page.getByText('回收站', { exact: true }).click();
  await expect(rows).toHaveCount(1);
  await rows.first().getByRole('button', { name: '恢复' }).click();
  await expect(page.getByText('回收站是空的')).toBeVisible();
  await expect(page.getByText('已将「北碚区儿童图书角」移入回收站')).toBeHidden();
  await page.getByText('项目', { exact: true }).click();
  await expect(rows).toHaveCount(3);

  // Export one proposal, then import it back: its id is present, so the dialog asks.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出「渝北区独居老人助餐」' }).click();
  const bundle = testInfo.outputPath('one.shance');
  await (await download).saveAs(bundle);

  await page.getByRole('button', { name: '导入', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '导入交换包' });
  await dialog.locator('input[type=file]').setInputFiles(bundle);
  await expect(dialog.getByText('其中 1 个已在项目库中')).toBeVisible();
  await expect(dialog.getByText('（与库中相同）')).toBeVisible();
  const importButton = dialog.getByRole('button', { name: '导入 1 个项目' });
  await expect(importButton).toBeDisabled();
  await page.screenshot({ path: join(SCREENSHOTS, 'import-conflict.png') });
  await dialog.getByLabel('保留两份').check();
  await importButton.click();
  await expect(rows).toHaveCount(4);
  await expect(page.getByRole('link', { name: '渝北区独居老人助餐（导入副本）' })).toBeVisible();
  expect(app.lib.proposals.get(elderly.id).title).toBe('渝北区独居老人助餐');
});

test('a failed autosave keeps the text, says so, retries by itself, and saves on 重试', async ({ app, page }) => {
  const p = app.lib.proposals.insert(makeProposal({ title: '断网时写的项目' }));
  // The page's timers run only when the test says, so the automatic retry cannot race the button.
  await page.clock.install();
  await app.open(page, `#/p/${p.id}`);
  let attempts = 0;
  await page.route('**/api/proposal.save', (route) => {
    attempts += 1;
    return route.abort('internetdisconnected');
  });
  await page.getByTestId('section-goals').click();
  await page.keyboard.type('一年内为三百名老人送餐');
  await page.clock.runFor(1_000); // the autosave delay
  await expect(page.getByText('保存失败，内容仍在本页')).toBeVisible();
  expect(attempts).toBe(1);
  await page.clock.runFor(2_500); // the first automatic retry
  await expect.poll(() => attempts).toBe(2);
  await expect(page.getByText('保存失败，内容仍在本页')).toBeVisible();
  expect(app.lib.proposals.get(p.id).sections.goals.text).toBe('');

  await page.unroute('**/api/proposal.save');
  await page.getByRole('button', { name: '重试' }).click();
  await waitSaved(page);
  expect(app.lib.proposals.get(p.id).sections.goals.text).toBe('一年内为三百名老人送餐');
});
