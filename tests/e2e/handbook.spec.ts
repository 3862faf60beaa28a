import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { Library } from '../../src/core';
import { proposalFromTemplate } from '../../src/core/handbook/fromTemplate';
import { packageToFiles, readHandbookFolder } from '../../src/core/handbook/readPackage';
import { TrainerPin, trainerPinPathFor } from '../../src/core/handbook/trainerPin';
import { workshopPathFor } from '../../src/core/handbook/workshop';
import { expect, SCREENSHOTS, test, waitSaved } from './fixtures';

const shipped = readHandbookFolder(resolve('templates/handbook'));
const step = (id: string) => shipped.steps.find((s) => s.id === id)!;
const shot = (name: string) => resolve(SCREENSHOTS, `${name}.png`);

/** The shipped handbook as a trainer would revise it: a new version with one more common mistake for 风险及应对. */
function revisedZip(added: string): Uint8Array {
  const pkg = structuredClone(shipped);
  pkg.version = '1.1';
  pkg.date = '2027-03-01';
  pkg.changelog = [{ version: '1.1', date: '2027-03-01', summary: '风险一步补充一条常见错误' }, ...pkg.changelog];
  pkg.steps.find((s) => s.id === 'risks')!.page.mistakes.push(added);
  const entries: Record<string, Uint8Array> = {};
  for (const [path, text] of packageToFiles(pkg)) entries[`handbook/${path}`] = strToU8(text);
  return zipSync(entries);
}

