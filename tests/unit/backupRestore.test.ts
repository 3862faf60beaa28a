import { closeSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { LibrarySession } from '../../src/core/api/librarySession';
import { backupDir, backupLibrary, listBackups, pruneBackups, readBackupSettings, scheduleBackups, writeBackupSettings } from '../../src/core/db/backup';
import { restoreBackup } from '../../src/core/db/restore';
import { defaultTemplatesDir } from '../../src/core/paths';
import { Library } from '../../src/core/library/library';
import { writeDamagedLibrary } from './helpers/damage';
import { makeProposal } from './helpers/proposals';
import { tmpDir } from './helpers/tmp';

const titles = (lib: Library) => [...lib.proposals.all()].map((p) => p.title).sort();
/** The titles inside a backup file, read with SQLite directly (not through the code under test). */
const titlesIn = (path: string) => {
  const db = new Database(path, { readonly: true });
  const rows = db.prepare('SELECT json FROM proposals WHERE deleted_at IS NULL').all() as { json: string }[];
  db.close();
  return rows.map((r) => (JSON.parse(r.json) as { title: string }).title).sort();
};

describe('keep-N pruning and the backup settings', () => {
  test('pruning keeps the newest N backups and removes the rest; at least one always stays', async () => {
    const path = join(tmpDir(), 'library.db');
    const lib = Library.open(path);
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await backupLibrary(lib.db, path, null, new Date(2026, 0, 1, 9, 0, i)));
    lib.close();
    expect(listBackups(path)).toHaveLength(5);
    const removed = pruneBackups(path, 2);
    expect(removed.map((b) => b.fileName).sort()).toEqual(made.slice(0, 3).map((b) => b.fileName).sort());
    expect(listBackups(path).map((b) => b.fileName)).toEqual([made[4]!.fileName, made[3]!.fileName]);
    pruneBackups(path, 0);
    expect(listBackups(path).map((b) => b.fileName)).toEqual([made[4]!.fileName]);
  });

  test('saved settings decide how many a backup keeps, and lowering the count prunes at once', async () => {
    const path = join(tmpDir(), 'library.db');
    const lib = Library.open(path);
    expect(readBackupSettings(path)).toEqual({ keep: 10, daily: true });
    for (let i = 0; i < 4; i++) await backupLibrary(lib.db, path, undefined, new Date(2026, 0, 1, 9, 0, i));
    expect(listBackups(path)).toHaveLength(4);
    writeBackupSettings(path, { keep: 2, daily: true });
    expect(listBackups(path)).toHaveLength(2);
    await backupLibrary(lib.db, path, undefined, new Date(2026, 0, 1, 9, 1, 0));
    expect(listBackups(path)).toHaveLength(2);
    lib.close();
    expect(readBackupSettings(path)).toEqual({ keep: 2, daily: true });
    expect(() => writeBackupSettings(path, { keep: 0, daily: true })).toThrow('至少保留 1 份备份');
    // The settings file is not mistaken for a backup.
    expect(readdirSync(backupDir(path)).length).toBe(3);
  });

  test('with daily backups off, the schedule takes none', async () => {
    const path = join(tmpDir(), 'library.db');
    const lib = Library.open(path);
    writeBackupSettings(path, { keep: 5, daily: false });
    const stop = scheduleBackups(lib.db, path);
    await new Promise((r) => setTimeout(r, 200));
    stop();
    expect(listBackups(path)).toHaveLength(0);
    writeBackupSettings(path, { keep: 5, daily: true });
    const stop2 = scheduleBackups(lib.db, path);
    await expect.poll(() => listBackups(path).length).toBe(1);
    stop2();
    lib.close();
  });
});

