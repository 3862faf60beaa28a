import type { HookAPI } from 'antd/es/modal/useModal';
import type { MethodOutput } from '../../../../shared/api/contract';
import type { BackupInfoWire } from '../../../../shared/api/methods/library';
import { api } from '../../api';
import { dateTime } from '../../util/format';

type Restored = MethodOutput<'library.restore'>;

/** The page reloads after a restore; what was done is said once on the reloaded page. */
const NOTICE_KEY = 'shance.restored';

export function readRestoredNotice(): Restored | null {
  try {
    const raw = sessionStorage.getItem(NOTICE_KEY);
    return raw ? (JSON.parse(raw) as Restored) : null;
  } catch {
    return null;
  }
}

/** Said once: cleared after the first render that read it. */
export function clearRestoredNotice(): void {
  sessionStorage.removeItem(NOTICE_KEY);
}

export const restoredNotice = (r: Restored) =>
  `已从 ${dateTime(r.restoredFrom.createdAt)} 的备份恢复项目库，并已重新打开。恢复前的项目库已另存为备份「${r.keptAs.fileName}」，需要时可再恢复回来。`;

/**
 * Ask before restoring, saying what happens to the library as it is now; then restore and reload
 * the page, so every screen reads the reopened library.
 */
export function confirmRestore(modal: HookAPI, backup: BackupInfoWire, onError: (e: unknown) => void): void {
  void modal.confirm({
    title: `从 ${dateTime(backup.createdAt)} 的备份恢复？`,
    width: 520,
    content: (
      <>
        <p>项目库将回到这份备份时的内容，之后所做的修改不再显示在项目库中。</p>
        <p>
          <strong>当前的项目库不会丢失：</strong>恢复前会先把它另存为一份新的备份（列在最上方），需要时可以再从那份备份恢复回来。
        </p>
        <p>恢复后善策会重新打开项目库。请先关闭正在使用同一项目库的命令行或其他窗口。</p>
      </>
    ),
    okText: '恢复',
    cancelText: '取消',
    okButtonProps: { danger: true },
    onOk: async () => {
      try {
        const r = await api.call('library.restore', { fileName: backup.fileName });
        sessionStorage.setItem(NOTICE_KEY, JSON.stringify(r));
        window.location.reload();
      } catch (e) {
        onError(e);
      }
    },
  });
}
