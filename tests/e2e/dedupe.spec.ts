import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { MergeService } from '../../src/core/merge/mergeService';
import { mergeInputSchema } from '../../src/shared/api/methods/dedupe';
import type { Proposal } from '../../src/shared/domain/proposal';
import { makeProposal } from '../unit/helpers/proposals';
import { expect, imeCommit, imeCompose, SCREENSHOTS, test, waitSaved } from './fixtures';

/**
 * Real Chinese text no one on the project wrote (CSL abstracts, see shared/corpora/README.md):
 * three social-science abstracts for the proposal that gets copied, two engineering ones for an
 * unrelated proposal. Without the corpus, fixed texts of the same kind stand in.
 */
const CSL = resolve('../shared/corpora/csl/ts_dev.tsv');
const FALLBACK = [
  '伴随着改革开放以来社会物质文明与精神文明的共同发展,艺术热悄然发展起来.儿童与青少年艺术教育成为人们广泛关注的问题,本文对当今少儿社会艺术教育现状进行了深入细致地研究,指出其存在的一些问题,并据此提出一系列解决方案.',
  '一些现代私塾开设读经课,要求少年儿童用大量时间读经;有的教育专家也公开倡导少儿读经是传承文化的需要.这种现象是逆潮流而动.读经不能救国,少儿读经弊多利少,都早有定论.现在倡导读经,是教育的倒退,违背少年儿童身心发展的规律.',
  '我国中青年从业人员体育活动参与率低、健身行为缺失不是工作忙、无时间、健身设施不足等这些因素所能解释的.本文运用社会学和社会心理学的有关理论,透过两次群众体育现状调查,比较分析该人群与学生群体、老年人群存在主观的认识和客观的时间冲突问题.',
  '水运工程项目作为我国航运和水利的重要组成部分,其重要性不言而喻.针对现阶段水运工程项目建设和运行过程中存在的管理制度不够完善、施工材料耗损大、技术人员专业知识匮乏等问题,采用全过程管理模式对水运工程项目进行管理.',
  '以宝鸡市长青镇冶炼厂周围土壤为研究对象,测定了土壤中铅、镉、铜、锌等重金属的含量,采用地累积指数法和潜在生态风险指数法评价了土壤重金属污染程度,并运用健康风险评价模型评估了重金属对当地居民的健康风险.',
];
function texts(): string[] {
  if (!existsSync(CSL)) return FALLBACK;
  const abstracts = readFileSync(CSL, 'utf8')
    .split('\n')
    .map((line) => line.split('\t')[1] ?? '');
  return [663, 259, 307, 2, 9].map((n, i) => abstracts[n - 1] || FALLBACK[i]!);
}

const FUNDRAISER = { name: '重庆市慈善总会', creditCode: '51500000450420489N' };

