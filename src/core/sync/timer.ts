import type { Core } from '../openCore';
import { SyncService } from './service';
import { sessionTokenStore, type TokenEncryptor } from './tokenStore';

/** How often a desk syncs on its own while the app is open. */
export const SYNC_INTERVAL_MS = 60_000;

/**
 * A sync service over a library's core (see openCore): published packs and handbooks go into its
 * rule pack store and handbook. The session token goes in a file beside the library, encrypted
 * with `encryptor` when the desktop shell gives one (Electron's safeStorage).
 */
export function syncServiceFor(core: Core, encryptor?: TokenEncryptor): SyncService {
  return new SyncService(core.lib, core, sessionTokenStore(core.lib.path, encryptor));
}

/**
 * Sync in the background every `intervalMs` (and once soon after start) while a server is set up.
 * Failures only show in the status; the timer never keeps the process alive.
 */
export function startSyncTimer(sync: SyncService, intervalMs = SYNC_INTERVAL_MS): { stop(): void } {
  const tick = () => sync.syncInBackground();
  const first = setTimeout(tick, Math.min(intervalMs, 3000));
  const every = setInterval(tick, intervalMs);
  first.unref();
  every.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(every);
    },
  };
}
