import { scheduleBackups } from '../db/backup';
import { restoreBackup, type RestoreOutcome } from '../db/restore';
import { Library } from '../library/library';
import { openCore } from '../openCore';
import { startSyncTimer, syncServiceFor, type TokenEncryptor } from '../sync';
import { createDispatch, type Dispatch, type Handlers } from './dispatch';
import { createHandlers } from './handlers';

export interface SessionOptions {
  dbPath: string;
  templatesDir: string;
  /** Run daily backups and the federation sync timer (the doors do; tests may not). */
  background?: { syncIntervalMs?: number } | false;
  onBackupError?: (e: unknown) => void;
  /** Encrypts the federation session token at rest (the desktop passes the system keychain's). */
  tokenEncryptor?: TokenEncryptor;
}

/**
 * The library a door has open, with its background work (daily backups, federation sync). It can
 * be reopened in place: restoring a backup closes the library, copies the backup in and opens it
 * again, and `dispatch` (which the door keeps) from then on answers from the restored library.
 */
export class LibrarySession {
  private current!: { lib: Library; handlers: Handlers; stop: () => void };
  /** Stable across reopening: the door registers this once. */
  readonly dispatch: Dispatch;

  private constructor(private readonly opts: SessionOptions) {
    this.start();
    const dispatchers = new WeakMap<Handlers, Dispatch>();
    this.dispatch = (method, payload) => {
      const { handlers } = this.current;
      if (!dispatchers.has(handlers)) dispatchers.set(handlers, createDispatch(handlers));
      return dispatchers.get(handlers)!(method, payload);
    };
  }

  static open(opts: SessionOptions): LibrarySession {
    return new LibrarySession(opts);
  }

  get lib(): Library {
    return this.current.lib;
  }

  close(): void {
    this.current.stop();
    this.current.lib.close();
  }

  /** Restore one of the library's backups (see restoreBackup) and reopen the library. */
  async restore(fileName: string): Promise<RestoreOutcome> {
    const old = this.current;
    let closed = false;
    try {
      return await restoreBackup(old.lib.db, old.lib.path, fileName, () => {
        old.stop();
        old.lib.close();
        closed = true;
      });
    } finally {
      // Reopened whether or not the copy succeeded: a failed restore leaves the old content.
      if (closed) this.start();
    }
  }

  private start(): void {
    const { dbPath, templatesDir, background } = this.opts;
    const lib = Library.open(dbPath);
    const stops: (() => void)[] = [];
    // One core for the sync timer and the handlers: a pack the sync brings in is active for both.
    const core = openCore(lib, templatesDir);
    const sync = background ? syncServiceFor(core, this.opts.tokenEncryptor) : undefined;
    if (background && sync) {
      stops.push(scheduleBackups(lib.db, lib.path, { onError: this.opts.onBackupError ?? ((e) => console.error('自动备份失败：', e)) }));
      const timer = startSyncTimer(sync, background.syncIntervalMs);
      stops.push(() => timer.stop());
    }
    const handlers = createHandlers({ lib, templatesDir, core, sync, restoreBackup: (fileName) => this.restore(fileName) });
    this.current = { lib, handlers, stop: () => stops.forEach((s) => s()) };
  }
}