function seed(add: (p: Proposal) => Proposal) {
  const [art, reading, fitness, waterway, soil] = texts() as [string, string, string, string, string];
  const original = add(
    makeProposal({
      title: '渝中区少儿艺术素养提升计划',
      district: '渝中区',
      focusArea: 'children',
      roles: { initiator: { name: '渝中区慈善会', creditCode: '' }, executors: [{ name: '渝中区慈善会', creditCode: '', district: '渝中区' }], fundraiser: FUNDRAISER },
      beneficiaries: [{ id: 'b1', type: '社区留守儿童', count: 120, region: '渝中区' }],
      budget: {
        lines: [
          { id: 'l1', item: '艺术课程教材', category: '物资', unitPriceFen: 5000, quantity: 120, amountFen: 600000, note: '', origin: null },
          { id: 'l2', item: '志愿者交通补贴', category: '人员', unitPriceFen: 2000, quantity: 50, amountFen: 100000, note: '', origin: null },
        ],
        managementFeePercent: 5,
        minimumExecutableFen: null,
        fallbackPlan: '',
      },
      sections: { background: `${art}\n${reading}`, plan: fitness },
    }),
  );
  const unrelated = add(
    makeProposal({
      title: '万州区水运工地安全培训',
      district: '万州区',
      focusArea: 'publicService',
      sections: { background: waterway, plan: soil },
    }),
  );
  // The draft a second district starts: same beneficiaries and budget item, no text yet.
  const draft = add(
    makeProposal({
      title: '江北区少儿艺术普及行动',
      district: '江北区',
      focusArea: 'children',
      roles: { initiator: { name: '江北区慈善会', creditCode: '' }, executors: [{ name: '江北区慈善会', creditCode: '', district: '江北区' }], fundraiser: FUNDRAISER },
      beneficiaries: [{ id: 'b1', type: '社区留守儿童', count: 80, region: '江北区' }],
      budget: {
        lines: [{ id: 'l1', item: '艺术课程教材', category: '物资', unitPriceFen: 5000, quantity: 80, amountFen: 400000, note: '', origin: null }],
        managementFeePercent: 5,
        minimumExecutableFen: null,
        fallbackPlan: '',
      },
    }),
  );
  // The near-copy the second district types: the same texts, lightly edited.
  const copy = {
    background: [art.replace('少儿', '青少年'), `江北区的调查也表明,${reading}`],
    plan: fitness.slice(0, Math.floor(fitness.length * 0.8)),
  };
  return { original, unrelated, draft, copy };
}

