// No vitest here: the e2e tests start their servers with this too.
import { addUser, type FederationStore, type RunningServer } from '../../../src/federation';
import { startTestFederation } from './federation';

export const PASSWORD = '正确的密码-2026';

/** A real federation server on PGlite in memory, in this process, with the test's accounts (for desks to log in with). */
export async function startSyncServer(users: { name: string; district: string; role: 'drafter' | 'reviewer' | 'trainer' | 'admin' }[]): Promise<{
  store: FederationStore;
  server: RunningServer;
  stop(): Promise<void>;
}> {
  const fed = await startTestFederation('pglite');
  for (const u of users) await addUser(fed.store, { ...u, password: PASSWORD });
  return { store: fed.store, server: fed.server, stop: fed.close };
}
