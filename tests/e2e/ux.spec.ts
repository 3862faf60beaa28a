import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { proposalFromTemplate } from '../../src/core/handbook/fromTemplate';
import { readHandbookFolder } from '../../src/core/handbook/readPackage';
import { writeBundle } from '../../src/core/bundle/writeBundle';
import { addPhoto, photo } from '../unit/helpers/exportFixtures';
import { makeProposal } from '../unit/helpers/proposals';
import { completeProposal } from '../unit/helpers/rules';
import { chooseOption, expect, SCREENSHOTS, test, typeWithIme, waitSaved } from './fixtures';

const handbook = readHandbookFolder(resolve('templates/handbook'));
const template = (id: string) => handbook.templates.find((t) => t.id === id)!;
const shot = (name: string) => resolve(SCREENSHOTS, `${name}.png`);
const LAPTOPS = [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
] as const;

/** The rendered width of an element, in CSS pixels. */
async function widthOf(page: Page, label: string): Promise<number> {
  const box = await page.getByLabel(label, { exact: true }).boundingBox();
  if (!box) throw new Error(`${label} is not on the page`);
  return box.width;
}

test('the budget is readable on a laptop: every field of every line has room, and 测算依据 is editable', async ({ app, page }) => {
  const p = proposalFromTemplate(template('elderly-meals'), handbook.version, { title: '龙溪街道老年食堂助餐计划', district: '渝北区' });
  // A merged brand project's line carries where it came from: that column must have room too.
  p.budget.lines[0] = { ...p.budget.lines[0]!, origin: { proposalId: 'src1', district: '石柱土家族自治县' } };
  app.lib.proposals.insert(p);

  for (const size of LAPTOPS) {
    await page.setViewportSize(size);
    await app.open(page, `#/p/${p.id}`);
    await page.getByRole('link', { name: '预算' }).first().click();
    const first = page.getByLabel('预算项目 1', { exact: true });
    await first.scrollIntoViewIfNeeded();
    await expect(first).toHaveValue(p.budget.lines[0]!.item);
    // Item names take twelve characters or more; amounts and categories at least seven.
    expect(await widthOf(page, '预算项目 1')).toBeGreaterThanOrEqual(12 * 14);
    for (const label of ['预算类别 1', '预算单价 1', '预算数量 1', '预算金额 1']) expect(await widthOf(page, label)).toBeGreaterThanOrEqual(7 * 14);
    expect(await widthOf(page, '测算依据 1')).toBeGreaterThanOrEqual(20 * 14);
    // Nothing is cut off: the full item text and amount fit their inputs.
    for (const label of ['预算项目 1', '预算金额 1']) {
      const fits = await page.getByLabel(label, { exact: true }).evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
      expect(fits, `${label} shows its whole value at ${size.width}`).toBe(true);
    }
    await expect(page.getByText('石柱土家族自治县', { exact: true })).toBeVisible();
    await page.locator('#budget').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: shot(`budget-${size.width}x${size.height}`) });
  }

  // The note the template filled with a placeholder can be rewritten where it is shown.
  const note = page.getByLabel('测算依据 2', { exact: true });
  await expect(note).toHaveValue(/【请填写：/);
  await note.fill('20 元/餐 × 300 餐，参照街道食堂 2026 年报价');
  await waitSaved(page);
  expect(app.lib.proposals.get(p.id).budget.lines[1]!.note).toBe('20 元/餐 × 300 餐，参照街道食堂 2026 年报价');
});

