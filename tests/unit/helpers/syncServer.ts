// No vitest here: the e2e tests start their servers with this too.
import { addUser, openFederationStore, startFederationServer, type FederationStore, type RunningServer } from '../../../src/federation';

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
