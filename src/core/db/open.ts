import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { assertNotFromFuture, updateSchema } from './migrations';

export type Db = Database.Database;

/** Open (or create) a library database and bring its schema up to date. */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let db: Db;
  try {
    db = new Database(path);
  } catch (e) {
    throw new AppError('DB_UNREADABLE', `无法打开项目库文件：${path}（${e instanceof Error ? e.message : String(e)}）`);
  }
  try {
    // Any read fails on a file that is not SQLite; say so rather than a bare SQLITE_NOTADB.
    // A database from a newer ShanCe is refused before anything (even the journal mode) is changed.
    assertNotFromFuture(db);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    updateSchema(db);
    return db;
  } catch (e) {
    db.close();
    if (e instanceof AppError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    if (/not a database|malformed/i.test(msg)) {
      throw new AppError('DB_UNREADABLE', `文件「${path}」不是善策项目库，或已损坏。未做任何修改。`);
    }
    throw e;
  }
}