test('importing bundles: the proposals inside are listed, and an id kept from another district shows both sides and defaults to 保留两份', async ({ app, page }, testInfo) => {
  const yubei = app.lib.proposals.insert(
    makeProposal({ title: '龙溪街道老年食堂助餐计划', district: '渝北区', roles: { initiator: { name: '渝北区慈善会', creditCode: '' }, executors: [], fundraiser: { name: '', creditCode: '' } } }),
  );
  // 石柱县 started from 渝北's file and rewrote it: same id, another project, edited later.
  const shizhu = makeProposal({
    id: yubei.id,
    title: '石柱县中益乡留守儿童暑期课堂',
    district: '石柱土家族自治县',
    status: 'submitted',
    roles: { initiator: { name: '石柱县慈善会', creditCode: '' }, executors: [], fundraiser: { name: '', creditCode: '' } },
    updatedAt: new Date(Date.parse(yubei.updatedAt) + 86_400_000).toISOString(),
  });
  const shizhuFile = testInfo.outputPath('石柱县.shance');
  writeFileSync(shizhuFile, writeBundle([shizhu, makeProposal({ title: '石柱县黄水镇助残就业', district: '石柱土家族自治县', status: 'approved' })], [], 'test'));
  const chengkouFile = testInfo.outputPath('城口县.shance');
  writeFileSync(chengkouFile, writeBundle([makeProposal({ title: '城口县乡村太阳能路灯', district: '城口县', status: 'submitted' })], [], 'test'));

  for (const size of LAPTOPS) {
    await page.setViewportSize(size);
    await app.open(page);
    await page.getByRole('button', { name: '导入', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '导入交换包' });
    await dialog.locator('input[type=file]').setInputFiles([shizhuFile, chengkouFile]);
    // The reviewer sees what is inside, not only a count.
    const listed = dialog.locator('.ant-table');
    await expect(listed.getByText('石柱县黄水镇助残就业')).toBeVisible();
    await expect(listed.getByText('城口县乡村太阳能路灯')).toBeVisible();
    await expect(dialog.getByText('2 个交换包包含 3 个项目，其中 1 个已在项目库中')).toBeVisible();
    await expect(listed.getByRole('row', { name: /城口县乡村太阳能路灯/ })).toContainText('已提交');
    await expect(listed.getByRole('row', { name: /石柱县黄水镇助残就业/ })).toContainText('已通过');

    const card = dialog.getByTestId('conflict-card');
    await expect(card.getByText('编号相同，但看起来是两个不同的项目')).toBeVisible();
    await expect(card.getByText('龙溪街道老年食堂助餐计划')).toBeVisible();
    await expect(card.getByText('区县：渝北区')).toBeVisible();
    await expect(card.getByText('石柱县中益乡留守儿童暑期课堂')).toBeVisible();
    await expect(card.getByText('区县：石柱土家族自治县')).toBeVisible();
    await expect(card.getByLabel('保留两份')).toBeChecked();
    // 全部替换 does not reach the other district's project.
    await dialog.getByRole('button', { name: '替换为导入的版本' }).click();
    await expect(card.getByLabel('保留两份')).toBeChecked();
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot(`import-conflict-${size.width}x${size.height}`) });
    if (size.width === 1280) await dialog.getByRole('button', { name: '取消' }).click();
  }

  await page.getByRole('dialog', { name: '导入交换包' }).getByRole('button', { name: '导入 3 个项目' }).click();
  await expect(page.getByText('导入完成：新增 2 个，替换 0 个，保留副本 1 个，跳过 0 个')).toBeVisible();
  expect(app.lib.proposals.get(yubei.id).title).toBe('龙溪街道老年食堂助餐计划');
  expect([...app.lib.proposals.all()].map((p) => p.title).sort()).toEqual(
    ['龙溪街道老年食堂助餐计划', '石柱县中益乡留守儿童暑期课堂（导入副本）', '石柱县黄水镇助残就业', '城口县乡村太阳能路灯'].sort(),
  );
});

