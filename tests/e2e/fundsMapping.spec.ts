import { join } from 'node:path';
import { newProposal } from '../../src/shared/domain/factory';
import { expect, SCREENSHOTS, test } from './fixtures';

const shot = (name: string) => ({ path: join(SCREENSHOTS, name) });
const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

test.use({ viewport: { width: 1280, height: 800 } });

test('donations with unusual column names: mapped by hand with the keyboard, checked in Chinese, previewed, imported, and remembered for the platform', async ({ app, page }) => {
  const p = app.lib.proposals.insert({
    ...newProposal({ title: '社区助老餐桌', district: '江北区' }),
    fundraisingPeriod: { start: '2026-01-01', end: '2027-12-31' },
    platforms: ['alipay'],
    listings: [{ platform: 'alipay', projectNumber: 'ZFB-7', url: '', liveDate: '2026-01-01', status: 'live', note: '', raisedFen: null, donationCount: null }],
  });
  await app.open(page, `#/p/${p.id}`);
  await page.getByRole('tab', { name: '筹款与披露' }).click();

  // None of these headers is one the importer knows.
  const csv = `单据,入账时刻,实收款,爱心网友\nA1,${today} 09:00:00,50,小王\nA2,${today} 10:30:00,"1,200.00",李女士\nA3,${today} 11:00:00,0.5,匿名\n`;
  await page.getByTestId('funds-file-alipay').setInputFiles({ name: '支付宝导出.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const dialog = page.getByRole('dialog', { name: /导入支付宝公益捐赠明细/ });
  const form = dialog.getByTestId('column-mapping');
  await expect(form).toContainText('有些列无法自动识别');
  // The file's header and first rows, to tell the columns apart.
  await expect(form.locator('thead')).toContainText('入账时刻');
  await expect(form.locator('tbody')).toContainText('李女士');
  await expect(form.locator('tbody')).toContainText('1,200.00');

  // Going on with nothing chosen names each required field.
  await dialog.getByRole('button', { name: '下一步：预览' }).click();
  const problems = dialog.getByTestId('mapping-problems');
  await expect(problems).toContainText('请为「捐赠时间」选择一列');
  await expect(problems).toContainText('请为「金额（元）」选择一列');

  // With the keyboard only: focus a list, type part of the column name, Enter.
  const choose = async (field: string, column: string) => {
    const box = dialog.getByRole('combobox', { name: `${field}对应的列` });
    await box.focus();
    await page.keyboard.type(column);
    await page.keyboard.press('Enter');
    await expect(dialog.getByTestId('column-mapping').locator('label', { hasText: field })).toContainText(column);
  };
  await choose('捐赠时间', '入账时刻');
  await choose('金额（元）', '实收款');
  await expect(problems).toBeHidden();
  // One column for two fields is refused.
  await choose('捐赠人', '实收款');
  await expect(problems).toContainText('第 3 列「实收款」同时被选为「金额（元）」和「捐赠人」，每列只能对应一项');
  await page.keyboard.press('Tab');
  await page.screenshot(shot('funds-mapping.png'));
  await dialog.getByRole('button', { name: '下一步：预览' }).click();
  await expect(form).toBeVisible();
  await choose('捐赠人', '爱心网友');
  await choose('捐赠记录编号', '单据');
  await expect(problems).toBeHidden();
  await expect(form.locator('thead')).toContainText('实收款金额（元）');

  await dialog.getByRole('button', { name: '下一步：预览' }).click();
  await expect(dialog).toContainText('新增3 笔，1,250.50 元');
  await expect(dialog).toContainText('「单据」、「入账时刻」、「实收款」、「爱心网友」');
  await page.screenshot(shot('funds-mapping-preview.png'));
  expect(app.lib.proposals.get(p.id).listings[0]!.raisedFen).toBeNull();
  await dialog.getByRole('button', { name: '确认导入 3 笔' }).click();
  await expect(dialog).toBeHidden();
  expect(app.lib.proposals.get(p.id).listings[0]).toMatchObject({ raisedFen: 125_050, donationCount: 3 });

  // The next export from 支付宝公益 needs no mapping: straight to the preview, the earlier rows not counted again.
  const next = `${csv}A4,${today} 12:00:00,20,新朋友\n`;
  await page.getByTestId('funds-file-alipay').setInputFiles({ name: '支付宝导出2.csv', mimeType: 'text/csv', buffer: Buffer.from(next) });
  await expect(dialog).toContainText('新增1 笔，20.00 元');
  await expect(dialog).toContainText('已导入过3 笔');
  await expect(dialog.getByTestId('column-mapping')).toHaveCount(0);
  await dialog.getByRole('button', { name: '确认导入 1 笔' }).click();
  await expect(dialog).toBeHidden();
  expect(app.lib.proposals.get(p.id).listings[0]).toMatchObject({ raisedFen: 127_050, donationCount: 4 });
});
