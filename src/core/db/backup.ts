import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { checkpoint } from '../jobs/progress';
import type { Db } from './open';

/** How many backups are kept per library unless the user says otherwise. */
export const DEFAULT_BACKUPS_KEPT = 10;
/** A scheduled backup is taken when the newest one is older than this. */
export const BACKUP_INTERVAL_MS = 24 * 60 * 60 * 1000;

/** The user's choices in 设置 → 数据安全, kept beside the backups (not in the library: a damaged, read-only library must still be able to change them). */
export const backupSettingsSchema = z.object({
  keep: z.number().int().min(1, { error: '至少保留 1 份备份' }).max(100, { error: '最多保留 100 份备份' }),
  daily: z.boolean(),
});
export type BackupSettings = z.infer<typeof backupSettingsSchema>;
const DEFAULT_SETTINGS: BackupSettings = { keep: DEFAULT_BACKUPS_KEPT, daily: true };
const settingsFile = (libraryPath: string) => join(backupDir(libraryPath), `${stem(libraryPath)}-备份设置.json`);

/** The saved choices, or the defaults when none were saved or the file cannot be read. */
export function readBackupSettings(libraryPath: string): BackupSettings {
  try {
    const parsed = backupSettingsSchema.safeParse(JSON.parse(readFileSync(settingsFile(libraryPath), 'utf8')));
    return parsed.success ? parsed.data : DEFAULT_SETTINGS;
  } catch {
    return DEFAULT_SETTINGS;
  }
}

/** Save the choices (written whole under a temporary name, then renamed) and apply the new count at once. */
export function writeBackupSettings(libraryPath: string, settings: BackupSettings): BackupSettings {
  const s = backupSettingsSchema.parse(settings);
  const file = settingsFile(libraryPath);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.part`, JSON.stringify(s, null, 2));
  renameSync(`${file}.part`, file);
  pruneBackups(libraryPath, s.keep);
  return s;
}

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
    .map((fileName) => backupInfo(join(dir, fileName)));
}

/**
 * A consistent copy of the library taken with SQLite's online backup API (pages copied while
 * other connections keep writing; the copy is one committed state), then older copies beyond
 * `keep` removed. The copy is written under a temporary name and renamed, so a crash mid-backup
 * never leaves a half file that looks like a backup.
 */
export async function backupLibrary(db: Db, libraryPath: string, keep: number | null = readBackupSettings(libraryPath).keep, now = new Date()): Promise<BackupInfo> {
  const target = nextBackupPath(libraryPath, now);
  const part = `${target}.part`;
  rmSync(part, { force: true });
  try {
    // Progress (and 取消) when run as a job; a cancel rejects here and the part file goes.
    await db.backup(part, {
      progress: ({ totalPages, remainingPages }) => {
        checkpoint('正在备份', totalPages - remainingPages, totalPages);
        return 100;
      },
    });
  } catch (e) {
    rmSync(part, { force: true });
    throw e;
  }
  renameSync(part, target);
  if (keep !== null) pruneBackups(libraryPath, keep);
  return backupInfo(target);
}

/** Where a backup taken at `now` goes (the folder is made if missing). */
export function nextBackupPath(libraryPath: string, now = new Date()): string {
  const dir = backupDir(libraryPath);
  mkdirSync(dir, { recursive: true });
  return join(dir, `${stem(libraryPath)}-${stamp(now)}.db`);
}

export function backupInfo(path: string): BackupInfo {
  const st = statSync(path);
  return { path, fileName: basename(path), createdAt: st.mtime.toISOString(), bytes: st.size };
}

/** Remove all but the newest `keep` backups (at least one always stays). Returns the removed ones. */
export function pruneBackups(libraryPath: string, keep: number): BackupInfo[] {
  const old = listBackups(libraryPath).slice(Math.max(1, keep));
  for (const b of old) rmSync(b.path, { force: true });
  return old;
}

/**
 * Take a backup now if the newest is older than the interval, then check again every hour; the
 * returned function stops the schedule. Failures are reported, never thrown into the app.
 */
export function scheduleBackups(
  db: Db,
  libraryPath: string,
  opts: { intervalMs?: number; checkEveryMs?: number; onError?: (e: unknown) => void } = {},
): () => void {
  const intervalMs = opts.intervalMs ?? BACKUP_INTERVAL_MS;
  let running = false;
  const tick = () => {
    // The settings are read at every tick, so turning daily backups off in 设置 takes effect at once.
    const settings = readBackupSettings(libraryPath);
    if (running || !settings.daily || !db.open || db.readonly) return;
    const newest = listBackups(libraryPath)[0];
    if (newest && Date.now() - Date.parse(newest.createdAt) < intervalMs) return;
    running = true;
    backupLibrary(db, libraryPath, settings.keep)
      // Closing the library (quitting) during a backup abandons it; that is not a failure.
      .catch((e: unknown) => db.open && (opts.onError ?? console.error)(e))
      .finally(() => (running = false));
  };
  tick();
  const timer = setInterval(tick, opts.checkEveryMs ?? 60 * 60 * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
