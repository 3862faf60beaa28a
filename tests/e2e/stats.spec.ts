import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { convertToPdf, hasPoppler, pdfText, soffice } from '../unit/helpers/office';
import { writeStatsProposals, type StatsProposal } from '../unit/helpers/statsLibrary';
import { chooseOption, expect, SCREENSHOTS, test } from './fixtures';

const W = '万州区';
const Q = '黔江区';
/** By construction: Q3 2026 has P1–P3 created, P1 and P2 live; Q2 has P0 only. */
const LIBRARY: StatsProposal[] = [
  { id: 'P0', district: W, focusArea: 'health', status: 'draft', createdAt: '2026-05-02T01:00:00Z' },
  { id: 'P1', district: W, focusArea: 'industry', status: 'live', createdAt: '2026-07-02T01:00:00Z', targetFen: 1_234_567, platforms: ['tencent'],
    listings: [{ platform: 'tencent', status: 'live', liveDate: '2026-07-03', raisedFen: 150_050, donationCount: 31 }] },
  { id: 'P2', district: Q, focusArea: 'elderly', status: 'live', createdAt: '2026-08-02T01:00:00Z', targetFen: 80_000, platforms: ['tencent'],
    listings: [{ platform: 'tencent', status: 'live', liveDate: '2026-08-03', raisedFen: 50_000, donationCount: 10 }] },
  { id: 'P3', district: Q, focusArea: 'children', status: 'draft', createdAt: '2026-09-02T01:00:00Z' },
];

test.use({ viewport: { width: 1280, height: 800 } });

test('统计: switch period and district, drill down from a chart, export Excel and Word that agree with the screen', async ({ app, page }) => {
  writeStatsProposals(app.lib, LIBRARY);
  await app.open(page, '#/v/stats?period=2026-Q3');
  const summary = page.getByTestId('stats-summary');
  await expect(summary).toContainText('2026年第三季度，全市（联合会）共新建项目 3 个，在线项目 2 个，目标金额 13,145.67 元，已筹款 2,000.50 元（捐赠 41 笔）');
  await expect(page.getByTestId('stats-chart-statuses').locator('canvas')).toBeVisible();
  // No federation server set up: the desk's own library, and the screen says so.
  await expect(page.getByTestId('stats-origin')).toHaveText('未连接总会服务器，以下为本机数据');
  await page.screenshot({ path: join(SCREENSHOTS, 'stats-federation-q3.png') });

  // Another period from the picker.
  await chooseOption(page, page.getByTestId('stats-period'), '2026年第二季度');
  await expect(summary).toContainText('2026年第二季度，全市（联合会）共新建项目 1 个，在线项目 0 个');
  await chooseOption(page, page.getByTestId('stats-period'), '2026年第三季度');
  await expect(summary).toContainText('共新建项目 3 个');

  // One district.
  await chooseOption(page, page.getByTestId('stats-district'), Q, Q);
  await expect(summary).toContainText('2026年第三季度，黔江区共新建项目 2 个，在线项目 1 个，目标金额 800.00 元，已筹款 500.00 元（捐赠 10 笔）');
  await page.screenshot({ path: join(SCREENSHOTS, 'stats-district.png') });

  // Drill down from the status chart: for one district it shows focus areas (养老帮扶 first, its one bar 已上线 fills the axis).
  const chart = page.getByTestId('stats-chart-statuses');
  const box = (await chart.boundingBox())!;
  const gridLeft = 60;
  const gridRight = 20;
  const categories = 2;
  await page.mouse.click(box.x + gridLeft + ((box.width - gridLeft - gridRight) * 0.5) / categories, box.y + box.height / 2);
  const drawer = page.getByTestId('stats-drill');
  await expect(drawer).toContainText('养老帮扶 · 已上线');
  await expect(drawer).toContainText('共 1 个项目');
  await expect(drawer).toContainText('项目P2');
  await page.screenshot({ path: join(SCREENSHOTS, 'stats-drill.png') });
  await page.keyboard.press('Escape');
  // A money figure opens the live projects it adds up.
  await page.getByTestId('stats-total-raised').click();
  await expect(drawer).toContainText('在线项目');
  await expect(drawer).toContainText('500.00');
  await page.keyboard.press('Escape');

  // Both files, from the same report as the screen.
  const shown = (await summary.textContent())!.trim();
  const xlsxDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 Excel' }).click();
  const xlsx = await xlsxDownload;
  expect(xlsx.suggestedFilename()).toBe(`统计-2026-Q3-${Q}.xlsx`);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await xlsx.path());
  expect(book.getWorksheet('说明')!.getCell('B4').value).toBe(shown);

  const docxDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 Word' }).click();
  const docx = await docxDownload;
  expect(docx.suggestedFilename()).toBe(`统计-2026-Q3-${Q}.docx`);
  await page.screenshot({ path: join(SCREENSHOTS, 'stats-exported.png') });

  // Any range: 自定义 starts with this month so far.
  await page.getByText('自定义', { exact: true }).click();
  await expect(summary).toContainText(/^\d{4}年\d{1,2}月1日至\d{4}年\d{1,2}月\d{1,2}日，黔江区/);
  await expect(page.getByLabel('自定义日期范围').first()).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, 'stats-range.png') });
  if (!soffice || !hasPoppler) {
    if (process.env.CI) throw new Error('CI 上缺少 LibreOffice 或 poppler-utils');
    return;
  }
  const file = join(app.dbPath, '..', 'stats.docx');
  copyFileSync(await docx.path(), file);
  const [pdf] = convertToPdf([file], join(app.dbPath, '..'));
  const text = pdfText(pdf!).replace(/\s+/g, '');
  expect(text).toContain(shown.replace(/\s+/g, ''));
  expect(text).toContain('新建项目2个；在线项目1个');
  expect(text).toContain('目标金额合计800.00元；已筹金额500.00元；捐赠10笔');
});
