import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Db } from './open';

/** How many backups are kept per library unless the user says otherwise. */
export const DEFAULT_BACKUPS_KEPT = 10;
/** A scheduled backup is taken when the newest one is older than this. */
export const BACKUP_INTERVAL_MS = 24 * 60 * 60 * 1000;

export interface BackupInfo {
  path: string;
  fileName: string;
  createdAt: string;
  bytes: number;
}

/** Backups live in 备份/ beside the library, named after it and the moment they were taken. */
export function backupDir(libraryPath: string): string {
  return join(dirname(libraryPath), '备份');
}

const stem = (libraryPath: string) => basename(libraryPath).replace(/\.[^.]*$/, '');
const STAMP = /-(\d{8}-\d{6}-\d{3})\.db$/;

function stamp(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}-${p(d.getMilliseconds(), 3)}`;
}

/** This library's backups, newest first. */
export function listBackups(libraryPath: string): BackupInfo[] {
  const dir = backupDir(libraryPath);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const prefix = `${stem(libraryPath)}-`;
  return names
    .filter((n) => n.startsWith(prefix) && STAMP.test(n.slice(prefix.length - 1)))
    .sort()
    .reverse()
    .map((fileName) => {
      const path = join(dir, fileName);
      const st = statSync(path);
      return { path, fileName, createdAt: st.mtime.toISOString(), bytes: st.size };
    });
}

/**
 * A consistent copy of the library taken with SQLite's online backup API (pages copied while
 * other connections keep writing; the copy is one committed state), then older copies beyond
 * `keep` removed. The copy is written under a temporary name and renamed, so a crash mid-backup
 * never leaves a half file that looks like a backup.
 */
export async function backupLibrary(db: Db, libraryPath: string, keep = DEFAULT_BACKUPS_KEPT, now = new Date()): Promise<BackupInfo> {
  const dir = backupDir(libraryPath);
  mkdirSync(dir, { recursive: true });
  const fileName = `${stem(libraryPath)}-${stamp(now)}.db`;
  const target = join(dir, fileName);
  const part = `${target}.part`;
  rmSync(part, { force: true });
  try {
    await db.backup(part);
  } catch (e) {
    rmSync(part, { force: true });
    throw e;
  }
  renameSync(part, target);
  for (const old of listBackups(libraryPath).slice(Math.max(1, keep))) rmSync(old.path, { force: true });
  const st = statSync(target);
  return { path: target, fileName, createdAt: st.mtime.toISOString(), bytes: st.size };
}

/**
 * Take a backup now if the newest is older than the interval, then check again every hour; the
 * returned function stops the schedule. Failures are reported, never thrown into the app.
 */
export function scheduleBackups(
  db: Db,
  libraryPath: string,
  opts: { keep?: number; intervalMs?: number; checkEveryMs?: number; onError?: (e: unknown) => void } = {},
): () => void {
  const intervalMs = opts.intervalMs ?? BACKUP_INTERVAL_MS;
  let running = false;
  const tick = () => {
    if (running || !db.open || db.readonly) return;
    const newest = listBackups(libraryPath)[0];
    if (newest && Date.now() - Date.parse(newest.createdAt) < intervalMs) return;
    running = true;
    backupLibrary(db, libraryPath, opts.keep)
      // Closing the library (quitting) during a backup abandons it; that is not a failure.
      .catch((e: unknown) => db.open && (opts.onError ?? console.error)(e))
      .finally(() => (running = false));
  };
  tick();
  const timer = setInterval(tick, opts.checkEveryMs ?? 60 * 60 * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
