import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { connect, deskPage, startFederation, syncNow } from './federationServer';
import { chooseOption, expect, SCREENSHOTS, startDoor, test, waitSaved } from './fixtures';

const TITLE = '双龙湖长者助餐';
const NEED = '渝北区双龙湖街道有独居老人320名，其中高龄老人占四成。社区食堂距离较远，老人就餐不便。';
const PLAN = '在街道设两个助餐点，每天中午供餐，行动不便的老人由志愿者送餐上门。';
const FIX = '名单附后，共340名。';

test.describe.configure({ timeout: 240_000 });

/** Select `passage` inside `where` with the mouse, as a reader drags across it. */
async function dragSelect(page: Page, where: Locator, passage: string): Promise<void> {
  // A drag that leaves the window scrolls the page under the mouse: bring the passage into view first.
  await where.scrollIntoViewIfNeeded();
  // Where the passage's first and last characters are in the window.
  const box = await where.evaluate((el, text) => {
    const doc = el.ownerDocument;
    const SHOW_TEXT = 4; // NodeFilter.SHOW_TEXT
    const walker = doc.createTreeWalker(el, SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.textContent?.indexOf(text) ?? -1;
      if (at < 0) continue;
      const range = doc.createRange();
      range.setStart(n, at);
      range.setEnd(n, at + text.length);
      const rects = range.getClientRects();
      const first = rects[0]!;
      const last = rects[rects.length - 1]!;
      return { x0: first.left + 1, y0: first.top + first.height / 2, x1: last.right - 1, y1: last.top + last.height / 2 };
    }
    return null;
  }, passage);
  if (!box) throw new Error(`页面上没有「${passage}」`);
  await page.mouse.move(box.x0, box.y0);
  await page.mouse.down();
  await page.mouse.move(box.x1, box.y1, { steps: 5 });
  await page.mouse.up();
}