test('export dialog: 开始导出 is off, with the reason, when nothing can be exported; one reason serves every platform and each stays editable', async ({ app, page }) => {
  test.slow();
  // Nothing filed yet: every platform's checklist has errors.
  const p = app.lib.proposals.insert(makeProposal({ title: '渝北区独居老人助餐计划', district: '渝北区', platforms: ['tencent', 'alipay'] }));
  for (const size of LAPTOPS) {
    await page.setViewportSize(size);
    await app.open(page, `#/p/${p.id}`);
    await page.getByRole('button', { name: '导出到平台' }).click();
    const dialog = page.getByRole('dialog', { name: /导出到平台/ });
    await dialog.getByRole('button', { name: '仅目标平台' }).click();
    const start = dialog.getByRole('button', { name: /开始导出/ });
    await expect(start).toBeDisabled();
    await expect(dialog.getByTestId('export-start-hint')).toHaveText(/所选平台都有错误，不能导出/);

    const shared = dialog.getByLabel('所有有错误平台共用的导出理由');
    await shared.fill('总会已同意先行导出，备案编号待补');
    await expect(start).toBeEnabled();
    await expect(dialog.getByTestId('export-start-hint')).toBeHidden();
    await expect(dialog.getByLabel('「腾讯公益」的导出理由')).toHaveValue('总会已同意先行导出，备案编号待补');
    await expect(dialog.getByLabel('「支付宝公益」的导出理由')).toHaveValue('总会已同意先行导出，备案编号待补');
    // One platform's own reason: the others keep the shared one.
    await dialog.getByLabel('「支付宝公益」的导出理由').fill('支付宝公益：备案编号上线前补');
    await expect(dialog.getByLabel('「腾讯公益」的导出理由')).toHaveValue('总会已同意先行导出，备案编号待补');
    await page.screenshot({ path: shot(`export-dialog-${size.width}x${size.height}`) });
    // Clearing the shared reason leaves Alipay's own, so one platform would still be exported.
    await shared.fill('');
    await expect(dialog.getByTestId('export-start-hint')).toHaveText('其中 1 个平台有错误且没有写导出理由，将不会导出。');
    if (size.width === 1280) await dialog.getByRole('button', { name: '取消' }).click();
  }
  const dialog = page.getByRole('dialog', { name: /导出到平台/ });
  await dialog.getByLabel('所有有错误平台共用的导出理由').fill('总会已同意先行导出');
  await dialog.getByRole('button', { name: '开始导出（2 个平台）' }).click();
  await expect(dialog.locator('.export-result[data-state="written"]')).toHaveCount(2, { timeout: 60_000 });
});

test('images: several uploaded at once, cards across the width, and a focal point placed by click with each platform crop previewed', async ({ app, page }, testInfo) => {
  // A portrait photo, as phones take them: every platform's landscape cover crops it top to bottom.
  const cover = await addPhoto(app.lib, '封面.jpg', await photo(900, 1600, 1), { isCover: true, caption: '老人在食堂用餐' });
  const p = app.lib.proposals.insert(makeProposal({ title: '龙溪街道老年食堂助餐计划', images: [cover], platforms: ['tencent', 'weibo'] }));
  const files = await Promise.all([2, 3, 4].map(async (seed) => {
    const path = testInfo.outputPath(`现场${seed}.jpg`);
    writeFileSync(path, await photo(1200, 900, seed));
    return path;
  }));
  await page.setViewportSize({ width: 1440, height: 900 });
  await app.open(page, `#/p/${p.id}`);
  await page.getByRole('link', { name: '图片与授权' }).first().click();
  // Three pictures in one go.
  await page.locator('#images input[type=file]').setInputFiles(files);
  await expect.poll(() => app.lib.proposals.get(p.id).images.map((i) => i.fileName).sort(), { timeout: 20_000 }).toEqual(['封面.jpg', '现场2.jpg', '现场3.jpg', '现场4.jpg']);
  const cards = page.getByTestId('image-card');
  await expect(cards).toHaveCount(4);
  // Two cards side by side, each at least 340 px: not one narrow column.
  const [a, b] = [await cards.nth(0).boundingBox(), await cards.nth(1).boundingBox()];
  expect(a!.width).toBeGreaterThanOrEqual(340);
  expect(b!.y).toBe(a!.y);

  for (const size of LAPTOPS) {
    await page.setViewportSize(size);
    await cards.first().getByRole('button', { name: /设置焦点|调整焦点/ }).click();
    const dialog = page.getByRole('dialog', { name: /设置图片焦点/ });
    await expect(dialog.locator('[data-testid="focal-preview"][data-platform="tencent"]').first()).toBeVisible();
    await expect(dialog.locator('[data-testid="focal-preview"][data-platform="weibo"]').first()).toBeVisible();
    const stage = dialog.getByTestId('focal-stage');
    await expect.poll(() => stage.locator('img').evaluate((i) => (i as unknown as { naturalWidth: number }).naturalWidth)).toBe(900);
    // The dialog zooms in as it opens: measure the picture once it has stopped moving.
    let box = (await stage.boundingBox())!;
    await expect
      .poll(async () => {
        const prev = box;
        await page.waitForTimeout(250);
        box = (await stage.boundingBox())!;
        return prev.x === box.x && prev.y === box.y && prev.width === box.width && prev.height === box.height;
      })
      .toBe(true);
    // The face is near the top: click there, and every crop moves up to keep it.
    await stage.click({ position: { x: box.width * 0.4, y: box.height * 0.08 } });
    await expect(stage).toHaveAttribute('aria-valuetext', /^水平 (39|40|41)%，垂直 [789]%$/);
    const positions = await dialog.getByTestId('focal-crop').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('style') ?? ''));
    expect(positions.length).toBeGreaterThan(1);
    expect(positions.every((pos) => /object-position: 50% 0%/.test(pos))).toBe(true);
    await page.screenshot({ path: shot(`focal-point-${size.width}x${size.height}`) });
    await dialog.getByRole('button', { name: '保存焦点' }).click();
    await expect(dialog).toBeHidden();
  }
  await waitSaved(page);
  const saved = app.lib.proposals.get(p.id).images.find((i) => i.fileName === '封面.jpg')!.focalPoint;
  expect(Math.abs(saved.x - 0.4)).toBeLessThan(0.015);
  expect(Math.abs(saved.y - 0.08)).toBeLessThan(0.015);
});

