import { join } from 'node:path';
import { kindredSet } from '../unit/fixtures/kindredSet';
import { expect, SCREENSHOTS, test } from './fixtures';

/**
 * Both signals of the duplicate check, at 1280×800: 文字雷同 (a district's edited copy) and 同类项目
 * (the same kind of project written independently), in the report and in the editor's panel, each
 * with why.
 */
test('同质化检查 shows 文字雷同 and 同类项目 apart, each with why; the panel does too', async ({ app, page }) => {
  test.slow();
  await page.setViewportSize({ width: 1280, height: 800 });
  const { proposals } = kindredSet();
  for (const p of proposals) app.lib.proposals.insert(p);
  // One district copied another's meal project and changed its title and a few words.
  const source = proposals.find((p) => p.id === 'meals-0')!;
  const background = source.sections.background.text.replace('调查', '走访');
  app.lib.proposals.insert({ ...source, id: 'meals-copy', title: '巫溪县老年助餐', district: '巫溪县', sections: { ...source.sections, background: { doc: null, text: background } } });

  await app.open(page, '#/v/dedupe');
  await page.getByRole('button', { name: /开始检查|重新检查/ }).click();
  await expect(page.getByTestId('dedupe-summary')).toContainText('发现 1 组相似项目');
  await expect(page.getByRole('tab', { name: /文字雷同（1 组）/ })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('巫溪县老年助餐');
  await page.screenshot({ path: join(SCREENSHOTS, 'dedupe-text-1280.png') });

  await page.getByRole('tab', { name: /同类项目（\d+）/ }).click();
  const pairs = page.getByTestId('kindred-pair');
  expect(await pairs.count()).toBeGreaterThan(10);
  await expect(pairs.first().getByTestId('kindred-why')).toContainText('共同关键词');
  await expect(pairs.first()).toContainText(/同类 \d+%/);
  // The copied pair is also a kindred pair, marked as such.
  await expect(page.getByTestId('kindred-pairs')).toContainText('文字也雷同');
  await page.screenshot({ path: join(SCREENSHOTS, 'dedupe-kindred-1280.png') });

  // A reload shows the last check again, with its time and threshold.
  await page.reload();
  await expect(page.getByTestId('dedupe-summary')).toContainText('相似度阈值 25%');

  // The editor's panel of a books project: no text copy, but its own kind listed with why.
  await app.open(page, '#/p/books-3');
  await page.getByRole('tab', { name: /相似项目/ }).click();
  const panel = page.getByTestId('similar-panel');
  await expect(panel).toContainText('文字雷同');
  await expect(panel).toContainText('项目库中没有与本项目相似的项目');
  const kindred = panel.getByTestId('kindred-list').getByRole('listitem');
  await expect(kindred.first()).toBeVisible();
  await expect(kindred.first().getByTestId('kindred-why')).toContainText('共同关键词');
  await page.screenshot({ path: join(SCREENSHOTS, 'dedupe-panel-kindred-1280.png') });

  // A threshold under the minimum is said, not silently raised.
  await app.open(page, '#/v/dedupe');
  await page.getByLabel('相似度阈值（百分比）').fill('5');
  await expect(page.getByTestId('threshold-too-low')).toContainText('阈值不能低于 15%');
  await expect(page.getByRole('button', { name: /重新检查|开始检查/ })).toBeDisabled();
});
