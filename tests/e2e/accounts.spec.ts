import { join } from 'node:path';
import { connect, deskPage, login, startFederation, syncNow } from './federationServer';
import { chooseOption, expect, SCREENSHOTS, startDoor, test } from './fixtures';

const NEW_PASSWORD = '龙溪街道-2026';

test.describe.configure({ timeout: 180_000 });

test('账号管理: an admin adds a district drafter, who can log in; disabled, the account is refused on another desk in Chinese', async ({ browser }) => {
  const fed = await startFederation([['guanli', '市慈善总会（本级）', 'admin']]);
  const adminDesk = await startDoor();
  const districtDesk = await startDoor();
  try {
    const a = await deskPage(browser);
    const d = await deskPage(browser);

    // The administrator's desk shows 账号管理 under 设置 → 总会服务器.
    await adminDesk.open(a);
    await connect(a, fed.url, 'guanli');
    const panel = a.getByTestId('accounts-panel');
    await expect(panel.getByRole('row', { name: /guanli/ })).toContainText('管理员');

    // It adds a drafter for 渝北区.
    await panel.getByLabel('新账号用户名').fill('longxi');
    await chooseOption(a, panel.getByLabel('新账号区县'), '渝北区', '渝北区');
    await panel.getByLabel('新账号初始密码').fill(NEW_PASSWORD);
    await panel.getByRole('button', { name: '添加账号' }).click();
    await expect(a.getByText('已添加账号「longxi」')).toBeVisible();
    const row = panel.getByRole('row', { name: /longxi/ });
    await expect(row).toContainText('渝北区');
    await expect(row).toContainText('区县撰写人');
    await expect(row).toContainText('启用');

    // The new account works on a district desk.
    await districtDesk.open(d);
    await login(d, fed.url, 'longxi', NEW_PASSWORD);
    await expect(d.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'synced', { timeout: 30_000 });
    await expect(d.getByTestId('sync-result')).toBeVisible();

    // The administrator disables it.
    await row.getByRole('button', { name: '停用 longxi' }).click();
    await expect(a.getByText('已停用「longxi」，其登录已失效')).toBeVisible();
    await expect(row).toContainText('已停用');
    await expect(row.getByRole('button', { name: '启用 longxi' })).toBeVisible();
    await a.screenshot({ path: join(SCREENSHOTS, 'accounts-disabled.png') });

    // The district desk's session is gone, and logging in again is refused with the reason.
    await d.getByRole('button', { name: '立即同步' }).click();
    await expect(d.getByTestId('sync-indicator')).toHaveText('需要重新登录总会', { timeout: 30_000 });
    // The first sync's green result is history now: the screen says only that the login is gone.
    await expect(d.getByTestId('sync-state-text')).toHaveText('需要重新登录总会');
    await expect(d.getByText(/上次同步完成于/)).toHaveCount(0);
    await expect(d.getByTestId('sync-result')).toHaveCount(0);
    await login(d, fed.url, 'longxi', NEW_PASSWORD);
    await expect(d.getByTestId('sync-login-error')).toContainText('该账号已停用，请联系总会管理员');
    await expect(d.getByTestId('sync-indicator')).not.toHaveAttribute('data-state', 'synced');
    await d.screenshot({ path: join(SCREENSHOTS, 'accounts-disabled-login-refused.png') });

    // Enabled again, the same desk logs in.
    await row.getByRole('button', { name: '启用 longxi' }).click();
    await expect(row).not.toContainText('已停用');
    await login(d, fed.url, 'longxi', NEW_PASSWORD);
    await expect(d.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'synced', { timeout: 30_000 });
    await syncNow(d);
    await expect(d.getByTestId('sync-login-error')).toHaveCount(0);
    await expect(d.getByText(/上次同步完成于/)).toBeVisible();
  } finally {
    await adminDesk.stop();
    await districtDesk.stop();
    fed.stop();
  }
});
