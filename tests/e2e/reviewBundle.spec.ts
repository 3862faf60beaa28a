import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Page } from '@playwright/test';
import { makeProposal } from '../unit/helpers/proposals';
import { deskPage } from './federationServer';
import { expect, SCREENSHOTS, startDoor, test } from './fixtures';

const TITLE = '高观镇留守儿童课堂';
const NEED = '城口县高观镇有留守儿童86名，放学后无人看护。';
const REASON = '受益人数请核实并附名单';
const COMMENT = '请附各村留守儿童名单';

test.describe.configure({ timeout: 240_000 });

/** Press a button that hands over a file, and keep the file where the test can read it. */
async function saveDownload(page: Page, click: () => Promise<void>, path: string): Promise<Download> {
  const download = page.waitForEvent('download');
  await click();
  const d = await download;
  await d.saveAs(path);
  return d;
}

/** 设置 → 审核台, set up through the form as a user would. */
async function openDeskSettings(page: Page, open: (page: Page, hash: string) => Promise<void>) {
  await open(page, '#/v/settings?tab=reviewDesk');
  await expect(page.getByTestId('review-desk-settings')).toBeVisible();
}

/** The editor's side panel on 审核; its tabs may still be settling when the page opens. */
async function reviewTab(page: Page) {
  await expect(async () => {
    await page.getByRole('tab', { name: /^审核/ }).click();
    await expect(page.getByTestId('review-panel')).toBeVisible({ timeout: 1000 });
  }).toPass();
}