describe('restore from a backup', () => {
  test('the chosen backup’s content comes back, and the library as it was is kept as the newest backup', async () => {
    const path = join(tmpDir(), 'library.db');
    const lib = Library.open(path);
    const kept = lib.proposals.insert(makeProposal({ title: '备份前的项目' }));
    const backup = await backupLibrary(lib.db, path, null, new Date(2026, 0, 1, 9, 0, 0));
    lib.proposals.softDelete(kept.id);
    lib.proposals.insert(makeProposal({ title: '备份后新写的项目' }));
    let closed = false;
    const outcome = await restoreBackup(lib.db, path, backup.fileName, () => {
      lib.close();
      closed = true;
    });
    expect(closed).toBe(true);
    expect(outcome.restoredFrom.fileName).toBe(backup.fileName);
    expect(listBackups(path)[0]!.fileName).toBe(outcome.keptAs.fileName);
    // The copy kept before restoring holds what the library had just before.
    expect(titlesIn(outcome.keptAs.path)).toEqual(['备份后新写的项目']);
    const back = Library.open(path);
    expect(titles(back)).toEqual(['备份前的项目']);
    expect(back.proposals.find(kept.id)?.deletedAt).toBeNull();
    expect(back.health.state).toBe('ok');
    back.close();
  });

  test('a name that is not one of this library’s backups is refused in Chinese and nothing changes', async () => {
    const path = join(tmpDir(), 'library.db');
    const lib = Library.open(path);
    lib.proposals.insert(makeProposal({ title: '原有项目' }));
    await expect(restoreBackup(lib.db, path, '../library.db', () => lib.close())).rejects.toThrow('找不到备份');
    expect(lib.db.open).toBe(true);
    expect(listBackups(path)).toHaveLength(0);
    expect(titles(lib)).toEqual(['原有项目']);
    lib.close();
  });

  test('a damaged backup is refused before anything is touched', async () => {
    const path = join(tmpDir(), 'library.db');
    const lib = Library.open(path);
    for (let i = 0; i < 40; i++) lib.proposals.insert(makeProposal({ title: `项目${i}`, sections: { background: `背景${i}`.repeat(300) } }));
    const backup = await backupLibrary(lib.db, path, null, new Date(2026, 0, 1, 9, 0, 0));
    const fd = openSync(backup.path, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, 8 * 4096);
    closeSync(fd);
    await expect(restoreBackup(lib.db, path, backup.fileName, () => lib.close())).rejects.toThrow('本身已损坏');
    expect(lib.db.open).toBe(true);
    expect(listBackups(path)).toHaveLength(1);
    lib.close();
  });

  test('a damaged, read-only library can be restored; its damaged content is kept as a backup', async () => {
    const path = join(tmpDir(), 'library.db');
    const lib = Library.open(path);
    for (let i = 0; i < 60; i++) lib.proposals.insert(makeProposal({ title: `项目${i}` }));
    const backup = await backupLibrary(lib.db, path, null, new Date(2026, 0, 1, 9, 0, 0));
    lib.close();
    // The library file is replaced by a damaged one (a different, broken content).
    for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
    writeDamagedLibrary(path);

    const damaged = Library.open(path);
    expect(damaged.readOnly).toBe(true);
    // The full check in 设置 answers with what it found, even where reading the page fails outright.
    expect(damaged.integrityProblems()).toEqual(['database disk image is malformed']);
    const outcome = await restoreBackup(damaged.db, path, backup.fileName, () => damaged.close());
    const back = Library.open(path);
    expect(back.health.state).toBe('ok');
    expect(back.readOnly).toBe(false);
    expect([...back.proposals.all()]).toHaveLength(60);
    back.close();
    const keptCopy = Library.open(outcome.keptAs.path);
    expect(keptCopy.health.state).toBe('damaged');
    keptCopy.close();
  });
});

describe('LibrarySession', () => {
  test('library.restore through the session reopens the library: the same dispatch answers from the restored content', async () => {
    const path = join(tmpDir(), 'library.db');
    const session = LibrarySession.open({ dbPath: path, templatesDir: defaultTemplatesDir() });
    const call = async <T>(method: string, payload: unknown): Promise<T> => {
      const r = await session.dispatch(method, payload);
      if (!r.ok) throw new Error(r.error.message);
      return r.value as T;
    };
    const p = await call<{ id: string }>('proposal.create', { title: '会被误删的项目' });
    const backup = await call<{ fileName: string }>('library.backup', {});
    await call('proposal.delete', { id: p.id });
    const before = session.lib;
    const outcome = await call<{ keptAs: { fileName: string } }>('library.restore', { fileName: backup.fileName });
    expect(session.lib).not.toBe(before);
    expect(before.db.open).toBe(false);
    const list = await call<{ items: { id: string; title: string }[] }>('proposal.list', {});
    expect(list.items.map((i) => i.title)).toEqual(['会被误删的项目']);
    expect(session.lib.proposals.find(p.id)?.deletedAt).toBeNull();
    const health = await call<{ backups: { fileName: string }[] }>('library.health', {});
    expect(health.backups.map((b) => b.fileName)).toContain(outcome.keptAs.fileName);
    session.close();
  });

  test('without a session (the CLI, a job) restoring is refused in Chinese', async () => {
    const { createDispatch } = await import('../../src/core/api/dispatch');
    const { createHandlers } = await import('../../src/core/api/handlers');
    const lib = Library.open(join(tmpDir(), 'library.db'));
    const r = await createDispatch(createHandlers({ lib, templatesDir: defaultTemplatesDir() }), () => {})('library.restore', { fileName: 'x.db' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('这里不能从备份恢复');
    lib.close();
  });
});
