import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { makeProposal } from '../unit/helpers/proposals';
import { expect, SCREENSHOTS, test, waitSaved } from './fixtures';

const NEED = '渝北区双龙湖街道有独居老人320名，其中高龄老人占四成。社区食堂距离较远，老人就餐不便。';

async function openAs(page: Page, open: () => Promise<void>, status: string) {
  await open();
  // Opening the whole editor is the slowest step on a loaded two-core machine: allow it longer.
  await expect(page.getByTestId('review-status')).toHaveText(status, { timeout: 90_000 });
}

test('submit, comment on a passage, return with reasons, fix and resubmit, see the diff, approve, frozen, amend', async ({ app, page }) => {
  // The whole path through two desks, on a shared machine.
  test.setTimeout(600_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const p = app.lib.proposals.insert(makeProposal({ title: '双龙湖长者助餐', district: '渝北区', platforms: ['tencent'], sections: { background: NEED } }));
  const editor = () => app.open(page, `#/p/${p.id}`);
  // The side panel's tabs may still be settling when the page opens: click until the panel shows.
  const reviewTab = () =>
    expect(async () => {
      await page.getByRole('tab', { name: /^审核/ }).click();
      await expect(page.getByTestId('review-panel')).toBeVisible({ timeout: 1000 });
    }).toPass();

  // The district submits.
  await openAs(page, editor, '草稿');
  await page.getByTestId('review-bar').getByRole('button', { name: '提交审核' }).click();
  await expect(page.getByTestId('review-status')).toHaveText('已提交');

  // The federation's review desk finds it in 待我审核, comments on a passage and returns it.
  app.lib.review.setDesk('federation', '总会 李审');
  await app.open(page, '#/v/review');
  await expect(page.getByRole('link', { name: '双龙湖长者助餐' })).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, 'review-queue.png') });
  await page.getByRole('link', { name: '双龙湖长者助餐' }).click();
  await expect(page.getByTestId('review-status')).toHaveText('已提交', { timeout: 90_000 });
  await reviewTab();
  await page.getByLabel('引用的文字').fill('独居老人320名');
  await page.getByLabel('批注内容').fill('人数请附街道名单');
  await page.getByRole('button', { name: '添加批注' }).click();
  await expect(page.getByTestId('review-comment')).toContainText('人数请附街道名单');
  await page.getByTestId('review-bar').getByRole('button', { name: '退回修改' }).click();
  const dialog = page.getByRole('dialog', { name: '退回修改' });
  await dialog.getByRole('button', { name: '确认退回修改' }).click();
  await expect(page.getByText('退回修改必须填写理由')).toBeVisible();
  await dialog.getByLabel('理由').fill('受益人数需核实并附名单');
  await dialog.getByLabel('项目背景与需求').check();
  await dialog.getByRole('button', { name: '确认退回修改' }).click();
  await expect(page.getByTestId('review-status')).toHaveText('退回修改');

  // The district sees the reasons and the comment beside the section, fixes the passage and resubmits.
  app.lib.review.setDesk('district', '渝北区 张敏');
  await openAs(page, editor, '退回修改');
  await expect(page.getByTestId('review-reasons')).toContainText('受益人数需核实并附名单；需修改：项目背景与需求');
  await reviewTab();
  await expect(page.getByRole('region', { name: '批注：项目背景与需求' })).toContainText('「独居老人320名」');
  await page.screenshot({ path: join(SCREENSHOTS, 'review-returned.png') });
  const background = page.getByTestId('section-background');
  await background.getByText(/320/).click();
  await page.keyboard.press('End');
  await page.keyboard.type('名单附后，共340名。');
  await waitSaved(page);
  await page.getByTestId('review-bar').getByRole('button', { name: '提交审核' }).click();
  await expect(page.getByTestId('review-status')).toHaveText('已提交');

  // The reviewer compares revision 1 with 2 in 历史版本, character by character, and approves.
  app.lib.review.setDesk('federation', '总会 李审');
  await openAs(page, editor, '已提交');
  await page.getByRole('button', { name: '历史版本' }).click();
  await expect(page.getByTestId('submit-revisions')).toContainText('第 2 版');
  await page.getByRole('button', { name: '比较' }).click();
  const diff = page.getByTestId('revision-diff');
  await expect(diff.locator('ins')).toContainText('名单附后，共340名。');
  await page.screenshot({ path: join(SCREENSHOTS, 'review-diff.png') });
  await page.keyboard.press('Escape');
  await page.getByTestId('review-bar').getByRole('button', { name: '通过', exact: true }).click();
  await expect(page.getByTestId('review-status')).toHaveText('已通过');
  await expect(page.getByTestId('review-lock')).toHaveText('已通过并冻结，如需修改请发起变更');
  await expect(page.getByTestId('review-bar')).toContainText('已通过版本：第 2 版');

  // The district's desk cannot change the frozen revision: the editor refuses typing, every field is
  // disabled, and the banner says how to change it; an amendment goes through review again.
  app.lib.review.setDesk('district', '渝北区 张敏');
  await openAs(page, editor, '已通过');
  await expect(page.getByTestId('review-lock')).toHaveText('已通过并冻结，如需修改请发起变更');
  await expect(background).toHaveAttribute('contenteditable', 'false');
  await expect(page.getByLabel('项目名称')).toBeDisabled();
  await expect(page.getByLabel('一句话简介')).toBeDisabled();
  const before = await background.innerText();
  await background.click();
  await page.keyboard.type('偷偷改');
  await expect(background).toHaveText(before);
  await expect(page.getByText('保存失败，内容仍在本页')).toHaveCount(0);
  expect(app.lib.proposals.get(p.id).sections.background.text).not.toContain('偷偷改');
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: join(SCREENSHOTS, 'review-frozen.png') });
  await page.getByTestId('review-bar').getByRole('button', { name: '发起变更' }).click();
  await expect(page.getByTestId('review-status')).toHaveText('草稿');
  // The pen is back with the district: the same page takes typing again.
  await expect(background).toHaveAttribute('contenteditable', 'true');
  await expect(page.getByLabel('项目名称')).toBeEnabled();
  await background.click();
  await page.keyboard.press('End');
  await page.keyboard.type('变更：增加送餐上门。');
  await waitSaved(page);
  expect(app.lib.proposals.get(p.id).sections.background.text).toContain('变更：增加送餐上门。');
  await page.getByTestId('review-bar').getByRole('button', { name: '提交审核' }).click();
  await expect(page.getByTestId('review-status')).toHaveText('已提交');
  // Submitted, the district's pen is gone again until it withdraws or the reviewer returns it.
  await expect(page.getByTestId('review-lock')).toContainText('如需修改请先「撤回提交」');
  await expect(background).toHaveAttribute('contenteditable', 'false');
  expect(app.lib.review.revisions(p.id).map((r) => r.n)).toEqual([3, 2, 1]);
  expect(app.lib.review.frozen(p.id)?.n).toBe(2);
});