test('offline review through files: desks set up in 设置, the key exchanged, results signed, verified, and a tampered file refused', async ({ browser }, testInfo) => {
  const district = await startDoor();
  const federation = await startDoor();
  try {
    const d = await deskPage(browser);
    const r = await deskPage(browser);

    // The federation's review desk: set up in 设置 → 审核台; it makes its key and offers the public key.
    await openDeskSettings(r, federation.open);
    await expect(r.getByTestId('review-desk-current')).toHaveText('区县台：本机');
    await r.getByLabel('总会审核台（审核并签发决定，持有总会签名密钥）').check();
    await r.getByLabel('名称').fill('总会 李审');
    await r.getByRole('button', { name: '保存本机身份' }).click();
    await expect(r.getByTestId('review-desk-current')).toHaveText('总会审核台：总会 李审');
    const keyFile = testInfo.outputPath('federation.pem');
    const keyDownload = await saveDownload(r, () => r.getByRole('button', { name: '导出公钥' }).click(), keyFile);
    expect(keyDownload.suggestedFilename()).toBe('善策总会公钥.pem');
    expect(readFileSync(keyFile, 'utf8')).toBe(await r.getByTestId('review-desk-public-key').inputValue());
    await r.screenshot({ path: join(SCREENSHOTS, 'review-desk-federation.png') });

    // 城口县's desk: a pasted key that is not one is refused in words; the exported key file is taken.
    await openDeskSettings(d, district.open);
    await d.getByLabel('名称').fill('城口县 张敏');
    await d.getByLabel('总会公钥').fill('不是公钥');
    await d.getByRole('button', { name: '保存本机身份' }).click();
    await expect(d.getByTestId('review-desk-error')).toContainText('总会公钥无效');
    await expect(d.getByTestId('review-desk-current')).toHaveText('区县台：本机');
    await d.getByTestId('review-desk-settings').locator('input[type=file]').setInputFiles(keyFile);
    await expect(d.getByLabel('总会公钥')).toHaveValue(/^-----BEGIN PUBLIC KEY-----/);
    await d.getByRole('button', { name: '保存本机身份' }).click();
    await expect(d.getByTestId('review-desk-current')).toHaveText('区县台：城口县 张敏');
    await expect(d.getByText('已配置，可核验总会发来的审核结果')).toBeVisible();
    await d.screenshot({ path: join(SCREENSHOTS, 'review-desk-district.png') });

    // The district submits its proposal and exports it as a bundle.
    const p = district.lib.proposals.insert(makeProposal({ title: TITLE, district: '城口县', platforms: ['tencent'], sections: { background: NEED } }));
    await district.open(d, `#/p/${p.id}`);
    await expect(d.getByTestId('review-status')).toHaveText('草稿', { timeout: 60_000 });
    await d.getByTestId('review-bar').getByRole('button', { name: '提交审核' }).click();
    await expect(d.getByTestId('review-status')).toHaveText('已提交');
    const bundle = testInfo.outputPath('submitted.shance');
    await saveDownload(d, () => d.getByRole('button', { name: '导出交换包' }).click(), bundle);

    // The review desk imports it, comments on the passage, returns it with a reason and exports the results.
    await federation.open(r);
    await r.getByRole('button', { name: '导入交换包' }).click();
    const importDialog = r.getByRole('dialog', { name: '导入交换包' });
    await importDialog.locator('input[type=file]').setInputFiles(bundle);
    await importDialog.getByRole('button', { name: '导入 1 个项目' }).click();
    await r.getByRole('link', { name: TITLE }).click();
    await expect(r.getByTestId('review-status')).toHaveText('已提交', { timeout: 60_000 });
    await reviewTab(r);
    // Nothing decided yet: nothing signed to send.
    await expect(r.getByTestId('review-results-export')).toHaveCount(0);
    await r.getByLabel('引用的文字').fill('留守儿童86名');
    await r.getByLabel('批注内容').fill(COMMENT);
    await r.getByRole('button', { name: '添加批注' }).click();
    await expect(r.getByTestId('review-comment')).toContainText(COMMENT);
    await r.getByTestId('review-bar').getByRole('button', { name: '退回修改' }).click();
    const dialog = r.getByRole('dialog', { name: '退回修改' });
    await dialog.getByLabel('理由').fill(REASON);
    await dialog.getByLabel('项目背景与需求').check();
    await dialog.getByRole('button', { name: '确认退回修改' }).click();
    await expect(r.getByTestId('review-status')).toHaveText('退回修改');
    const results = testInfo.outputPath('results.json');
    await saveDownload(r, () => r.getByTestId('review-results-export').click(), results);
    await expect(r.getByText(/已导出审核结果：决定 1 个，批注 1 条/)).toBeVisible();
    await r.screenshot({ path: join(SCREENSHOTS, 'review-results-export.png') });

    // The district takes the results in: the signature verifies, the reason and the comment show.
    await reviewTab(d);
    const upload = d.getByTestId('review-results-import').locator('input[type=file]');
    await upload.setInputFiles(results);
    await expect(d.getByTestId('review-results-outcome')).toHaveText('已收到总会审核结果：决定 1 个，批注 1 条');
    await expect(d.getByTestId('review-status')).toHaveText('退回修改');
    // The form's 状态 follows too, not the status the page loaded with.
    await expect(d.locator('.ant-select', { has: d.getByRole('combobox', { name: '状态', exact: true }) })).toHaveText('退回修改');
    await expect(d.getByTestId('review-reasons')).toContainText(`${REASON}；需修改：项目背景与需求`);
    await expect(d.getByRole('region', { name: '批注：项目背景与需求' })).toContainText('「留守儿童86名」');
    await expect(d.getByRole('region', { name: '批注：项目背景与需求' })).toContainText(COMMENT);
    await d.screenshot({ path: join(SCREENSHOTS, 'review-results-import.png') });

    // The same file with the reason altered: refused in Chinese, the record stays as signed.
    const tampered = JSON.parse(readFileSync(results, 'utf8'));
    tampered.decisions[0].reason = '无需修改，直接通过';
    const tamperedFile = testInfo.outputPath('tampered.json');
    writeFileSync(tamperedFile, JSON.stringify(tampered));
    await upload.setInputFiles(tamperedFile);
    await expect(d.getByTestId('review-results-outcome')).toContainText('未导入审核结果');
    await expect(d.getByTestId('review-results-outcome')).toContainText('没有有效的总会签名');
    await expect(d.getByTestId('review-reasons')).toContainText(REASON);
    await d.screenshot({ path: join(SCREENSHOTS, 'review-results-tampered.png') });
    expect(district.lib.review.log(p.id).map((e) => [e.action, e.reason])).toEqual([
      ['submit', ''],
      ['return', REASON],
    ]);
  } finally {
    await district.stop();
    await federation.stop();
  }
});
