import { backupDir, backupLibrary, listBackups } from '../db/backup';
import type { Handlers } from './dispatch';
import type { CoreContext } from './context';

export function libraryHandlers({ lib }: CoreContext): Pick<Handlers, 'library.health' | 'library.check' | 'library.backup' | 'library.exportReadable'> {
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
    'library.exportReadable': () => {
      const { bytes, count, lost } = lib.exportReadable();
      return { fileName: `善策项目库抢救导出-${count}个.shance`, dataBase64: Buffer.from(bytes).toString('base64'), count, lost };
    },
  };
}
