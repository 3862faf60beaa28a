import { useSyncExternalStore } from 'react';
import type { SyncStatus } from '../../../../shared/api/methods/sync';
import { api } from '../../api';

/** How often the header asks the core how sync stands (a local call; the core syncs on its own timer). */
const POLL_MS = 5000;
/** While a sync runs, the progress bar moves. */
const POLL_SYNCING_MS = 700;

let current: SyncStatus | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;
const listeners = new Set<() => void>();

function publish(s: SyncStatus): void {
  current = s;
  for (const l of listeners) l();
}

async function poll(): Promise<void> {
  timer = null;
  try {
    publish(await api.call('sync.status', {}));
  } catch {
    // The core is local; a failed status read is retried at the next tick.
  }
  if (listeners.size > 0) timer = setTimeout(() => void poll(), current?.state === 'syncing' ? POLL_SYNCING_MS : POLL_MS);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null && listeners.size === 1) void poll();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
  };
}

/** The sync status, shared by the header and the settings screen; null until the first answer. */
export function useSyncStatus(): SyncStatus | null {
  return useSyncExternalStore(subscribe, () => current);
}

/** An action answered with a fresh status: show it at once and poll again soon. */
export function updateSyncStatus(s: SyncStatus): void {
  publish(s);
  if (timer !== null) clearTimeout(timer);
  timer = setTimeout(() => void poll(), POLL_SYNCING_MS);
}