test('写作指南 follows a click in the outline, not only a focused field', async ({ app, page }) => {
  const p = app.lib.proposals.insert(proposalFromTemplate(template('elderly-meals'), handbook.version, { title: '龙溪街道老年食堂助餐计划' }));
  await page.setViewportSize({ width: 1280, height: 800 });
  await app.open(page, `#/p/${p.id}`);
  const panel = page.locator('.editor-panel');
  const nav = page.getByRole('navigation', { name: '方案目录' });
  await expect(panel.getByText('第 1 步', { exact: true })).toBeVisible();
  const steps = [
    ['预算', 'budget'],
    ['风险及应对', 'risks'],
    ['图片与授权', 'images'],
  ] as const;
  for (const [link, stepId] of steps) {
    await nav.getByRole('link', { name: link, exact: true }).click();
    const n = handbook.steps.findIndex((s) => s.id === stepId) + 1;
    await expect(panel.getByText(`第 ${n} 步`, { exact: true })).toBeVisible();
    await expect(panel.getByText(handbook.steps[n - 1]!.title).first()).toBeVisible();
  }
});

test('历史版本: a version is previewed, with what differs marked, before 恢复此版本', async ({ app, page }) => {
  const first = app.lib.proposals.insert(makeProposal({ title: '龙溪街道助餐', sections: { background: '龙溪街道有独居老人三百二十人。' } }));
  app.lib.proposals.save({ ...first, title: '龙溪街道老年食堂助餐计划', sections: { ...first.sections, background: { doc: null, text: '改写后的背景。' } } });
  await page.setViewportSize({ width: 1280, height: 800 });
  await app.open(page, `#/p/${first.id}`);
  await page.getByRole('button', { name: '历史版本' }).click();
  const drawer = page.getByRole('dialog', { name: '历史版本' });
  // No restore straight from the list: only a preview.
  await expect(drawer.getByRole('button', { name: '恢复此版本' })).toHaveCount(0);
  await drawer.getByRole('button', { name: /^预览 / }).click();
  const preview = page.getByTestId('revision-preview');
  await expect(preview.getByText('龙溪街道有独居老人三百二十人。')).toBeVisible();
  await expect(preview.getByRole('region', { name: '历史版本：项目背景与需求' }).getByText('与当前不同')).toBeVisible();
  await expect(preview.getByRole('region', { name: '历史版本：项目目标' }).getByText('与当前不同')).toHaveCount(0);
  await page.screenshot({ path: shot('history-preview-1280x800') });
  // Back to the list changes nothing.
  await page.getByRole('button', { name: '返回列表' }).click();
  await expect(preview).toBeHidden();
  expect(app.lib.proposals.get(first.id).title).toBe('龙溪街道老年食堂助餐计划');
  await page.getByRole('button', { name: /^预览 / }).click();
  await page.getByRole('button', { name: '恢复此版本' }).click();
  await expect(page.getByTestId('section-background')).toHaveText('龙溪街道有独居老人三百二十人。');
  await waitSaved(page);
  expect(app.lib.proposals.get(first.id).title).toBe('龙溪街道助餐');
});

