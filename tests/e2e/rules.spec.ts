import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { SerializedNode } from '../../src/shared/domain/richText';
import { completeProposal, PACKS_DIR } from '../unit/helpers/rules';
import { expect, SCREENSHOTS, test, waitSaved } from './fixtures';

// In-page scripts are given as text: the Node type-check of the tests has no DOM types.

/** The texts of the ranges a section mark highlight holds right now. */
const marked = (page: Page, severity: string): Promise<string[]> =>
  page.evaluate(`[...(CSS.highlights.get('shance-rule-${severity}') ?? [])].map((r) => r.toString())`);

/** The selected text of the focused input. */
const inputSelection = (page: Page): Promise<string> =>
  page.evaluate('(() => { const el = document.activeElement; return el.value.slice(el.selectionStart, el.selectionEnd); })()');

const pageSelection = (page: Page): Promise<string> => page.evaluate('String(window.getSelection())');

function nodeTypes(node: SerializedNode, out = new Set<string>()): Set<string> {
  out.add(node.type);
  for (const c of node.children ?? []) nodeTypes(c, out);
  return out;
}

test('live checklist: a counter turns red past the limit, findings come and go, a click selects the offending text', async ({ app, page }) => {
  const p = app.lib.proposals.insert(completeProposal({ title: '乡村小学图书角', platforms: [], images: [] }));
  await app.open(page, `#/p/${p.id}`);
  const panel = page.getByRole('complementary', { name: '辅助面板' });
  const counter = page.getByTestId('counter-title');

  await panel.getByRole('tab', { name: /^规则检查/ }).click();
  // No target platform yet: only the legal pack, and a pointer to 目标平台.
  await expect(panel.getByText('还没有选择目标平台')).toBeVisible();
  // Other features add their own tabs to the panel; the checklist's pack tabs are legal only.
  await expect(panel.getByRole('tab', { name: '法律通用规则' })).toBeVisible();
  await expect(panel.getByRole('tab', { name: /腾讯公益/ })).toHaveCount(0);
  await panel.getByRole('button', { name: '去选择目标平台' }).click();
  await page.getByRole('checkbox', { name: '腾讯公益' }).check();
  await expect(panel.getByText('还没有选择目标平台')).toBeHidden();
  await expect(counter).toHaveText('7 / 25');
  await expect(counter).toHaveAttribute('data-state', 'ok');
  await panel.getByRole('tab', { name: /腾讯公益/ }).click();
  const overTitle = panel.getByRole('button', { name: /「项目名称」超出字数上限/ });

  // Past the title limit: the counter turns red and the platform's tab lists the error.
  const title = page.getByLabel('项目名称');
  await title.click();
  await page.keyboard.press('End');
  const longTitle = '乡村小学图书角（城口县二〇二六年度乡村学校阅读推广与志愿者培训）';
  // One input event per string (as an input method commits it) keeps the test quick on a busy machine.
  await page.keyboard.insertText(longTitle.slice('乡村小学图书角'.length));
  await expect(counter).toHaveAttribute('data-state', 'over');
  await expect(counter).toHaveText(`${longTitle.length} / 25`);
  await expect(counter).toHaveCSS('background-color', 'rgb(207, 19, 34)');
  await expect(overTitle).toBeVisible();
  await expect(overTitle).toContainText('总会清单默认值，待核实');

  // The finding selects the part past the limit.
  await overTitle.click();
  await expect(title).toBeFocused();
  expect(await inputSelection(page)).toBe(longTitle.slice(25));

  // Fixing it clears the error and the counter.
  await title.fill('城口县乡村小学图书角');
  await expect(overTitle).toBeHidden();
  await expect(counter).toHaveText('10 / 25');
  await expect(counter).toHaveAttribute('data-state', 'ok');

  // A phone number typed into 项目背景与需求 is marked in place and listed under the legal pack.
  const background = page.getByTestId('section-background');
  await background.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText('报名请联系王老师13812345678，也可加微信咨询。');
  await expect.poll(() => marked(page, 'warning')).toEqual(['13812345678', '加微信']);
  // Marking left the caret where it was: typing goes on at the end, and the marks stay on their words.
  await page.keyboard.insertText('谢谢！');
  await expect(background).toHaveText('城口县乡村小学的学生课外读物很少。报名请联系王老师13812345678，也可加微信咨询。谢谢！');
  await expect.poll(() => marked(page, 'warning')).toEqual(['13812345678', '加微信']);
  await panel.getByRole('tab', { name: /法律通用规则/ }).click();
  const phone = panel.getByRole('button', { name: /公开文字中出现了电话号码/ });
  await expect(phone).toContainText('项目背景与需求');

  // A mark explains itself under the pointer.
  await background.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const box: { x: number; y: number } = await page.evaluate(`(() => {
    const b = [...CSS.highlights.get('shance-rule-warning')].find((r) => r.toString() === '加微信').getBoundingClientRect();
    return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
  })()`);
  await page.mouse.move(box.x, box.y);
  await expect(page.getByRole('tooltip').filter({ hasText: '不得引导向个人或平台外付款' })).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, 'rules-editor.png') });

  // Clicking the finding from elsewhere selects exactly the number.
  await title.click();
  await phone.click();
  await expect(background).toBeFocused();
  await expect.poll(() => pageSelection(page)).toBe('13812345678');

  // Marks never reach the saved document: only the editor's own nodes, the text as typed.
  await waitSaved(page);
  const saved = app.lib.proposals.get(p.id);
  expect(saved.title).toBe('城口县乡村小学图书角');
  expect(saved.sections.background.text).toBe('城口县乡村小学的学生课外读物很少。报名请联系王老师13812345678，也可加微信咨询。谢谢！');
  const doc = saved.sections.background.doc!;
  expect([...nodeTypes(doc.root)].sort()).toEqual(['paragraph', 'root', 'text']);
  expect(JSON.stringify(doc)).not.toContain('shance-rule');
  expect(JSON.stringify(doc)).not.toMatch(/"style":"[^"]/);

  // Deleting the number takes its mark and its finding away.
  await background.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText('城口县乡村小学的学生课外读物很少。');
  await expect(phone).toBeHidden();
  await expect.poll(() => marked(page, 'warning')).toEqual([]);
});

