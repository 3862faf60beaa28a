import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { setListing } from '../../src/core/listings/listings';
import { parseProposal } from '../../src/shared/domain/factory';
import { addPhoto, photo } from '../unit/helpers/exportFixtures';

// Consent records filled in and sources given: the legal pack refuses photos whose record was never touched.
const PEOPLE = { source: '执行机构拍摄', consent: { identifiablePeople: true, portraitConsent: true, minors: false, guardianConsent: false, recorded: true } };
const NOBODY = { source: '执行机构拍摄', consent: { identifiablePeople: false, portraitConsent: false, minors: false, guardianConsent: false, recorded: true } };
import { chooseOption, expect, SCREENSHOTS, test, waitSaved } from './fixtures';

const TARGETS = [
  { id: 'tencent', label: '腾讯公益' },
  { id: 'alipay', label: '支付宝公益' },
  { id: 'weibo', label: '新浪微公益' },
];

test('export to three platforms with progress and results, override a refusal, download one zip, record a listing and see it live in the library', async ({ app, page }, testInfo) => {
  // One long flow (four photos, four packs, a zip, the tracker, the library): more than the default minute on a busy 2-core machine.
  test.slow();
  // The documented example with the pictures the platforms ask for, targeting three platforms.
  // A step dated after the project ends is an error in Tencent's checklist only (Alipay and Weibo
  // do not check the plan's dates).
  const raw = JSON.parse(readFileSync(resolve('docs/example-proposal.json'), 'utf8'));
  const images = [
    await addPhoto(app.lib, '封面.jpg', await photo(1200, 900, 1), { isCover: true, caption: '老人在食堂用餐', ...PEOPLE }),
    await addPhoto(app.lib, '送餐一.jpg', await photo(1200, 900, 2), { caption: '志愿者送餐', ...PEOPLE }),
    await addPhoto(app.lib, '送餐二.jpg', await photo(1200, 900, 3), { caption: '送餐路线', ...NOBODY }),
    await addPhoto(app.lib, '厨房.jpg', await photo(1200, 900, 4), { caption: '食堂厨房', ...NOBODY }),
  ];
  const p = app.lib.proposals.insert(
    parseProposal({ ...raw, images, platforms: TARGETS.map((t) => t.id), milestones: [...raw.milestones, { id: 'm4', date: '2028-03-01', title: '回访', detail: '' }] }),
  );

  await app.open(page, `#/p/${p.id}`);

  // The review copy straight from the editor's top bar.
  const reviewDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: '内部审核稿' }).click();
  const review = await reviewDownload;
  expect(review.suggestedFilename()).toBe(`内部审核稿-${raw.title}.docx`);
  expect(Object.keys(unzipSync(readFileSync(await review.path())))).toContain('word/document.xml');

  await page.getByRole('button', { name: '导出到平台' }).click();
  const dialog = page.getByRole('dialog', { name: /导出到平台/ });

  // Every platform with a pack is ticked by default; the targets come first.
  const picker = dialog.getByRole('group', { name: '要导出的平台' });
  await expect(picker.getByRole('checkbox', { checked: true })).toHaveCount(13);
  await dialog.getByRole('button', { name: '仅目标平台' }).click();
  await expect(picker.getByRole('checkbox', { checked: true })).toHaveCount(3);
  const tencentRow = picker.locator('[data-platform="tencent"]');
  await expect(tencentRow).toContainText('错误 1');
  await expect(tencentRow).toContainText('执行计划应列出带日期的步骤');
  await expect(picker.locator('[data-platform="alipay"]')).toContainText('错误 0');
  await page.screenshot({ path: join(SCREENSHOTS, 'export-choose.png') });

  // Hold the second platform's pack so the run can be seen mid-way.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let packCalls = 0;
  await page.route('**/api/export.pack', async (route) => {
    packCalls += 1;
    if (packCalls === 2) await held;
    await route.continue();
  });
  await dialog.getByRole('button', { name: '开始导出（3 个平台）' }).click();
  const status = dialog.getByTestId('export-status');
  await expect(status).toHaveText('正在导出「支付宝公益」…（已完成 1 个，共 3 个）');
  await expect(dialog.getByRole('progressbar', { name: '导出进度' })).toHaveAttribute('aria-valuenow', '33');
  await expect(dialog.locator('.export-result[data-platform="tencent"]')).toHaveAttribute('data-state', 'refused');
  await page.screenshot({ path: join(SCREENSHOTS, 'export-progress.png') });
  // Stopping lets the platform in hand finish and leaves the rest for later.
  await dialog.getByRole('button', { name: '停止（导完当前平台后）' }).click();
  await expect(dialog.getByRole('button', { name: '正在停止…' })).toBeDisabled();
  release();

  await expect(status).toHaveText('已导出 1 个平台，1 个因检查有错误未导出，1 个已停止');
  expect(packCalls).toBe(2);
  const results = dialog.getByRole('list', { name: '导出结果' });
  const weiboResult = results.locator('[data-platform="weibo"]');
  await expect(weiboResult).toHaveAttribute('data-state', 'stopped');
  await weiboResult.getByRole('button', { name: '现在导出' }).click();
  await expect(status).toHaveText('已导出 2 个平台，1 个因检查有错误未导出');
  const tencentResult = results.locator('[data-platform="tencent"]');
  await expect(tencentResult).toContainText('「腾讯公益」的检查有 1 项错误，未导出');
  await expect(tencentResult).toContainText('执行计划节点 第 4 条：执行计划应列出带日期的步骤');
  for (const t of TARGETS.slice(1)) await expect(results.locator(`[data-platform="${t.id}"]`)).toHaveAttribute('data-state', 'written');

  // A reviewer overrides the refusal with a written reason.
  const reason = '管理费比例待理事会确定，先行报送平台初审';
  await tencentResult.getByRole('textbox', { name: '「腾讯公益」的导出理由' }).fill(reason);
  await tencentResult.getByRole('button', { name: '带理由导出' }).click();
  await expect(tencentResult).toHaveAttribute('data-state', 'written');
  await expect(tencentResult).toContainText('已带错误导出');
  await expect(status).toHaveText('已导出 3 个平台（其中 1 个带错误导出）');
  // The bar agrees with the list, including the platforms exported from their rows.
  await expect(page.getByLabel('导出进度')).toContainText('3/3');
  await page.screenshot({ path: join(SCREENSHOTS, 'export-done.png') });

  // One zip with every pack and the review copy.
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: '下载全部（一个 zip）' }).click();
  const zipPath = testInfo.outputPath('all.zip');
  await (await download).saveAs(zipPath);
  const entries = unzipSync(readFileSync(zipPath));
  const names = Object.keys(entries);
  for (const t of TARGETS) expect(names.some((n) => n.endsWith(`提交材料-${t.label}.docx`))).toBe(true);
  expect(names.some((n) => /内部审核稿.*\.docx$/.test(n))).toBe(true);
  const tencentChecklist = names.find((n) => n.includes('腾讯公益') && n.endsWith('检查结果.txt'));
  expect(strFromU8(entries[tencentChecklist!]!)).toContain(reason);
  await dialog.getByRole('button', { name: '完成' }).click();
  await expect(dialog).toBeHidden();

  // 上线跟踪: the API's own message for a bad address, then a live listing.
  await page.getByRole('tab', { name: '上线跟踪' }).click();
  await page.getByRole('button', { name: '登记支付宝公益的上线信息' }).click();
  const form = page.getByRole('dialog', { name: '登记上线信息' });
  await chooseOption(page, form.getByLabel('上线状态'), '已上线');
  await form.getByRole('textbox', { name: '平台项目编号' }).fill('ZFB2025-0917');
  await form.getByRole('textbox', { name: '项目网址' }).fill('gongyi.alipay.com/project/917');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form).toContainText('「上线信息 · 网址」：网址应为以 http:// 或 https:// 开头的完整网址');
  await page.screenshot({ path: join(SCREENSHOTS, 'listing-form-error.png') });
  expect(app.lib.proposals.get(p.id).listings).toHaveLength(0);
  await form.getByRole('textbox', { name: '项目网址' }).fill('https://gongyi.alipay.com/project/917');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form).toBeHidden();
  const card = page.locator('.listing-group[data-platform="alipay"] .listing-card');
  await expect(card).toContainText('已上线');
  await expect(card.getByRole('link', { name: 'https://gongyi.alipay.com/project/917' })).toBeVisible();
  const stored = app.lib.proposals.get(p.id).listings;
  expect(stored).toEqual([
    expect.objectContaining({ platform: 'alipay', status: 'live', projectNumber: 'ZFB2025-0917', url: 'https://gongyi.alipay.com/project/917' }),
  ]);
  expect(stored[0]!.liveDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await page.locator('.editor-panel').screenshot({ path: join(SCREENSHOTS, 'listing-tracker.png') });

  // The editor's own autosave (after syncing the listings) must not undo the tracker.
  await waitSaved(page);
  expect(app.lib.proposals.get(p.id).listings).toHaveLength(1);

  // The library marks the platform live, and only that one.
  await page.getByRole('button', { name: '项目库' }).click();
  const row = page.locator('.ant-table-tbody tr.ant-table-row').first();
  await expect(row.getByText('支付宝公益 · 已上线')).toBeVisible();
  await expect(row.getByText('腾讯公益', { exact: true })).toBeVisible();
  await expect(row.getByText('腾讯公益 · 已上线')).toHaveCount(0);
  await page.screenshot({ path: join(SCREENSHOTS, 'library-live.png') });

  // A platform it went live on that is no longer a target still shows as live.
  setListing(app.lib, p.id, null, { platform: 'jd', status: 'live', url: 'https://gongyi.jd.com/project/5' });
  await page.reload();
  await expect(row.getByText('京东公益 · 已上线')).toBeVisible();

  // The same dialog from the library, for the one proposal ticked.
  const exportFromLibrary = page.getByRole('button', { name: '导出到平台' });
  await expect(exportFromLibrary).toBeDisabled();
  await row.getByRole('checkbox').check();
  await exportFromLibrary.click();
  await expect(page.getByRole('dialog', { name: `导出到平台 —「${raw.title}」` }).getByRole('checkbox', { checked: true })).toHaveCount(13);
});
