import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openCore } from '../../src/core/openCore';
import { defaultTemplatesDir } from '../../src/core/paths';
import { FederationHttp } from '../../src/core/sync/http';
import { syncServiceFor } from '../../src/core/sync/timer';
import type { RulePack } from '../../src/shared/rules/pack';
import { makeProposal } from '../unit/helpers/proposals';
import { PASSWORD as UNIT_PASSWORD, startSyncServer } from '../unit/helpers/syncServer';
import { connect, deskPage, PASSWORD, startFederation, syncNow } from './federationServer';
import { expect, SCREENSHOTS, startDoor, test } from './fixtures';

// Two paragraphs a 江北区 writer filed; 渝北区 types a near-copy of them.
const NEED =
  '江北区观音桥街道有独居和空巢老人一千二百余人，其中八十岁以上高龄老人三百余人。走访发现，许多老人行动不便，买菜做饭困难，常常一天只吃一顿热饭，营养状况堪忧。社区食堂离部分老旧小区较远，老人步行往返需要四十分钟以上，雨雪天气更难出门。子女大多在外地工作，照顾不到位，老人们普遍希望在家门口就能吃上一口热乎饭。';
const PLAN =
  '项目在街道内设立三个长者助餐点，与社区食堂合作，每天中午为高龄、独居和失能老人提供营养午餐，每餐收费八元，其余由项目补贴。对行动不便的老人，由志愿者送餐上门，同时了解老人的身体状况和生活需要，发现异常及时告知社区和家属。项目每月组织一次营养健康讲座，邀请社区医生为老人测量血压血糖。';

test.describe.configure({ timeout: 300_000 });

test('two districts on one federation server: 江北区 submits, 渝北区 sees the near-copy in 相似项目; a published rule pack reaches both', async ({ browser }) => {
  // A real server process on embedded PostgreSQL, with accounts made by its own CLI.
  const fed = await startFederation([
    ['jiangbei', '江北区', 'drafter'],
    ['yubei', '渝北区', 'drafter'],
    ['teacher', '市慈善总会（本级）', 'trainer'],
  ]);
  const url = fed.url;
  const jiangbei = await startDoor();
  const yubei = await startDoor();
  try {
    const pageA = await deskPage(browser);
    const pageB = await deskPage(browser);

    // 江北区 has a proposal submitted for review (已提交), and joins the federation.
    const filed = jiangbei.lib.proposals.insert(
      makeProposal({ title: '观音桥街道长者助餐行动', district: '江北区', status: 'submitted', focusArea: 'elderly', sections: { background: NEED, plan: PLAN } }),
    );
    await jiangbei.open(pageA);
    await expect(pageA.getByTestId('sync-indicator')).toHaveText('未连接总会');
    await connect(pageA, url, 'jiangbei');
    await expect(pageA.getByTestId('sync-result')).toContainText('上传 1 个项目');
    await pageA.screenshot({ path: join(SCREENSHOTS, 'federation-jiangbei-synced.png') });

    // 渝北区 joins; the other district's proposal arrives read-only, not in its library list.
    await yubei.open(pageB);
    await connect(pageB, url, 'yubei');
    await expect(pageB.getByTestId('sync-result')).toContainText('其他区县已提交项目 1 个');
    await pageB.getByRole('menuitem', { name: '项目库' }).click();
    await expect(pageB.getByText('观音桥街道长者助餐行动')).toHaveCount(0);

    // Typing a near-copy, the 渝北区 writer sees 江北区's project in 相似项目.
    const draft = yubei.lib.proposals.insert(makeProposal({ title: '龙溪街道长者助餐', district: '渝北区', focusArea: 'elderly' }));
    await pageB.goto(`${yubei.door.url}#/p/${draft.id}`);
    await pageB.getByRole('tab', { name: /相似项目/ }).click();
    await pageB.getByTestId('section-background').click();
    await pageB.keyboard.insertText(NEED.replaceAll('江北区观音桥街道', '渝北区龙溪街道'));
    await pageB.getByTestId('section-plan').click();
    await pageB.keyboard.insertText(PLAN.slice(0, 120));
    const item = pageB.getByTestId('similar-panel').locator(`li[data-id="${filed.id}"]`);
    await expect(item).toBeVisible({ timeout: 20_000 });
    await expect(item).toContainText('观音桥街道长者助餐行动');
    await expect(item).toContainText('江北区');
    await expect(item).toContainText('其他区县');
    await pageB.screenshot({ path: join(SCREENSHOTS, 'federation-yubei-similar.png') });
    // 对照 opens the other district's text beside the draft.
    await item.getByRole('button', { name: /对照/ }).click();
    await expect(pageB.getByRole('dialog', { name: '对照相似项目' })).toContainText('观音桥街道长者助餐行动');
    await pageB.keyboard.press('Escape');

    // The federation publishes a rule pack version; both desks show it after their next sync.
    const shipped = JSON.parse(readFileSync(join(defaultTemplatesDir(), 'rules', 'weibo.json'), 'utf8')) as RulePack;
    const pack: RulePack = {
      ...shipped,
      version: '2099.1',
      effectiveDate: '2026-01-01',
      changelog: [...shipped.changelog, { version: '2099.1', date: '2026-01-01', summary: '总会统一发布：微博公益新版规则' }],
    };
    const teacher = new FederationHttp(url);
    teacher.setToken((await teacher.call('auth.login', { user: 'teacher', password: PASSWORD })).token);
    await teacher.call('rules.publish', { pack });

    for (const [page, door, name] of [
      [pageA, jiangbei, 'jiangbei'],
      [pageB, yubei, 'yubei'],
    ] as const) {
      await syncNow(page);
      await expect(page.getByTestId('sync-result')).toContainText('收到总会发布的规则包 weibo 2099.1 版（2026-01-01 生效）');
      await page.goto(`${door.door.url}#/v/rules?pack=weibo`);
      await expect(page.getByRole('row', { name: /2099\.1/ })).toBeVisible();
      await expect(page.getByText('正在使用 2099.1 版')).toBeVisible();
      await page.screenshot({ path: join(SCREENSHOTS, `federation-${name}-rule-pack.png`) });
    }
  } finally {
    fed.stop();
    await jiangbei.stop();
    await yubei.stop();
  }
});

