import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeProposal } from '../unit/helpers/proposals';
import { chooseOption, expect, imeCommit, imeCompose, SCREENSHOTS, startDoor, test, typeWithIme, waitSaved } from './fixtures';

test('create a proposal, write Chinese by keyboard and IME, find it again, and carry it to another library', async ({ app, page }, testInfo) => {
  const consoleErrors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));

  await app.open(page);
  await expect(page.getByText('项目库还是空的')).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, 'library-empty.png'), fullPage: true });

  await page.getByRole('button', { name: '新建第一个项目' }).click();
  const dialog = page.getByRole('dialog', { name: '新建项目' });
  await dialog.getByText('空白项目').click();
  await dialog.getByLabel('项目名称').fill('渝北区独居老人助餐计划');
  await chooseOption(page, dialog.getByLabel('项目领域'), '养老帮扶');
  await dialog.getByRole('button', { name: '创建' }).click();

  const background = page.getByTestId('section-background');
  await expect(background).toBeVisible();
  await background.click();
  await page.keyboard.type('龙溪街道有八十岁以上独居老人三百二十人，');
  await typeWithIme(page, 'zhucan', '助餐');
  await page.keyboard.type('需求迫切。');
  await expect(background).toHaveText('龙溪街道有八十岁以上独居老人三百二十人，助餐需求迫切。');
  await waitSaved(page);

  // What was saved is the committed text, never the IME's pinyin in between.
  const [stored] = [...app.lib.proposals.all()];
  if (!stored) throw new Error('nothing saved');
  expect(stored.sections.background.text).toBe('龙溪街道有八十岁以上独居老人三百二十人，助餐需求迫切。');
  await page.screenshot({ path: join(SCREENSHOTS, 'editor.png'), fullPage: false });

  await page.reload();
  await expect(page.getByTestId('section-background')).toHaveText('龙溪街道有八十岁以上独居老人三百二十人，助餐需求迫切。');

  await page.getByRole('button', { name: '项目库' }).click();
  const search = page.getByLabel('搜索项目');
  await search.fill('独居老人三百');
  await expect(page.getByRole('link', { name: '渝北区独居老人助餐计划' })).toBeVisible();
  await search.fill('助餐需求');
  await expect(page.getByRole('link', { name: '渝北区独居老人助餐计划' })).toBeVisible();
  await search.fill('路灯');
  await expect(page.getByText('没有符合条件的项目')).toBeVisible();
  await search.fill('');

  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出全部' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/\.shance$/);
  const bundlePath = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(bundlePath);
  expect(readFileSync(bundlePath).subarray(0, 2).toString('latin1')).toBe('PK');

  const second = await startDoor();
  try {
    const page2 = await page.context().newPage();
    await second.open(page2);
    await expect(page2.getByText('项目库还是空的')).toBeVisible();
    await page2.getByRole('button', { name: '导入交换包' }).click();
    const importDialog = page2.getByRole('dialog', { name: '导入交换包' });
    await importDialog.locator('input[type=file]').setInputFiles(bundlePath);
    await expect(importDialog.getByText('包含 1 个项目，均为新项目')).toBeVisible();
    await importDialog.getByRole('button', { name: '导入 1 个项目' }).click();
    await expect(page2.getByRole('link', { name: '渝北区独居老人助餐计划' })).toBeVisible();
    await page2.getByRole('link', { name: '渝北区独居老人助餐计划' }).click();
    await expect(page2.getByTestId('section-background')).toHaveText('龙溪街道有八十岁以上独居老人三百二十人，助餐需求迫切。');
    await page2.screenshot({ path: join(SCREENSHOTS, 'imported-editor.png') });
    expect(second.lib.proposals.count()).toBe(1);
  } finally {
    await second.stop();
  }
  expect(consoleErrors).toEqual([]);
});

test('a composition in progress never reaches the library, even past the autosave delay', async ({ app, page }) => {
  const p = app.lib.proposals.insert(makeProposal({ title: '助餐' }));
  await app.open(page, `#/p/${p.id}`);
  const title = page.getByLabel('项目名称');
  await title.click();
  await page.keyboard.press('End');
  await imeCompose(page, 'jihua');
  await expect(title).toHaveValue('助餐jihua');
  await page.waitForTimeout(2_000); // longer than the autosave delay
  expect(app.lib.proposals.get(p.id).title).toBe('助餐');

  await imeCommit(page, '计划');
  await expect(title).toHaveValue('助餐计划');
  await waitSaved(page);
  expect(app.lib.proposals.get(p.id).title).toBe('助餐计划');

  // The same in a rich-text section.
  await page.getByTestId('section-risks').click();
  await imeCompose(page, 'fengxian');
  await page.waitForTimeout(2_000);
  expect(app.lib.proposals.get(p.id).sections.risks.text).toBe('');
  await imeCommit(page, '风险');
  await waitSaved(page);
  expect(app.lib.proposals.get(p.id).sections.risks.text).toBe('风险');
});