test('the 规则检查 tab counts warnings once no error is left', async ({ app, page }) => {
  // Every shipped pack passes this proposal without an error; a small cover adds warnings only.
  const p = completeProposal({ platforms: ['tencent', 'weibo'] });
  p.images = p.images.map((img, i) => (i === 0 ? { ...img, width: 400, height: 225 } : img));
  app.lib.proposals.insert(p);
  await page.setViewportSize({ width: 1280, height: 800 });
  await app.open(page, `#/p/${p.id}`);
  const tab = page.getByRole('tab', { name: /规则检查/ });
  await expect(tab.getByLabel(/个警告$/)).toBeVisible();
  await expect(tab.getByLabel(/个错误$/)).toHaveCount(0);
  await expect(tab.getByLabel(/个警告$/)).toHaveText('2');
});

test('a long title stays on one line in the editor header and takes at most two in the library', async ({ app, page }) => {
  const long = '重庆市渝北区龙溪街道、双龙湖街道及周边社区高龄独居与失能半失能老人暖心助餐与上门探访关爱服务计划（2027年度）';
  app.lib.proposals.insert(makeProposal({ title: long, district: '渝北区', platforms: ['tencent', 'alipay', 'weibo', 'jd', 'douyin'] }));
  app.lib.proposals.insert(makeProposal({ title: '短名称', district: '城口县' }));
  await page.setViewportSize({ width: 1280, height: 800 });
  await app.open(page);
  const link = page.getByRole('link', { name: long });
  const lineHeight = await link.evaluate(lineHeightOf);
  expect((await link.boundingBox())!.height).toBeLessThanOrEqual(2 * lineHeight + 1);
  await link.hover();
  await expect(page.getByRole('tooltip')).toHaveText(long);
  await page.screenshot({ path: shot('library-long-title-1280x800') });

  await link.click();
  const title = page.getByTestId('editor-title');
  await expect(title).toBeVisible();
  const one = await title.evaluate(lineHeightOf);
  expect((await title.boundingBox())!.height).toBeLessThanOrEqual(one + 1);
  // Scrolled down, the sticky header leaves the side panel's tabs uncovered.
  await page.getByRole('link', { name: '预算' }).first().click();
  await page.waitForTimeout(600);
  const tab = page.getByRole('tab', { name: /规则检查/ });
  const box = (await tab.boundingBox())!;
  const onTop = await page.evaluate(`document.elementFromPoint(${box.x + box.width / 2}, ${box.y + box.height / 2})?.closest('[role="tab"]')?.textContent ?? ''`);
  expect(onTop).toContain('规则检查');
});

/** Every aria-label a screen reader would read (not inside aria-hidden) that is written in English letters only. */
const englishLabels = (page: Page): Promise<string[]> =>
  page.evaluate(
    `[...document.querySelectorAll('[aria-label]')].filter((e) => !e.closest('[aria-hidden="true"]')).map((e) => e.getAttribute('aria-label')).filter((l) => /^[A-Za-z][A-Za-z -]*$/.test(l))`,
  );
/** An element's line height in pixels. */
const lineHeightOf = (el: { ownerDocument: unknown }) => parseFloat((el.ownerDocument as { defaultView: { getComputedStyle(e: unknown): { lineHeight: string } } }).defaultView.getComputedStyle(el).lineHeight);

