import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { assertNotFromFuture, schemaVersionOf, updateSchema } from './migrations';

export type Db = Database.Database;

/**
 * ShanCe's mark in the SQLite header (PRAGMA application_id): "ShCe". A file carrying another mark,
 * or none and tables that are not ours, belongs to another program and is never changed.
 */
export const SHANCE_APPLICATION_ID = 0x53684365;

/** How long a write waits for another program (the CLI, a second window) to finish its own. */
export const BUSY_TIMEOUT_MS = 15_000;

/** What the quick check at open found. A damaged library is opened read-only. */
export type LibraryHealth = { state: 'ok' } | { state: 'damaged'; problems: string[] };

export interface OpenedDatabase {
  db: Db;
  health: LibraryHealth;
  readOnly: boolean;
}

const notOurs = (path: string) =>
  new AppError('DB_UNREADABLE', `文件「${path}」不是善策项目库（它属于其他程序或已损坏）。为保护该文件，未做任何修改。请选择善策项目库文件。`);

export const damagedMessage = (path: string) =>
  `项目库「${path}」已损坏，已以只读方式打开：可以查看和导出仍能读取的项目，但不能保存修改。请在「设置」中导出全部可读内容，或从备份恢复。`;

/**
 * Every transaction on a library connection begins IMMEDIATE. A deferred transaction that reads
 * before it writes fails at once with "database is locked" when another process wrote in between
 * (WAL cannot upgrade a stale read snapshot), instead of waiting out the busy timeout; taking the
 * write lock at BEGIN makes it wait its turn. Done once here so no call site can forget it.
 */
function beginTransactionsImmediately(db: Db): void {
  const deferred = db.transaction.bind(db);
  const immediateFirst = ((fn: (...args: never[]) => unknown) => {
    const t = deferred(fn);
    return Object.assign((...args: never[]) => t.immediate(...args), {
      default: t.immediate,
      deferred: t.deferred,
      immediate: t.immediate,
      exclusive: t.exclusive,
    });
  }) as Db['transaction'];
  db.transaction = immediateFirst;
}

/** Library tables that an unmarked file from before the marker must have to be adopted. */
const LEGACY_TABLES = ['proposals', 'revisions'];

/**
 * Decide on a read-only connection, before anything is written (not even a pending -wal is
 * checkpointed), whether the file is ours, from this version or older, and undamaged.
 */
export function inspectLibraryFile(path: string): { health: LibraryHealth } {
  let ro: Db;
  try {
    ro = new Database(path, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new AppError('DB_UNREADABLE', `无法打开项目库文件：${path}（${e instanceof Error ? e.message : String(e)}）`);
  }
  try {
    ro.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const appId = ro.pragma('application_id', { simple: true }) as number;
    if (appId !== 0 && appId !== SHANCE_APPLICATION_ID) throw notOurs(path);
    assertNotFromFuture(ro);
    if (appId === 0) {
      const names = new Set((ro.prepare("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((r) => r.name));
      const empty = names.size === 0 && schemaVersionOf(ro) === 0;
      const legacy = LEGACY_TABLES.every((t) => names.has(t)) && schemaVersionOf(ro) > 0;
      if (!empty && !legacy) throw notOurs(path);
    }
    const problems = quickCheck(ro);
    return { health: problems.length === 0 ? { state: 'ok' } : { state: 'damaged', problems } };
  } catch (e) {
    if (e instanceof AppError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    if (/not a database|malformed|corrupt/i.test(msg)) {
      throw new AppError('DB_UNREADABLE', `文件「${path}」不是善策项目库，或已严重损坏无法读取。未做任何修改。请从备份恢复。`);
    }
    throw e;
  } finally {
    ro.close();
  }
}

const quickCheck = (db: Db) => integrityCheck(db, 'quick_check');

/**
 * SQLite's quick or full check (the first problems it finds); a check that itself hits a damaged
 * page counts as a problem found, not as a failure to check.
 */
export function integrityCheck(db: Db, kind: 'quick_check' | 'integrity_check', limit = 20): string[] {
  try {
    const rows = db.pragma(`${kind}(${limit})`) as Record<string, string>[];
    return rows.map((r) => r[kind]!).filter((m) => m !== 'ok');
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/malformed|corrupt/i.test(msg)) return [msg];
    throw e;
  }
}

function configure(db: Db): void {
  // The busy timeout first: even switching the journal mode may have to wait for another writer.
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  beginTransactionsImmediately(db);
  db.pragma('foreign_keys = ON');
}

/**
 * Open (or create) a library database and bring its schema up to date. A file that is not a
 * ShanCe library, or is from a newer ShanCe, is refused byte-identical; a damaged one is opened
 * read-only with `health` saying so.
 */
export function openDatabase(path: string): OpenedDatabase {
  const isFile = path !== ':memory:';
  if (isFile) mkdirSync(dirname(path), { recursive: true });
  const existing = isFile && existsSync(path) && statSync(path).size > 0;
  const { health } = existing ? inspectLibraryFile(path) : { health: { state: 'ok' } as LibraryHealth };
  const readOnly = health.state === 'damaged';
  let db: Db;
  try {
    db = new Database(path, readOnly ? { readonly: true, fileMustExist: true } : {});
  } catch (e) {
    throw new AppError('DB_UNREADABLE', `无法打开项目库文件：${path}（${e instanceof Error ? e.message : String(e)}）`);
  }
  try {
    configure(db);
    if (readOnly) return { db, health, readOnly };
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    updateSchema(db);
    if ((db.pragma('application_id', { simple: true }) as number) !== SHANCE_APPLICATION_ID) {
      db.pragma(`application_id = ${SHANCE_APPLICATION_ID}`);
    }
    return { db, health, readOnly };
  } catch (e) {
    db.close();
    if (e instanceof AppError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    if (/not a database|malformed/i.test(msg)) {
      throw new AppError('DB_UNREADABLE', `文件「${path}」不是善策项目库，或已损坏。未做任何修改。`);
    }
    if (/database is locked|SQLITE_BUSY/i.test(msg)) throw libraryBusy(path);
    throw e;
  }
}

/** Another program kept the library's write lock longer than the busy timeout. */
export function libraryBusy(path?: string): AppError {
  return new AppError(
    'DB_BUSY',
    `项目库${path ? `「${path}」` : ''}正被另一个程序（如善策命令行、另一个善策窗口或备份软件）占用，等待 ${BUSY_TIMEOUT_MS / 1000} 秒后仍未释放。请等它完成或关闭它后再试；刚才的操作没有保存。`,
  );
}

