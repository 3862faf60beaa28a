import { AppError } from '../../shared/errors';
import { backupDir, backupLibrary, listBackups, readBackupSettings, writeBackupSettings } from '../db/backup';
import type { Handlers } from './dispatch';
import type { CoreContext } from './context';

type LibraryMethods = 'library.health' | 'library.check' | 'library.backup' | 'library.backupSettings' | 'library.setBackupSettings' | 'library.restore' | 'library.exportReadable';

export function libraryHandlers({ lib, restoreBackup }: CoreContext): Pick<Handlers, LibraryMethods> {
  return {
    'library.health': () => ({
      state: lib.health.state,
      readOnly: lib.readOnly,
      notice: lib.healthNotice,
      backupDir: backupDir(lib.path),
      backups: listBackups(lib.path),
    }),
    'library.check': () => {
      const problems = lib.integrityProblems();
      return { ok: problems.length === 0, problems };
    },
    'library.backup': () => backupLibrary(lib.db, lib.path),
    'library.backupSettings': () => readBackupSettings(lib.path),
    'library.setBackupSettings': (settings) => writeBackupSettings(lib.path, settings),
    'library.restore': ({ fileName }) => {
      if (!restoreBackup) throw new AppError('CONFLICT', '这里不能从备份恢复：请在善策桌面版或浏览器版的「设置 → 数据安全」中恢复。');
      return restoreBackup(fileName);
    },
    'library.exportReadable': () => {
      const { bytes, count, lost } = lib.exportReadable();
      return { fileName: `善策项目库抢救导出-${count}个.shance`, dataBase64: Buffer.from(bytes).toString('base64'), count, lost };
    },
  };
}
