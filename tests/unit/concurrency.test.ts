import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { createDispatch } from '../../src/core/api/dispatch';
import { Library } from '../../src/core/library/library';
import { tmpDir } from './helpers/tmp';

const writer = resolve(__dirname, 'helpers/libraryWriter.ts');

async function runWriter(db: string, count: number, label: string, startAt: number) {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', writer, db, String(count), label, String(startAt)], {
    cwd: resolve(__dirname, '../..'),
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as { ok: number; failed: number; failures: string[] };
}

describe('two programs writing one library', () => {
  test('two processes saving at the same time both succeed, every write kept', async () => {
    const db = join(tmpDir(), 'library.db');
    Library.open(db).close();
    // Both start at the same moment, after their imports have loaded.
    const startAt = Date.now() + 2500;
    const [a, b] = await Promise.all([runWriter(db, 120, 'A', startAt), runWriter(db, 120, 'B', startAt)]);
    expect(a.failures).toEqual([]);
    expect(b.failures).toEqual([]);
    expect(a.ok + b.ok).toBe(240);
    const lib = Library.open(db);
    expect(lib.db.prepare('SELECT count(*) AS n FROM proposals').get()).toEqual({ n: 240 });
    lib.close();
  }, 60_000);

  test('a transaction that reads first keeps the write lock instead of failing on a stale snapshot', () => {
    const path = join(tmpDir(), 'library.db');
    const lib = Library.open(path);
    lib.db.exec('CREATE TABLE probe (who TEXT)');
    const other = new Database(path);
    other.pragma('busy_timeout = 0');
    let otherWrote = true;
    // We read, another program tries to write, then we write. With a deferred BEGIN the other write
    // gets in, our snapshot is stale and SQLite refuses our write at once ("database is locked").
    const tx = lib.db.transaction(() => {
      lib.db.prepare('SELECT count(*) FROM probe').get();
      try {
        other.prepare("INSERT INTO probe VALUES ('other')").run();
      } catch {
        otherWrote = false; // it waits its turn (here: gives up at once, its timeout is 0)
      }
      lib.db.prepare("INSERT INTO probe VALUES ('us')").run();
    });
    expect(() => tx()).not.toThrow();
    expect(otherWrote).toBe(false);
    expect(other.prepare('SELECT who FROM probe').all()).toEqual([{ who: 'us' }]);
    other.close();
    lib.close();
  });

  test('"database is locked" reaches the user as a Chinese message saying what to do', async () => {
    const path = join(tmpDir(), 'library.db');
    const lib = Library.open(path);
    const dispatch = createDispatch({ 'proposal.create': () => { throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }); } } as never, () => {});
    const res = await dispatch('proposal.create', { title: '新项目' });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('DB_BUSY');
      expect(res.error.message).toContain('正被另一个程序');
      expect(res.error.message).not.toMatch(/database is locked|已保存的内容不受影响/);
    }
    lib.close();
  });
});