test('a sync conflict: the notice above the editor, the losing version in 历史版本 to compare and take over', async ({ browser }) => {
  // An in-process server is enough here: what is under test is the desk's screens.
  const fed = await startSyncServer([{ name: 'jiangbei', district: '江北区', role: 'drafter' }]);
  const a = await startDoor();
  const b = await startDoor();
  try {
    const deskA = syncServiceFor(openCore(a.lib, defaultTemplatesDir()));
    const deskB = syncServiceFor(openCore(b.lib, defaultTemplatesDir()));
    await deskA.connect(fed.server.url, 'jiangbei', UNIT_PASSWORD);
    await deskA.sync();
    const p = a.lib.proposals.insert(makeProposal({ title: '寸滩街道儿童之家', district: '江北区', sections: { background: '两台电脑共同的起点。' } }));
    await deskA.sync();
    await deskB.connect(fed.server.url, 'jiangbei', UNIT_PASSWORD);
    await deskB.sync();
    // Edited on both desks; B's edit is the later one and wins, A's is kept as a conflict version.
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();
    const text = (s: string) => ({ doc: null, text: s });
    a.lib.proposals.save({ ...a.lib.proposals.get(p.id), sections: { ...p.sections, background: text('甲电脑：儿童之家每周开放五天，由社工带领课后活动。') }, updatedAt: at(1000) });
    b.lib.proposals.save({ ...b.lib.proposals.get(p.id), sections: { ...p.sections, background: text('乙电脑：儿童之家每周开放三天，志愿者辅导作业。') }, updatedAt: at(2000) });
    await deskB.sync();
    await deskA.sync();

    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce' })).newPage();
    await a.open(page, `#/p/${p.id}`);
    // The first screen of a cold page on a busy machine can take a while; everything after is quick.
    await expect(page.getByTestId('conflict-notice')).toContainText('同步冲突：此项目在另一台电脑上也修改过', { timeout: 30_000 });
    await expect(page.getByTestId('section-background')).toContainText('乙电脑');
    await page.getByRole('button', { name: '历史版本' }).click();
    const conflicts = page.getByTestId('conflict-revisions');
    await expect(conflicts).toContainText('未采用的版本');
    await conflicts.getByRole('button', { name: '对照' }).click();
    const compare = page.getByRole('dialog', { name: '对照相似项目' });
    await expect(compare).toContainText('甲电脑：儿童之家每周开放五天');
    await expect(compare).toContainText('乙电脑：儿童之家每周开放三天');
    await page.screenshot({ path: join(SCREENSHOTS, 'federation-conflict-compare.png') });
    await page.keyboard.press('Escape');
    await conflicts.getByRole('button', { name: '采用此版本' }).click();
    await expect(page.getByTestId('section-background')).toContainText('甲电脑：儿童之家每周开放五天');
    await expect(page.getByTestId('save-status')).toContainText('已保存', { timeout: 15_000 });
    await expect(page.getByTestId('conflict-notice')).toHaveCount(0);
    expect(a.lib.proposals.get(p.id).sections.background.text).toContain('甲电脑');
    await page.screenshot({ path: join(SCREENSHOTS, 'federation-conflict-taken-over.png') });
  } finally {
    await a.stop();
    await b.stop();
    await fed.stop();
  }
});
