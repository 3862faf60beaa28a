import { addUser, openFederationStore, startFederationServer, type FederationStore, type RunningServer } from '../../../src/federation';
import { createDispatch, type Dispatch } from '../../../src/core/api/dispatch';
import { createHandlers } from '../../../src/core/api/handlers';
import { defaultTemplatesDir } from '../../../src/core/paths';
import { syncServiceFor } from '../../../src/core/sync/timer';
import type { SyncService } from '../../../src/core/sync/service';
import type { Library } from '../../../src/core/library/library';
import type { Method, MethodInput, MethodOutput } from '../../../src/shared/api/contract';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Library as LibraryClass } from '../../../src/core/library/library';
import { tmpLibrary } from './tmp';

export const PASSWORD = '正确的密码-2026';

/** A real federation server on PGlite in memory, in this process, with the test's accounts. */
export async function startSyncServer(users: { name: string; district: string; role: 'drafter' | 'reviewer' | 'trainer' | 'admin' }[]): Promise<{
  store: FederationStore;
  server: RunningServer;
  stop(): Promise<void>;
}> {
  const store = await openFederationStore({ dataDir: 'memory://' });
  for (const u of users) await addUser(store, { ...u, password: PASSWORD });
  const server = await startFederationServer({ store, host: '127.0.0.1', port: 0 });
  return {
    store,
    server,
    stop: async () => {
      await server.close();
      await store.close();
    },
  };
}

export interface Desk {
  lib: Library;
  sync: SyncService;
  dispatch: Dispatch;
  call<M extends Method>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
}

/**
 * A desktop: a real library file, the whole core over it, and its sync service. Closed after the
 * test, or with `close()` for a desk that lives through several tests.
 */
export function desk(opts: { keep?: boolean } = {}): Desk & { close(): void } {
  let close = () => {};
  let lib: Library;
  if (opts.keep) {
    const dir = mkdtempSync(join(tmpdir(), 'shance-desk-'));
    lib = LibraryClass.open(join(dir, 'library.db'));
    close = () => {
      lib.close();
      rmSync(dir, { recursive: true, force: true });
    };
  } else {
    lib = tmpLibrary();
  }
  const templatesDir = defaultTemplatesDir();
  const sync = syncServiceFor(lib, templatesDir);
  const dispatch = createDispatch(createHandlers({ lib, templatesDir, sync }), () => {});
  return {
    lib,
    sync,
    dispatch,
    close,
    async call(method, input) {
      const res = await dispatch(method, input);
      if (!res.ok) throw Object.assign(new Error(res.error.message), res.error);
      return res.value as never;
    },
  };
}
