import type { Library } from '../core/library/library';
import { SyncState } from '../core/sync/state';
import { sessionTokenStore } from '../core/sync/tokenStore';
import type { Origin } from '../shared/api/methods/serverOrigin';
import type { CliIo } from './io';

/**
 * The library's saved login to the federation server, as `shance sync` leaves it. The command line
 * has no key to the desktop's encrypted token (Electron's safeStorage), so a login made only in the
 * desktop app reads as none here.
 */
export function savedLogin(lib: Library): SyncState {
  return new SyncState(lib.db, sessionTokenStore(lib.path));
}

const NO_CLI_LOGIN = '命令行没有可用的总会服务器登录（已退出登录，或只在桌面端登录过：桌面端的登录加密保存，命令行无法使用；可用 shance sync --server 地址 --user 用户名 --password-stdin 登录），以下为本机数据';

/**
 * Where the figures came from, for a command asked `--server`. A server is set up but no token is
 * readable (logged out, or the desktop's encrypted login): say how to log in from here rather than
 * 未连接总会服务器, which would send the user looking for a network fault.
 */
function cliOrigin(state: SyncState, origin: Origin): Origin {
  if (origin.source === 'local' && state.server() && state.token() === null) return { source: 'local', note: NO_CLI_LOGIN };
  return origin;
}

/** The line for stderr saying where the figures came from. */
function originLine(origin: Origin): string {
  if (origin.source === 'server') return '数据来源：总会服务器';
  return `数据来源：本机项目库${origin.note ? `（${origin.note}）` : ''}`;
}

/**
 * For `--server`: ask through the library's saved login (the same core function the screen uses),
 * and print where the answer came from to stderr unless the output is JSON (there it is `origin`).
 */
export async function askWithSavedLogin<T extends { origin: Origin }>(lib: Library, io: CliIo, json: boolean, ask: (state: SyncState) => Promise<T>): Promise<T> {
  const state = savedLogin(lib);
  const answer = await ask(state);
  const origin = cliOrigin(state, answer.origin);
  if (!json) io.err(originLine(origin));
  return { ...answer, origin };
}