test('start from a template, follow the guide, and see the progress and the score change', async ({ app, page }) => {
  const consoleErrors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  await app.open(page);

  // 新建项目 from a focus-area template.
  await page.getByRole('button', { name: '新建第一个项目' }).click();
  const dialog = page.getByRole('dialog', { name: '新建项目' });
  await dialog.getByRole('radio', { name: /^养老帮扶/ }).click();
  await expect(dialog.getByRole('radio', { name: /独居老人送餐探访/ })).toBeVisible();
  await dialog.getByRole('radio', { name: /老年食堂助餐/ }).click();
  const meals = shipped.templates.find((t) => t.id === 'elderly-meals')!;
  await expect(dialog.getByText(meals.pitfalls[0]!.text)).toBeVisible();
  await expect(dialog.getByText(meals.budget.categories[0]!.name, { exact: true })).toBeVisible();
  await dialog.getByLabel('项目名称').fill('龙溪街道老年食堂助餐计划');
  await dialog.getByLabel('区县').fill('渝北');
  await expect(page.getByTitle('渝北区')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(dialog.getByTitle('渝北区')).toBeVisible();
  await page.screenshot({ path: shot('handbook-template-picker') });
  // The preview last: closing it gives the focus back to its button, which must not catch a later Enter.
  await dialog.getByRole('button', { name: '预览模板内容' }).click();
  const preview = page.getByRole('dialog', { name: /预览：/ });
  await expect(preview.getByText('项目背景与需求')).toBeVisible();
  // Placeholders are marked as such, not shown as facts.
  await expect(preview.locator('mark.hb-ph').filter({ hasText: '【请填写' }).first()).toBeVisible();
  await expect(preview.getByText(/新项目将以下面的文字开头/)).toBeInViewport({ ratio: 1 });
  await page.screenshot({ path: shot('handbook-template-preview') });
  await preview.getByRole('button', { name: '关闭' }).click();
  await expect(preview).toBeHidden();
  await dialog.getByRole('button', { name: '创建' }).click();

  await expect(page.getByTestId('section-background')).toBeVisible();
  const [created] = app.lib.proposals.all();
  if (!created) throw new Error('nothing created');
  expect(created.template).toEqual({ id: 'elderly-meals', version: '1.0' });
  expect(created.district).toBe('渝北区');
  expect(created.sections.background.text).toBe(meals.sections.background.skeleton);

  // The guide follows the section being edited.
  const guide = page.getByTestId('guide-panel');
  await page.getByTestId('section-goals').click();
  await expect(guide.getByTestId('guide-title')).toHaveText('项目目标');
  await expect(guide.getByText(step('goals').page.lookFor[0]!)).toBeVisible();
  await expect(guide.getByText(meals.sections.goals.prompts[0]!)).toBeVisible();
  await page.getByTestId('section-risks').click();
  await expect(guide.getByTestId('guide-title')).toHaveText('风险及应对');
  await expect(guide.getByText(step('risks').page.mistakes[0]!)).toBeVisible();
  await expect(guide.getByText(step('risks').page.examples[0]!.good)).toBeVisible();
  await page.screenshot({ path: shot('handbook-guide') });

  // Progress: write the risks step properly and see it complete, and the score rise.
  await page.getByRole('tab', { name: '进度与评分' }).click();
  const risks = page.getByTestId('step-risks');
  await expect(risks).toHaveAttribute('data-status', /incomplete|problem/);
  const before = Number(await page.getByTestId('quality-score').textContent());
  await page.getByTestId('section-risks').click();
  await page.keyboard.press('ControlOrMeta+A');
  // One input event per line (as an input method commits text): typing key by key is covered elsewhere.
  await page.keyboard.insertText('风险一：夏季高温时来食堂就餐的老人减少；应对：改为由志愿者每天上门送餐。');
  await page.keyboard.press('Enter');
  await page.keyboard.insertText('风险二：食材价格上涨超出预算；应对：与两家供应商签订半年固定价格协议，并提前安排备用供应商。');
  await expect(risks).toHaveAttribute('data-status', 'complete');
  await expect(risks).toContainText('已完成');
  await expect.poll(async () => Number(await page.getByTestId('quality-score').textContent())).toBeGreaterThan(before);
  await waitSaved(page);
  expect(app.lib.proposals.get(created.id).sections.risks.text).toContain('应对：改为由志愿者每天上门送餐');
  // Each step explains its points: what earned them, and what is still missing.
  await risks.click();
  await expect(page.getByText(/每个风险都有应对措施（\+5）：列出了 2 个风险及应对办法/)).toBeVisible();
  await page.getByTestId('step-need').click();
  await expect(page.getByText('还需要').or(page.getByText('有问题', { exact: true })).first()).toBeVisible();
  await page.screenshot({ path: shot('handbook-progress') });

  // A step's jump button takes the user to its part of the form.
  await page.getByRole('button', { name: '转到「项目预算」', exact: true }).click();
  await expect(page.locator('[data-field="budget"]').first()).toBeInViewport();
  expect(consoleErrors).toEqual([]);
});

test('a trainer imports a revised handbook; a proposal from the old one shows what changed until it is read', async ({ app, page }, testInfo) => {
  const consoleErrors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  // The broken package is refused with HTTP 400, which Chromium also logs; nothing else may fail.
  const failed: string[] = [];
  page.on('response', (r) => r.status() >= 400 && failed.push(new URL(r.url()).pathname));
  const created = app.lib.proposals.insert(proposalFromTemplate(shipped.templates.find((t) => t.id === 'elderly-meals')!, shipped.version, { title: '龙溪街道老年食堂助餐计划' }));
  await app.open(page, `#/p/${created.id}`);
  await expect(page.getByTestId('guide-panel')).toBeVisible();
  await expect(page.getByTestId('handbook-change-notice')).toHaveCount(0);

  // First a broken package (nothing changes), then a good one.
  await page.getByRole('link', { name: '手册' }).click();
  await expect(page.getByTestId('handbook-version')).toHaveText('1.0 版');
  const broken = testInfo.outputPath('broken.json');
  writeFileSync(broken, JSON.stringify({ format: 'shance-handbook', formatVersion: 1, version: '1.2' }));
  await page.locator('input[type=file]').setInputFiles(broken);
  const error = page.getByRole('alert').filter({ hasText: '手册包未导入' });
  await expect(error).toBeVisible();
  await expect(error.locator('li').first()).toBeVisible();
  await page.screenshot({ path: shot('handbook-trainer-error') });
  await expect(page.getByTestId('handbook-version')).toHaveText('1.0 版');

  const added = '把风险写成“加强管理、确保安全”这样的口号，看不出遇到问题时具体谁来做、做什么。';
  const zip = testInfo.outputPath('善策手册-1.1.zip');
  writeFileSync(zip, revisedZip(added));
  await page.locator('input[type=file]').setInputFiles(zip);
  const dryRun = page.getByTestId('import-preview');
  await expect(dryRun.getByText(added)).toBeVisible();
  await expect(page.getByText('尚未导入')).toBeVisible();
  await expect(page.getByTestId('handbook-version')).toHaveText('1.0 版');
  await page.screenshot({ path: shot('handbook-trainer'), fullPage: true });
  await page.getByRole('button', { name: '确认导入 1.1 版' }).click();
  await expect(page.getByTestId('handbook-version')).toHaveText('1.1 版');
  await expect(page.getByText('风险一步补充一条常见错误')).toBeVisible();

  // The proposal's editor says what changed in its guidance, until the user has read it.
  await app.open(page, `#/p/${created.id}`);
  const notice = page.getByTestId('handbook-change-notice');
  await expect(notice).toContainText('1.0 版更新到 1.1 版');
  await expect(notice.getByText(added)).toBeVisible();
  await page.screenshot({ path: shot('handbook-change-notice') });
  await notice.getByRole('button', { name: '已阅读' }).click();
  await expect(notice).toBeHidden();
  const ack = app.lib.db.prepare('SELECT version FROM handbook_acks WHERE proposal_id = ?').get(created.id) as { version: string } | undefined;
  expect(ack?.version).toBe('1.1');
  await page.reload();
  await expect(page.getByTestId('guide-panel')).toBeVisible();
  await expect(page.getByTestId('handbook-change-notice')).toHaveCount(0);
  // The import runs as a job: the refused package is the job's answer, not an HTTP error.
  expect(failed).toEqual([]);
  expect(consoleErrors.filter((e) => !e.includes('status of 400'))).toEqual([]);
});

test('培训模式: fix a planted problem in a sample, see the score rise, and reset it; the library never sees it', async ({ app, page }) => {
  const consoleErrors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  const sample = shipped.samples.find((s) => s.id === 'disaster-flawed')!;
  await app.open(page);
  await page.getByRole('link', { name: '培训模式' }).click();
  await expect(page.getByRole('note')).toHaveText(/培训模式：样例不会进入项目库，也不能导出/);
  await expect(page.getByTestId('sample-disaster-strong')).toContainText('好样例');
  await page.screenshot({ path: shot('handbook-workshop-list'), fullPage: true });
  await page.getByRole('button', { name: `打开「${sample.name}」` }).click();

  const panel = page.getByTestId('exercise-panel');
  await expect(page.getByTestId('exercise-summary')).toContainText(`已改好 0/${sample.problems.length} 个问题`);
  const problem = page.getByTestId('problem-no-source');
  await expect(problem).toHaveAttribute('data-fixed', 'false');
  const before = Number(await page.getByTestId('exercise-score').textContent());
  // The sample's stand-in pictures come from the workshop library.
  await expect(page.locator('[data-field="images"] img').first()).toHaveJSProperty('naturalWidth', 1200);
  // Nothing that works on the real library is offered for a sample.
  for (const name of ['导出交换包', '导出到平台', '内部审核稿', '历史版本']) await expect(page.getByRole('button', { name })).toHaveCount(0);
  await expect(page.getByRole('tab', { name: '上线跟踪' })).toHaveCount(0);
  await expect(page.getByRole('tab', { name: '进度与评分' })).toBeVisible();
  await expect(page.getByRole('button', { name: '添加图片' })).toHaveCount(0);

  // A trainee cannot open the reference fix: no trainer PIN is set on this computer.
  await panel.getByLabel('显示参考改法（培训老师用）').click();
  const prompt = page.getByRole('dialog', { name: '培训老师模式' });
  await expect(prompt.getByText('这台电脑还没有设置培训老师口令')).toBeVisible();
  await prompt.getByRole('button', { name: '取消' }).click();
  await expect(problem.getByRole('button', { name: '参考改法' })).toHaveCount(0);
  // The trainer sets a PIN on this computer, then shows the reference fix with it.
  new TrainerPin(trainerPinPathFor(app.dbPath)).set('2468', null);
  await panel.getByLabel('显示参考改法（培训老师用）').click();
  await prompt.getByLabel('培训老师口令').fill('1357');
  await prompt.getByRole('button', { name: '确定' }).click();
  await expect(prompt.getByText('口令不对')).toBeVisible();
  await prompt.getByLabel('培训老师口令').fill('2468');
  await prompt.getByRole('button', { name: '确定' }).click();
  await problem.getByRole('button', { name: '参考改法' }).click();
  await expect(problem.getByLabel('参考改法')).toContainText('数据来源');

  // Fix one planted problem: say where the figures come from.
  await page.getByTestId('section-background').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.insertText('以上数据来源：示例县应急管理局 2027 年 8 月 4 日灾情通报。');
  await expect(problem).toHaveAttribute('data-fixed', 'true');
  await expect(page.getByTestId('exercise-summary')).toContainText(`已改好 1/${sample.problems.length} 个问题`);
  await expect.poll(async () => Number(await page.getByTestId('exercise-score').textContent())).toBeGreaterThan(before);
  await waitSaved(page);
  await page.screenshot({ path: shot('handbook-workshop') });

  const workshopDb = Library.open(workshopPathFor(app.dbPath));
  try {
    expect(workshopDb.proposals.get('sample-disaster-flawed').sections.background.text).toContain('灾情通报');
  } finally {
    workshopDb.close();
  }
  expect(app.lib.proposals.count()).toBe(0);

  // 重置练习 puts the sample back as it was written.
  await page.getByRole('button', { name: '重置练习' }).click();
  await page.getByRole('dialog', { name: '重置练习？' }).getByRole('button', { name: '重置' }).click();
  await expect(page.getByTestId('exercise-summary')).toContainText(`已改好 0/${sample.problems.length} 个问题`);
  await expect(page.getByTestId('section-background')).not.toContainText('灾情通报');
  const again = Library.open(workshopPathFor(app.dbPath));
  try {
    expect(again.proposals.get('sample-disaster-flawed').sections.background.text).not.toContain('灾情通报');
  } finally {
    again.close();
  }

  // The library list shows none of it.
  await page.getByRole('link', { name: '项目库' }).click();
  await expect(page.getByText('项目库还是空的')).toBeVisible();
  expect(consoleErrors).toEqual([]);
});