test('a near-copy shows in 相似项目, compares passage by passage, clusters in 同质化检查, merges into a brand project and the merge is undone', async ({ app, page }) => {
  // One flow across four screens on a busy 2-core machine.
  test.slow();
  const { original, unrelated, draft, copy } = seed((p) => app.lib.proposals.insert(p));

  let similarCalls = 0;
  page.on('request', (r) => {
    if (r.url().endsWith('/api/dedupe.similar')) similarCalls += 1;
  });
  await app.open(page, `#/p/${draft.id}`);
  await page.getByRole('tab', { name: /相似项目/ }).click();
  const panel = page.getByTestId('similar-panel');
  // Nothing written yet: too short to compare.
  await expect(panel).toContainText('正文还太短');
  const opened = similarCalls;

  // Pinyin being composed is not the writer's text yet: no check starts, even after the debounce.
  await page.getByTestId('section-background').click();
  await imeCompose(page, 'bansui');
  await page.waitForTimeout(1_500);
  expect(similarCalls).toBe(opened);
  await imeCommit(page, copy.background[0]!.slice(0, 2));
  // Then the near-copy, paragraph by paragraph (as an input method commits text).
  await page.keyboard.insertText(copy.background[0]!.slice(2));
  await page.keyboard.press('Enter');
  await page.keyboard.insertText(copy.background[1]!);
  await page.getByTestId('section-plan').click();
  await page.keyboard.insertText(copy.plan);

  const items = panel.getByRole('list', { name: '相似项目列表' }).getByRole('listitem');
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText(original.title);
  await expect(items.first()).toContainText('渝中区');
  await expect(items.first()).toContainText(/(高度|部分)相似 \d+%/);
  await expect(panel).not.toContainText(unrelated.title);
  await expect(page.getByTestId('similar-tab')).toContainText('1');
  await page.screenshot({ path: join(SCREENSHOTS, 'dedupe-panel.png') });

  // 对照: the shared passages are marked on both sides; clicking one brings the other into view.
  await items.first().getByRole('button', { name: `与「${original.title}」对照` }).click();
  const drawer = page.getByRole('dialog', { name: '对照相似项目' });
  await expect(drawer.getByTestId('compare-score')).toHaveText(/相似度 \d+%/);
  const draftSide = drawer.locator('.cmp-text[data-side="a"] .cmp-mark');
  const originalSide = drawer.locator('.cmp-text[data-side="b"] .cmp-mark');
  await expect(draftSide.first()).toBeVisible();
  await expect(originalSide.first()).toBeVisible();
  expect(await draftSide.count()).toBeGreaterThan(1);
  // The changed word is not marked on the original's side; the unchanged sentence around it is.
  const originalBackground = drawer.locator('.cmp-row[data-part="background"] .cmp-text[data-side="b"]');
  await expect(originalBackground.locator(':scope > span', { hasText: /^少儿$/ })).toHaveCount(1);
  await expect(originalBackground.locator('.cmp-mark', { hasText: /^社会艺术教育现状/ })).toHaveCount(1);
  const lastOriginal = originalSide.last();
  await lastOriginal.click();
  const passage = await lastOriginal.getAttribute('data-passage');
  const counterpart = drawer.locator(`.cmp-text[data-side="a"] .cmp-mark-active[data-passage="${passage}"]`).first();
  await expect(counterpart).toBeInViewport();
  await expect(lastOriginal).toHaveClass(/cmp-mark-active/);
  await page.screenshot({ path: join(SCREENSHOTS, 'dedupe-compare.png') });
  await drawer.getByRole('button', { name: /Close|关闭/ }).click();
  await waitSaved(page);

  // 同质化检查 over the library: one cluster, the unrelated proposal not in it.
  await page.getByRole('menuitem', { name: '同质化检查' }).click();
  await page.getByRole('button', { name: '开始检查' }).click();
  // The check runs in a worker thread started for it, which takes seconds on a busy machine.
  await expect(page.getByTestId('dedupe-summary')).toContainText('比较了 3 个项目，发现 1 组相似项目', { timeout: 60_000 });
  const cluster = page.getByLabel('第 1 组相似项目');
  await expect(cluster).toContainText(original.title);
  await expect(cluster).toContainText(draft.title);
  await expect(cluster).not.toContainText(unrelated.title);
  await expect(cluster.getByLabel('共同之处')).toContainText('社区留守儿童');
  await expect(cluster.getByLabel('共同之处')).toContainText('艺术课程教材');
  await expect(cluster.getByLabel('相同的段落').getByRole('listitem').first()).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, 'dedupe-report.png'), fullPage: true });

  // Merge the two districts' proposals: 执行计划 from 江北区; 项目背景 both texts combined, then edited.
  await cluster.getByRole('button', { name: '合并为品牌项目' }).click();
  await expect(page.getByRole('heading', { name: '合并为品牌项目' })).toBeVisible();
  await page.getByLabel('品牌项目名称').fill('山城少儿艺术联合行动');
  await page.getByRole('radio', { name: `执行计划：采用江北区「${draft.title}」的文字` }).check();
  const background = page.locator('[data-section="background"]');
  await background.getByRole('button', { name: '合并各来源的文字再修改' }).click();
  await expect(background.getByRole('radio', { name: '项目背景与需求：采用修改后的文字' })).toBeChecked();
  const combined = page.getByTestId('section-merge-background');
  await expect(combined).toContainText(copy.background[1]!);
  await expect(combined).toContainText(original.sections.background.text.split('\n')[1]!);
  await combined.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText('两区联合实施，统一筹款。');
  const preview = page.getByTestId('merge-preview');
  await expect(preview).toContainText('山城少儿艺术联合行动');
  const executors = preview.getByRole('list', { name: '执行方' });
  await expect(executors).toContainText('渝中区慈善会（渝中区）');
  await expect(executors).toContainText('江北区慈善会（江北区）');
  const budget = preview.getByRole('table').filter({ hasText: '志愿者交通补贴' });
  await expect(budget.locator(`[data-origin="${original.id}"]`)).toHaveCount(2);
  await expect(budget.locator(`[data-origin="${draft.id}"]`)).toHaveCount(1);
  await expect(budget).toContainText('11,000.00');
  await expect(preview.getByLabel('合并后的受益人')).toContainText('200');
  await page.evaluate('window.scrollTo(0, 0)');
  await preview.getByLabel('合并后的预算').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENSHOTS, 'dedupe-merge.png') });

  await page.getByRole('button', { name: '生成品牌项目' }).click();
  await page.getByRole('button', { name: '生成', exact: true }).click();
  await expect(page).toHaveURL(/#\/p\//);
  const brandId = /#\/p\/([\w-]+)/.exec(page.url())![1]!;
  const brand = app.lib.proposals.get(brandId);
  expect(brand.title).toBe('山城少儿艺术联合行动');
  expect(brand.roles.executors.map((e) => `${e.name}（${e.district}）`).sort()).toEqual(['江北区慈善会（江北区）', '渝中区慈善会（渝中区）'].sort());
  expect(brand.roles.fundraiser.name).toBe(FUNDRAISER.name);
  expect(brand.budget.lines.map((l) => `${l.item}·${l.origin?.district}·${l.origin?.proposalId === (l.origin?.district === '渝中区' ? original.id : draft.id)}`).sort()).toEqual(
    ['艺术课程教材·渝中区·true', '志愿者交通补贴·渝中区·true', '艺术课程教材·江北区·true'].sort(),
  );
  expect(brand.sections.plan.text).toBe(copy.plan);
  for (const paragraph of [...original.sections.background.text.split('\n'), ...copy.background]) expect(brand.sections.background.text).toContain(paragraph);
  expect(brand.sections.background.text.endsWith('两区联合实施，统一筹款。')).toBe(true);
  expect(app.lib.proposals.get(original.id)).toMatchObject({ status: 'merged', mergedInto: brandId });

  // The brand project says where it came from and can still be undone.
  const notice = page.getByTestId('brand-notice');
  await expect(notice).toContainText(`渝中区「${original.title}」`);
  await expect(notice).toContainText(`江北区「${draft.title}」`);
  await expect(notice.getByRole('button', { name: '撤销合并' })).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, 'dedupe-brand.png') });

  // In the library and in their editor, the merged sources point to the brand project.
  await page.getByRole('button', { name: '项目库' }).click();
  const sourceRow = page.locator('.ant-table-row').filter({ hasText: original.title });
  await expect(sourceRow).toContainText('已合并');
  await page.screenshot({ path: join(SCREENSHOTS, 'dedupe-library.png') });
  await expect(sourceRow.getByRole('link', { name: `「${original.title}」已合并，查看品牌项目` })).toHaveAttribute('href', `#/p/${brandId}`);
  await sourceRow.getByRole('link', { name: original.title, exact: true }).click();
  const merged = page.getByTestId('merged-notice');
  await expect(merged).toContainText('此项目已合并到品牌项目「山城少儿艺术联合行动」');
  await merged.getByRole('link', { name: '「山城少儿艺术联合行动」' }).click();
  await expect(page).toHaveURL(new RegExp(`#/p/${brandId}$`));

  await page.getByTestId('brand-notice').getByRole('button', { name: '撤销合并' }).click();
  await page.getByRole('tooltip').getByRole('button', { name: '撤销合并' }).click();
  await expect(page.getByText('已撤销合并：2 个来源项目已恢复为合并前的内容')).toBeVisible();
  await expect(page.getByRole('heading', { name: '项目库' })).toBeVisible();
  await expect(page.locator('.ant-table-row').filter({ hasText: original.title })).not.toContainText('已合并');
  expect(app.lib.proposals.get(original.id)).toMatchObject({ status: 'draft', mergedInto: null });
  expect(app.lib.proposals.get(draft.id).sections.plan.text).toBe(copy.plan);
  expect(app.lib.proposals.find(brandId)?.deletedAt).not.toBeNull();
});

