import { join } from 'node:path';
import { newProposal } from '../../src/shared/domain/factory';
import { chooseOption, expect, SCREENSHOTS, test } from './fixtures';

const shot = (name: string) => ({ path: join(SCREENSHOTS, name) });
const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const monthsAgo = (n: number) => {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - n, 1);
  return d.toISOString().slice(0, 10);
};

test.use({ viewport: { width: 1280, height: 800 } });

test('a live project: donations imported, a disclosure due, written once, published to two platforms, the overdue mark cleared, then the final report', async ({ app, page }) => {
  // Live on 腾讯公益 and 支付宝公益 for five months with nothing disclosed: the law's quarter and 腾讯公益's 3 months are overdue.
  const start = monthsAgo(5);
  const p = app.lib.proposals.insert({
    ...newProposal({ title: '山区儿童营养午餐', district: '城口县' }),
    targetFen: 10_000_000,
    fundraisingPeriod: { start, end: monthsAgo(-7) },
    projectPeriod: { start, end: monthsAgo(-7) },
    budget: { lines: [{ id: 'meal', item: '营养餐食材', category: '', unitPriceFen: 500, quantity: 10000, amountFen: 5_000_000, note: '', origin: null }], managementFeePercent: null, minimumExecutableFen: null, fallbackPlan: '' },
    platforms: ['tencent', 'alipay'],
    listings: [
      { platform: 'tencent', projectNumber: 'TX-88', url: '', liveDate: start, status: 'live', note: '', raisedFen: null, donationCount: null },
      { platform: 'alipay', projectNumber: 'ZFB-88', url: '', liveDate: start, status: 'live', note: '', raisedFen: null, donationCount: null },
    ],
  });

  await app.open(page, '#/');
  const row = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: '山区儿童营养午餐' });
  await expect(row.getByTestId('disclosure-overdue')).toBeVisible();

  await app.open(page, '#/v/disclosure');
  const due = page.locator('.ant-table-tbody tr.ant-table-row');
  await expect(due.filter({ hasText: '法定' })).toContainText('严重逾期');
  await expect(due.filter({ hasText: '平台规则·腾讯公益' })).toContainText('待核实');
  await page.screenshot(shot('golive-calendar.png'));

  // Donations from 腾讯公益's export: preview first, nothing stored until confirmed.
  await app.open(page, `#/p/${p.id}`);
  await page.getByRole('tab', { name: '筹款与披露' }).click();
  const csv = `订单号,捐赠时间,捐赠金额,捐赠人\nT1,${start} 10:00:00,100.00,爱心人士\nT2,${start} 11:00:00,"1,000.50",张先生\nT2,${start} 11:00:00,"1,000.50",张先生\n`;
  await page.getByTestId('funds-file-tencent').setInputFiles({ name: '腾讯公益捐赠明细.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const preview = page.getByRole('dialog', { name: /导入腾讯公益捐赠明细/ });
  await expect(preview).toContainText('新增2 笔，1,100.50 元');
  await expect(preview).toContainText('文件内重复1 行');
  await preview.screenshot(shot('golive-funds-preview.png'));
  expect(app.lib.proposals.get(p.id).listings[0]!.raisedFen).toBeNull();
  await preview.getByRole('button', { name: '确认导入 2 笔' }).click();
  await expect(preview).toBeHidden();
  await expect(page.locator('[data-platform="tencent"]', { hasText: '腾讯公益：1,100.50 元，2 笔' })).toBeVisible();
  expect(app.lib.proposals.get(p.id).listings[0]).toMatchObject({ raisedFen: 110_050, donationCount: 2 });

  // One disclosure record.
  await page.getByRole('button', { name: '新建披露' }).click();
  const editor = page.getByRole('dialog', { name: '新建信息披露' });
  await editor.getByLabel('本期收到善款').fill('1100.5');
  await editor.getByLabel('营养餐食材本期支出').fill('800');
  await editor.getByLabel('受益人数').fill('120');
  await editor.getByRole('textbox', { name: '执行进展' }).fill('为城口县 3 所村小 120 名学生提供营养午餐。');
  await editor.getByRole('textbox', { name: '执行进展' }).blur();
  await editor.getByRole('button', { name: '保存' }).click();
  await expect(editor).toBeHidden();

  // Written once, shaped per platform; 已发布 on 腾讯公益 and 支付宝公益 (and 慈善中国).
  await page.getByRole('button', { name: '生成各平台文本' }).click();
  const texts = page.getByRole('dialog', { name: '各平台的进展更新' });
  await expect(texts.getByRole('region', { name: '腾讯公益进展文本' })).toContainText('【项目进展】为城口县 3 所村小 120 名学生提供营养午餐。');
  await expect(texts.getByRole('region', { name: '慈善中国进展文本' })).toContainText('【资金使用情况】本期支出 800.00 元');
  await texts.getByLabel('腾讯公益发布网址').fill('https://gongyi.qq.com/succor/detail.htm?id=88');
  await texts.getByRole('button', { name: '标记腾讯公益已发布' }).click();
  await expect(texts.getByRole('region', { name: '腾讯公益进展文本' })).toContainText(`已发布 ${today}`);
  await texts.getByRole('button', { name: '标记支付宝公益已发布' }).click();
  await expect(texts.getByRole('region', { name: '支付宝公益进展文本' })).toContainText(`已发布 ${today}`);
  await texts.screenshot(shot('golive-texts.png'));
  await texts.getByRole('button', { name: '关闭' }).last().click();
  expect(app.lib.proposals.get(p.id).disclosures[0]!.publications.map((m) => m.target)).toEqual(['tencent', 'alipay']);
  await page.screenshot(shot('golive-panel.png'));

  // The overdue mark is gone from the library.
  await page.getByRole('button', { name: '项目库' }).click();
  await expect(row).toBeVisible();
  await expect(row).toContainText('1,100.50 / 100,000.00 元');
  await expect(row.getByTestId('disclosure-overdue')).toHaveCount(0);
  await page.screenshot(shot('golive-library.png'));

  // Completion: the final report in the platforms' form, with leftover funds and how they are handled.
  await app.open(page, `#/p/${p.id}`);
  await page.getByRole('tab', { name: '筹款与披露' }).click();
  await page.getByRole('button', { name: '新建披露' }).click();
  const final = page.getByRole('dialog', { name: '新建信息披露' });
  await chooseOption(page, final.getByLabel('披露类型'), '结项报告');
  await final.getByLabel('剩余资金').fill('300.5');
  await final.getByRole('textbox', { name: '剩余财产处理' }).fill('转入同类项目“山区儿童营养午餐（二期）”');
  await final.getByRole('textbox', { name: '剩余财产处理' }).blur();
  await final.getByRole('button', { name: '保存' }).click();
  await expect(final).toBeHidden();
  await page.locator('[data-disclosure]').nth(1).getByRole('button', { name: '生成各平台文本' }).click();
  const finalTexts = page.getByRole('dialog', { name: '各平台的进展更新' });
  await expect(finalTexts.getByRole('region', { name: '慈善中国进展文本' })).toContainText('【剩余财产处理】剩余资金 300.50 元，处理方式：转入同类项目');
  await finalTexts.screenshot(shot('golive-final.png'));
});