test('screen readers hear Chinese: no English aria labels in the library, the editor or a select', async ({ app, page }) => {
  const p = app.lib.proposals.insert(proposalFromTemplate(template('elderly-meals'), handbook.version, { title: '龙溪街道老年食堂助餐计划', district: '渝北区' }));
  await page.setViewportSize({ width: 1280, height: 800 });
  await app.open(page);
  await expect(page.getByRole('link', { name: '龙溪街道老年食堂助餐计划' })).toBeVisible();
  // The library's select-all box and a filter with a value (its clear button).
  await chooseOption(page, page.getByLabel('按区县筛选'), '渝北区');
  await expect(page.getByLabel('全选')).toHaveCount(1);
  expect(await englishLabels(page)).toEqual([]);

  await app.open(page, `#/p/${p.id}`);
  await expect(page.getByLabel('预算数量 1', { exact: true })).toBeAttached();
  await expect(page.getByLabel('增加数值').first()).toBeAttached();
  expect(await englishLabels(page)).toEqual([]);
});

test('the template picker shows each template from its top, not at the last one\'s scroll position', async ({ app, page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await app.open(page);
  await page.getByRole('button', { name: '新建第一个项目' }).click();
  const dialog = page.getByRole('dialog', { name: '新建项目' });
  await dialog.getByRole('radio', { name: /^养老帮扶/ }).click();
  await dialog.getByRole('radio', { name: /老年食堂助餐/ }).click();
  const detail = dialog.locator('.hb-tpl-detail');
  await expect(detail.getByRole('button', { name: '预览模板内容' })).toBeAttached();
  const scrollable = await detail.evaluate((el) => el.scrollHeight > el.clientHeight);
  expect(scrollable, 'the detail panel scrolls at 1280×800').toBe(true);
  await detail.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect.poll(() => detail.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  await dialog.getByRole('radio', { name: /独居老人送餐探访/ }).click();
  await expect(detail.getByRole('heading', { name: /独居老人送餐探访/ })).toBeVisible();
  await expect.poll(() => detail.evaluate((el) => el.scrollTop)).toBe(0);
});

test('Ctrl+Z takes back a phrase typed through the input method in one step, not one commit at a time', async ({ app, page }) => {
  const p = app.lib.proposals.insert(makeProposal({ title: '撤销测试' }));
  await page.setViewportSize({ width: 1280, height: 800 });
  await app.open(page, `#/p/${p.id}`);
  const background = page.getByTestId('section-background');
  await background.click();
  await page.keyboard.type('前文。');
  // Choosing candidates takes time: each commit comes well after the one before.
  await page.waitForTimeout(1200);
  for (const [pinyin, word] of [
    ['zhucan', '助餐'],
    ['xuqiu', '需求'],
    ['hen', '很'],
    ['poqie', '迫切'],
  ]) {
    await typeWithIme(page, pinyin!, word!);
    await page.waitForTimeout(1200);
  }
  await expect(background).toHaveText('前文。助餐需求很迫切');
  await page.keyboard.press('Control+z');
  await expect(background).toHaveText('前文。');
  // Typing on the keyboard in between ends the phrase: each part is undone on its own.
  await page.keyboard.press('Control+y');
  await expect(background).toHaveText('前文。助餐需求很迫切');
  await page.keyboard.type('，');
  await page.waitForTimeout(1200);
  await typeWithIme(page, 'xiexie', '谢谢');
  await page.keyboard.press('Control+z');
  await expect(background).toHaveText('前文。助餐需求很迫切，');
});

test('减少动态效果: with the system set to reduce motion popups open without animation; otherwise antd animates', async ({ app, page }) => {
  await app.open(page);
  const button = page.locator('.ant-btn').first();
  const duration = () => button.evaluate((b) => b.ownerDocument.defaultView!.getComputedStyle(b).transitionDuration);
  // The class antd puts on a popup while it moves in.
  const moving = page.locator('.ant-select-dropdown[class*="-appear"], .ant-select-dropdown[class*="-enter"]');
  await page.getByLabel('按区县筛选').click();
  await expect(page.locator('.ant-select-dropdown')).toBeVisible();
  await expect(moving).toHaveCount(0, { timeout: 50 });
  await page.keyboard.press('Escape');
  // Read once, not polled: before antd's styles are in, every button has no transition at all.
  expect(await duration()).toMatch(/^0s(, 0s)*$/);

  // The setting is followed while the app runs, as when the user changes it in the system.
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await expect.poll(duration).not.toMatch(/^0s(, 0s)*$/);
});