test('不是同一项目 removes a pair from later runs and can be taken back; the report exports to XLSX and DOCX', async ({ app, page }) => {
  // Four jobs (two reports, two exports), each in a worker thread started for it.
  test.slow();
  const { original, unrelated, draft, copy } = seed((p) => app.lib.proposals.insert(p));
  app.lib.proposals.save({ ...draft, sections: makeProposal({ sections: { background: copy.background.join('\n'), plan: copy.plan } }).sections });

  await app.open(page, '#/v/dedupe');
  await expect(page.getByText('还没有检查过')).toBeVisible();
  // Hold the run so its progress can be seen.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/api/job.start', async (route) => {
    await held;
    await route.continue();
  });
  await page.getByRole('button', { name: '开始检查' }).click();
  await expect(page.getByTestId('dedupe-running')).toContainText('正在检查项目库（共 3 个项目）…已用时');
  await page.screenshot({ path: join(SCREENSHOTS, 'dedupe-running.png') });
  release();
  const cluster = page.getByLabel('第 1 组相似项目');
  await expect(cluster).toContainText(original.title, { timeout: 60_000 });

  // Exports hold what is on screen.
  const xlsxDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 Excel' }).click();
  const xlsx = await xlsxDownload;
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await xlsx.path());
  const cells = book.worksheets.flatMap((ws) => ws.getSheetValues().flat().map(String)).join('\n');
  expect(cells).toContain(original.title);
  expect(cells).toContain(draft.title);
  expect(cells).not.toContain(unrelated.title);
  const docxDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 Word' }).click();
  const docx = await docxDownload;
  expect(docx.suggestedFilename()).toMatch(/\.docx$/);
  expect(strFromU8(unzipSync(readFileSync(await docx.path()))['word/document.xml']!)).toContain(original.title);

  await cluster.getByRole('button', { name: /」不是同一项目$/ }).click();
  await expect(page.getByText(/^已记录：「.+」与「.+」不是同一项目，以后的检查不再把它们列为相似$/)).toBeVisible();
  await expect(page.getByTestId('dedupe-summary')).toContainText('没有发现相似度达到 25% 的项目', { timeout: 60_000 });
  expect(app.lib.dedupe.report(0.25).clusters).toHaveLength(0);
  await page.screenshot({ path: join(SCREENSHOTS, 'dedupe-report-empty.png') });

  await page.getByRole('tab', { name: '已排除（1）' }).click();
  const dismissed = page.getByRole('table', { name: '已排除的项目对' });
  await expect(dismissed).toContainText(original.title);
  await page.screenshot({ path: join(SCREENSHOTS, 'dedupe-dismissed.png') });
  await dismissed.getByRole('button', { name: /^撤销排除/ }).click();
  await expect(page.getByRole('tab', { name: '已排除（0）' })).toBeVisible({ timeout: 60_000 });
  await page.getByRole('tab', { name: /文字雷同/ }).click();
  await expect(page.getByLabel('第 1 组相似项目')).toContainText(draft.title);
  expect(app.lib.dedupe.report(0.25).clusters).toHaveLength(1);
});

test('once the brand project is edited, its notice says the merge can no longer be undone', async ({ app, page }) => {
  const { original, draft, copy } = seed((p) => app.lib.proposals.insert(p));
  app.lib.proposals.save({ ...draft, sections: makeProposal({ sections: { background: copy.background.join('\n'), plan: copy.plan } }).sections });
  const { brand } = new MergeService(app.lib).commit(mergeInputSchema.parse({ sourceIds: [original.id, draft.id] }));

  await app.open(page, `#/p/${brand.id}`);
  const notice = page.getByTestId('brand-notice');
  await expect(notice.getByRole('button', { name: '撤销合并' })).toBeVisible();
  await page.getByLabel('一句话简介').fill('两区联合为留守儿童开设艺术课程');
  await waitSaved(page);
  await expect(notice).toContainText('不能再撤销合并：品牌项目在合并后已被修改');
  await expect(notice.getByRole('button', { name: '撤销合并' })).toHaveCount(0);
});
