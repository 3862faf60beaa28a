import type { SyncService } from '../sync/service';
import type { Handlers } from './dispatch';

type SyncMethod =
  | 'sync.status'
  | 'sync.connect'
  | 'sync.now'
  | 'sync.disconnect'
  | 'sync.conflicts'
  | 'sync.dismissConflict'
  | 'sync.remoteProposal'
  | 'sync.accounts'
  | 'sync.addAccount'
  | 'sync.setAccountDisabled'
  | 'sync.resetAccountPassword';

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
    'sync.accounts': () => sync.callServer('accounts.list', {}),
    'sync.addAccount': (input) => sync.callServer('accounts.add', input),
    'sync.setAccountDisabled': (input) => sync.callServer('accounts.setDisabled', input),
    'sync.resetAccountPassword': (input) => sync.callServer('accounts.resetPassword', input),
    'sync.dismissConflict': ({ id, conflictRev }) => {
      sync.dismissConflict(id, conflictRev);
      return { id, conflictRev };
    },
  };
}