test('review through a real federation server: submit, comment on a passage, return, fix, diff, approve, frozen, amend', async ({ browser }) => {
  const fed = await startFederation([
    ['yubei', '渝北区', 'drafter'],
    ['shenhe', '市慈善总会（本级）', 'reviewer'],
  ]);
  const district = await startDoor();
  const federation = await startDoor();
  try {
    const d = await deskPage(browser);
    const r = await deskPage(browser);

    // 渝北区's writer joins the federation, writes a proposal and submits it.
    await district.open(d);
    await connect(d, fed.url, 'yubei');
    await d.getByRole('menuitem', { name: '项目库' }).click();
    await d.getByRole('button', { name: '新建第一个项目' }).click();
    const create = d.getByRole('dialog', { name: '新建项目' });
    await create.getByText('空白项目').click();
    await create.getByLabel('项目名称').fill(TITLE);
    await chooseOption(d, create.getByLabel('区县'), '渝北区', '渝北区');
    await chooseOption(d, create.getByLabel('项目领域'), '养老帮扶');
    await create.getByRole('button', { name: '创建' }).click();
    const background = d.getByTestId('section-background');
    await background.click();
    await d.keyboard.insertText(NEED);
    await d.getByTestId('section-plan').click();
    await d.keyboard.insertText(PLAN);
    await waitSaved(d);
    const editorUrl = d.url();
    const bar = d.getByTestId('review-bar');
    const dStatus = d.getByTestId('review-status');
    // The district submits from the review bar, and its next sync takes the submission up.
    const submitAndSync = async () => {
      await bar.getByRole('button', { name: '提交审核' }).click();
      await expect(dStatus).toHaveText('已提交');
      await syncNow(d);
      await expect(d.getByTestId('sync-result')).toContainText('上传 1 个项目');
    };
    await expect(dStatus).toHaveText('草稿');
    await submitAndSync();

    // The federation's reviewer logs in; the submission is in 待我审核.
    await federation.open(r);
    await connect(r, fed.url, 'shenhe');
    await expect(r.getByTestId('sync-result')).toContainText('其他区县已提交项目 1 个');
    await r.getByRole('menuitem', { name: '待我审核' }).click();
    const row = r.getByRole('row', { name: new RegExp(TITLE) });
    const rStatus = r.getByTestId('review-status');
    // The reviewer's next sync brings revision n, and it opens the submission from 待我审核.
    const reviewerOpens = async (n: number) => {
      await syncNow(r);
      await r.getByRole('menuitem', { name: '待我审核' }).click();
      await expect(row).toContainText(`第 ${n} 版`);
      await row.getByRole('link', { name: TITLE }).click();
      await expect(rStatus).toHaveText('已提交');
    };
    await expect(row).toContainText('渝北区');
    await expect(row).toContainText('第 1 版');
    await r.screenshot({ path: join(SCREENSHOTS, 'review-server-queue.png') });

    // It selects a passage, comments on it, and returns the proposal with a reason.
    await row.getByRole('link', { name: TITLE }).click();
    await expect(rStatus).toHaveText('已提交');
    await dragSelect(r, r.locator('[data-section="background"]'), '独居老人320名');
    await r.getByRole('button', { name: '引用所选' }).click();
    await expect(r.getByLabel('引用的文字')).toHaveValue('独居老人320名');
    await r.getByLabel('批注内容').click();
    await r.keyboard.insertText('人数请附街道名单');
    await r.getByRole('button', { name: '添加批注' }).click();
    await expect(r.getByRole('region', { name: '批注：项目背景与需求' })).toContainText('「独居老人320名」');
    // A passage of another section: the comment goes with the section it was selected in.
    await dragSelect(r, r.locator('[data-section="plan"]'), '志愿者送餐上门');
    await r.getByRole('button', { name: '引用所选' }).click();
    await r.getByLabel('批注内容').click();
    await r.keyboard.insertText('送餐覆盖多少老人？');
    await r.getByRole('button', { name: '添加批注' }).click();
    await expect(r.getByRole('region', { name: '批注：执行计划' })).toContainText('「志愿者送餐上门」');
    await r.getByTestId('review-panel').scrollIntoViewIfNeeded();
    await r.screenshot({ path: join(SCREENSHOTS, 'review-server-comment.png') });
    await r.getByTestId('review-bar').getByRole('button', { name: '退回修改' }).click();
    const returning = r.getByRole('dialog', { name: '退回修改' });
    await returning.getByLabel('理由').fill('受益人数需核实并附名单');
    await returning.getByLabel('项目背景与需求').check();
    await returning.getByRole('button', { name: '确认退回修改' }).click();
    await expect(rStatus).toHaveText('退回修改');

    // The district syncs: the reason and the comment beside the passage; it fixes the text and resubmits.
    await syncNow(d);
    await d.goto(editorUrl);
    await expect(dStatus).toHaveText('退回修改', { timeout: 60_000 });
    await expect(d.getByTestId('review-reasons')).toContainText('受益人数需核实并附名单；需修改：项目背景与需求');
    await d.getByRole('tab', { name: /^审核/ }).click();
    const comments = d.getByRole('region', { name: '批注：项目背景与需求' });
    await expect(comments).toContainText('「独居老人320名」');
    await expect(comments).toContainText('人数请附街道名单');
    await expect(d.getByRole('region', { name: '批注：执行计划' })).toContainText('「志愿者送餐上门」');
    // The section's name beside the comment leads to the passage, shown next to it.
    await comments.getByRole('button', { name: '项目背景与需求' }).click();
    await expect(background).toBeInViewport();
    await expect(background).toContainText('独居老人320名');
    await d.screenshot({ path: join(SCREENSHOTS, 'review-server-returned.png') });
    await expect(background).toHaveAttribute('contenteditable', 'true');
    await background.getByText(/320/).click();
    await d.keyboard.press('Control+End');
    await d.keyboard.insertText(FIX);
    await waitSaved(d);
    await submitAndSync();

    // The reviewer syncs, compares revision 1 with 2 character by character in 历史版本, and approves.
    await reviewerOpens(2);
    await r.getByRole('button', { name: '历史版本' }).click();
    const history = r.getByRole('dialog', { name: '历史版本' });
    await expect(history.getByTestId('submit-revisions')).toContainText('第 2 版');
    await history.getByRole('button', { name: '比较' }).click();
    const diff = history.getByTestId('revision-diff');
    await expect(diff).toContainText('第 1 版 → 第 2 版');
    await expect(diff.locator('ins')).toHaveText(FIX);
    await r.screenshot({ path: join(SCREENSHOTS, 'review-server-diff.png') });
    await r.keyboard.press('Escape');
    await expect(history).toBeHidden();
    await r.getByTestId('review-bar').getByRole('button', { name: '通过', exact: true }).click();
    await expect(rStatus).toHaveText('已通过');

    // The district syncs: 已通过, the approved revision frozen, typing refused.
    await syncNow(d);
    await d.goto(editorUrl);
    await expect(dStatus).toHaveText('已通过', { timeout: 60_000 });
    await expect(d.getByTestId('review-lock')).toHaveText('已通过并冻结，如需修改请发起变更');
    await expect(bar).toContainText('已通过版本：第 2 版');
    await expect(background).toHaveAttribute('contenteditable', 'false');
    await expect(d.getByLabel('项目名称')).toBeDisabled();
    const frozenText = await background.innerText();
    await background.click();
    await d.keyboard.type('偷偷改');
    await expect(background).toHaveText(frozenText);
    await d.evaluate('window.scrollTo(0, 0)');
    await d.screenshot({ path: join(SCREENSHOTS, 'review-server-frozen.png') });

    // An amendment (变更) gives the pen back and goes through review again.
    await bar.getByRole('button', { name: '发起变更' }).click();
    await expect(dStatus).toHaveText('草稿');
    await expect(background).toHaveAttribute('contenteditable', 'true');
    await background.click();
    await d.keyboard.press('Control+End');
    await d.keyboard.insertText('变更：增加送餐上门。');
    await waitSaved(d);
    await submitAndSync();
    await reviewerOpens(3);
    // Until the amendment is approved, the approved revision 2 is the one that stands.
    await expect(r.getByTestId('review-bar')).toContainText('已通过版本：第 2 版');
    await r.screenshot({ path: join(SCREENSHOTS, 'review-server-amendment.png') });
  } finally {
    await district.stop();
    await federation.stop();
    fed.stop();
  }
});
