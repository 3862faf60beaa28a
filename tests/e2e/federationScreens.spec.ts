import { join } from 'node:path';
import { openCore } from '../../src/core/openCore';
import { defaultTemplatesDir } from '../../src/core/paths';
import { syncServiceFor } from '../../src/core/sync/timer';
import { LIBRARY } from '../unit/helpers/statsFixture';
import { writeServerStatsProposals } from '../unit/helpers/statsLibrary';
import { PASSWORD, startSyncServer } from '../unit/helpers/syncServer';
import { expect, SCREENSHOTS, test } from './fixtures';

test.use({ viewport: { width: 1280, height: 800 } });

/**
 * A reviewer's desk logged in to the federation server: 统计 and 披露日程 for the whole federation come
 * from the server (every district's projects, none of them in this desk's library), drill-downs list
 * the server's projects, and with the server gone the screens show the desk's own data and say so.
 */
test('统计 and 披露日程 from the federation server when connected, the desk\'s own data with a note when not', async ({ app, page }) => {
  const fed = await startSyncServer([{ name: 'shenhe', district: '市慈善总会（本级）', role: 'reviewer' }]);
  try {
    // The city's own F would come down to this (city) desk with the first sync: left off the server.
    await writeServerStatsProposals(fed.store.db, LIBRARY.filter((x) => x.district !== '市慈善总会（本级）'));
    const sync = syncServiceFor(openCore(app.lib, defaultTemplatesDir()));
    await sync.connect(fed.server.url, 'shenhe', PASSWORD);
    await sync.sync();
    // Other districts' copies a sync brings are dropped: whatever the screens show of them, the server sent.
    app.lib.db.exec('DELETE FROM remote_proposals');

    await app.open(page, '#/v/stats?period=2026-Q3');
    await expect(page.getByTestId('stats-origin')).toHaveText('总会服务器数据');
    // Counted by hand from the fixture: created in Q3 are A, C and J (the city's F is not on this server); live are A and B.
    await expect(page.getByTestId('stats-total-created')).toContainText('3');
    await expect(page.getByTestId('stats-total-live')).toContainText('2');
    await page.screenshot({ path: join(SCREENSHOTS, 'stats-from-server.png') });
    await page.getByTestId('stats-total-live').click();
    const drawer = page.getByTestId('stats-drill');
    await expect(drawer).toContainText('共 2 个项目');
    await expect(drawer.getByRole('row', { name: /项目A/ })).toContainText('其他区县');
    await expect(drawer.getByRole('row', { name: /项目B/ })).toContainText('其他区县');
    await page.keyboard.press('Escape');

    await app.open(page, '#/v/disclosure');
    await expect(page.getByTestId('due-origin')).toHaveText('总会服务器数据');
    // E (黔江区) owes its completion disclosure since 2025-12-30: listed, from the server, read-only here.
    const e = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: '项目E' });
    await expect(e).toContainText('2025-12-30');
    await expect(e).toContainText('其他区县');
    await page.screenshot({ path: join(SCREENSHOTS, 'disclosure-from-server.png') });
  } finally {
    await fed.stop();
  }

  // The server gone: the desk's own (empty) library, with the note.
  await app.open(page, '#/v/disclosure');
  await expect(page.getByTestId('due-origin')).toHaveText('未连接总会服务器，以下为本机数据');
  await app.open(page, '#/v/stats?period=2026-Q3');
  await expect(page.getByTestId('stats-origin')).toHaveText('未连接总会服务器，以下为本机数据');
  await expect(page.getByTestId('stats-summary')).toContainText('全市（联合会）没有项目活动');
  await page.screenshot({ path: join(SCREENSHOTS, 'stats-offline-note.png') });
});
