import { copyFileSync, renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { backupInfo, backupLibrary, listBackups, nextBackupPath, pruneBackups, readBackupSettings, type BackupInfo } from './backup';
import { BUSY_TIMEOUT_MS, inspectLibraryFile, libraryBusy, type Db } from './open';

export interface RestoreOutcome {
  /** The backup whose content the library now has. */
  restoredFrom: BackupInfo;
  /** The library as it was just before, kept among the backups so the restore can itself be undone. */
  keptAs: BackupInfo;
}

/** One of this library's backups, by file name: a name from the client is looked up, never used as a path. */
export function findBackup(libraryPath: string, fileName: string): BackupInfo {
  const found = listBackups(libraryPath).find((b) => b.fileName === fileName);
  if (!found) throw new AppError('NOT_FOUND', `找不到备份「${fileName}」，它可能已被删除或超出保留份数。请刷新备份列表。`);
  return found;
}

/**
 * Put a backup's content back into the library file. Before anything changes the backup is checked
 * (ours, not from a newer ShanCe, undamaged) and the library as it is now is kept as the newest
 * backup; then `closeLibrary` is called and the content is copied in. The caller reopens the library.
 *
 * The copy uses SQLite's backup API into the library file, one write transaction: another program
 * with the library open waits for it and then sees the restored content, and a crash leaves the old
 * content. Only a library too damaged for SQLite to write into is replaced as a file.
 */
export async function restoreBackup(db: Db, libraryPath: string, fileName: string, closeLibrary: () => void): Promise<RestoreOutcome> {
  const restoredFrom = findBackup(libraryPath, fileName);
  const { health } = inspectLibraryFile(restoredFrom.path);
  if (health.state === 'damaged') throw new AppError('DB_DAMAGED', `备份「${fileName}」本身已损坏，不能用来恢复。请选择另一份备份。项目库未做任何修改。`);
  const keptAs = await keepCurrent(db, libraryPath);
  closeLibrary();
  await copyInto(restoredFrom.path, libraryPath);
  pruneBackups(libraryPath, readBackupSettings(libraryPath).keep);
  return { restoredFrom, keptAs };
}

/**
 * A backup of the library as it is now, never pruned away by this restore (it is the newest). A
 * damaged library still copies page by page; if even that fails, its file is copied as it is.
 */
async function keepCurrent(db: Db, libraryPath: string): Promise<BackupInfo> {
  try {
    return await backupLibrary(db, libraryPath, null);
  } catch (e) {
    if (!db.readonly) throw e;
    const target = nextBackupPath(libraryPath);
    copyFileSync(libraryPath, `${target}.part`);
    renameSync(`${target}.part`, target);
    return backupInfo(target);
  }
}

async function copyInto(backupPath: string, libraryPath: string): Promise<void> {
  const source = new Database(backupPath, { readonly: true, fileMustExist: true });
  try {
    await copyPages(source, libraryPath);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) throw libraryBusy(libraryPath);
    if (code !== 'SQLITE_CORRUPT' && code !== 'SQLITE_NOTADB') throw e;
    // SQLite cannot even read the damaged library's first page: replace the file whole, with
    // its stale -wal/-shm, which belong to the damaged content.
    copyFileSync(backupPath, `${libraryPath}.restoring`);
    rmSync(`${libraryPath}-wal`, { force: true });
    rmSync(`${libraryPath}-shm`, { force: true });
    renameSync(`${libraryPath}.restoring`, libraryPath);
  } finally {
    source.close();
  }
}

/** The backup API's copy, waiting out another program's write like every write does. */
async function copyPages(source: Db, libraryPath: string): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      await source.backup(libraryPath);
      return;
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (!(typeof code === 'string' && code.startsWith('SQLITE_BUSY')) || Date.now() - started > BUSY_TIMEOUT_MS) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
