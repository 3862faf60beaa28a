import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { proposalFromTemplate } from '../../src/core/handbook/fromTemplate';
import { readHandbookFolder } from '../../src/core/handbook/readPackage';
import { expect, SCREENSHOTS, test, waitSaved } from './fixtures';

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