test('rule packs: import a version that adds a rule, see the differences and the proposal it fails', async ({ app, page }, testInfo) => {
  const hit = app.lib.proposals.insert(
    completeProposal({ title: '城口县乡村小学图书角', district: '城口县', platforms: ['tencent'] }),
  );
  // Fails 腾讯公益 under both versions for another reason (the budget does not add up), so the new rule changes nothing for it.
  app.lib.proposals.insert(
    completeProposal({ title: '北碚区社区助老食堂', district: '北碚区', platforms: ['tencent', 'alipay', 'douyin'], summary: '为社区老人提供助餐服务', targetFen: 5_000_000 }),
  );
  const pack = JSON.parse(readFileSync(join(PACKS_DIR, 'tencent.json'), 'utf8'));
  pack.version = '1.1.0';
  // In effect already (a version takes over on its effective date, not on import).
  pack.effectiveDate = '2026-11-25';
  pack.changelog.push({ version: '1.1.0', date: '2026-11-25', summary: '新增：项目名称不得使用「图书角」（测试用）' });
  pack.rules.push({
    id: 'tencent.no-book-corner',
    kind: 'phrases',
    severity: 'error',
    message: '项目名称不得使用「图书角」',
    fix: '改为「阅读空间」',
    fields: ['title'],
    phrases: ['图书角'],
    source: { kind: 'federation', title: '总会通知（测试）', verified: false },
  });
  const file = testInfo.outputPath('tencent-1.1.0.json');
  writeFileSync(file, JSON.stringify(pack));

  await app.open(page);
  // The library shows each proposal's result per pack, both passing for now.
  const row = page.locator('.ant-table-row', { hasText: '城口县乡村小学图书角' });
  await expect(row.getByLabel('腾讯公益：通过')).toBeVisible();
  await expect(page.locator('.ant-table-row', { hasText: '北碚区社区助老食堂' }).getByLabel(/^腾讯公益：1 个错误/)).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, 'rules-library.png') });

  await page.getByRole('menuitem', { name: '规则包' }).click();
  await expect(page.getByRole('heading', { name: '规则包' })).toBeVisible();
  await page.getByRole('menuitem', { name: /腾讯公益/ }).click();

  // A broken file changes nothing and says why.
  const broken = testInfo.outputPath('broken.json');
  writeFileSync(broken, JSON.stringify({ ...pack, version: '1.2.0', rules: [{ ...pack.rules[0], severity: 'fatal' }] }));
  await page.locator('input[type=file]').setInputFiles(broken);
  await expect(page.getByText('无法导入「broken.json」，规则包没有任何改动')).toBeVisible();
  await expect(page.getByText(/规则包未导入|格式有误/).first()).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, 'rules-import-error.png') });

  await page.locator('input[type=file]').setInputFiles(file);
  await expect(page.getByText('已导入「腾讯公益」1.1.0 版，现在使用此版')).toBeVisible();
  await expect(page.getByRole('heading', { name: /「腾讯公益」1\.0\.0 版.*→ 1\.1\.0 版/ })).toBeVisible();
  await expect(page.locator('.rules-diff-card', { hasText: '新增错误' })).toContainText(/项目名称不得使用「图书角」\s*（tencent\.no-book-corner）/);
  const impact = page.locator('.ant-table-row', { hasText: '城口县乡村小学图书角' });
  await expect(impact).toContainText('变为不通过');
  // The added rule's source is the federation's unconfirmed default: it speaks as the federation.
  await expect(impact).toContainText('新出现：总会清单要求：项目名称不得使用「图书角」');
  await expect(page.getByText('北碚区社区助老食堂')).toBeHidden();
  await page.screenshot({ path: join(SCREENSHOTS, 'rules-packs.png'), fullPage: true });

  // The proposal now fails 腾讯公益 in the library too.
  await impact.getByRole('link', { name: '城口县乡村小学图书角' }).click();
  await expect(page).toHaveURL(new RegExp(`#/p/${hit.id}$`));
  await page.getByRole('button', { name: '项目库' }).click();
  await expect(row.getByLabel('腾讯公益：1 个错误')).toBeVisible();

  // Pinning the old version makes it pass again.
  await page.getByRole('menuitem', { name: '规则包' }).click();
  await page.getByRole('menuitem', { name: /腾讯公益/ }).click();
  await page.getByRole('button', { name: '固定使用 1.0.0 版' }).click();
  await expect(page.getByText('已固定使用「腾讯公益」1.0.0 版')).toBeVisible();
  await page.getByRole('menuitem', { name: '项目库' }).click();
  await expect(row.getByLabel('腾讯公益：通过')).toBeVisible();
});
