import type { SyncService } from '../sync/service';
import type { Handlers } from './dispatch';

type SyncMethod = 'sync.status' | 'sync.connect' | 'sync.now' | 'sync.disconnect' | 'sync.conflicts' | 'sync.dismissConflict' | 'sync.remoteProposal';

/** The desk's federation settings and state. Nothing here waits for a sync: it runs in the background. */
export function syncHandlers(sync: SyncService): Pick<Handlers, SyncMethod> {
  return {
    'sync.status': () => sync.status(),
    'sync.connect': ({ server, user, password }) => sync.connect(server, user, password),
    'sync.now': () => {
      sync.syncInBackground();
      return sync.status();
    },
    'sync.disconnect': () => sync.disconnect(),
    'sync.conflicts': ({ id }) => ({ items: sync.conflicts(id) }),
    'sync.remoteProposal': ({ id }) => sync.state.remoteProposal(id),
    'sync.dismissConflict': ({ id, conflictRev }) => {
      sync.dismissConflict(id, conflictRev);
      return { id, conflictRev };
    },
  };
}
