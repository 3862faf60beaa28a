import type { Origin } from '../../shared/api/methods/serverOrigin';
import { isAppError } from '../../shared/errors';
import type { FederationInput, FederationMethod, FederationOutput } from '../../shared/federation/contract';
import { FederationHttp, SYNC_ERROR } from './http';
import type { Library } from '../library/library';
import type { SyncState } from './state';

/** What a screen says when it shows this desk's own data instead of the server's. */
export const LOCAL_NOTE = '未连接总会服务器，以下为本机数据';

/** A screen waits this long for the server before it shows the desk's own data. */
export const ASK_TIMEOUT_MS = 15_000;

const LOCAL: Origin = { source: 'local', note: null };
const AUTH_NOTE = '总会服务器的登录已失效（请在 设置 → 总会服务器 中重新登录），以下为本机数据';

/** Why the server's answer is not shown, in Chinese, ending with what is shown instead. */
function noteFor(e: unknown): string {
  if (!isAppError(e) || e.code === SYNC_ERROR.offline) return LOCAL_NOTE;
  if (e.code === SYNC_ERROR.auth) return AUTH_NOTE;
  if (e.code === 'FORBIDDEN') return `总会服务器未提供：${e.message.replace(/[。.]$/, '')}。以下为本机数据`;
  return `总会服务器未能回答（${e.message.replace(/[。.]$/, '')}），以下为本机数据`;
}

/**
 * Ask the federation server when this desk is logged in to one, else (no server, offline, a lapsed
 * login, a refusal) compute it from the library, saying why. A bad request the library refuses too
 * (a malformed period, say) still ends in the library's own Chinese error.
 */
export async function serverOrLocal<M extends FederationMethod, T>(
  state: SyncState,
  ask: { method: M; input: FederationInput<M>; wanted: boolean },
  fromServer: (value: FederationOutput<M>) => T,
  local: () => T | Promise<T>,
): Promise<{ value: T; origin: Origin }> {
  if (!ask.wanted) return { value: await local(), origin: LOCAL };
  const server = state.server();
  const expired = server?.token_expires_at ? Date.parse(server.token_expires_at) <= Date.now() : false;
  const token = state.token();
  if (!server || !token || expired) {
    return { value: await local(), origin: { source: 'local', note: expired ? AUTH_NOTE : LOCAL_NOTE } };
  }
  try {
    const value = await new FederationHttp(server.url, token, ASK_TIMEOUT_MS).call(ask.method, ask.input);
    return { value: fromServer(value), origin: { source: 'server', note: null } };
  } catch (e) {
    return { value: await local(), origin: { source: 'local', note: noteFor(e) } };
  }
}

/** The ids (from a server's answer, or other districts' synced proposals) that are not in this desk's library. */
export function notInLibrary(lib: Library, ids: readonly string[]): string[] {
  if (ids.length === 0) return [];
  const here = lib.db.prepare('SELECT value FROM json_each(?) WHERE value NOT IN (SELECT id FROM proposals)').pluck();
  return [...new Set(here.all(JSON.stringify(ids)) as string[])];
}

/**
 * Whether the server would show this desk's user the federation calendar for `district`: reviewers
 * and admins see every district, anyone else only their own (the server's rule, src/federation/calendar.ts).
 * Otherwise the desk does not ask, and its own list (with other districts' synced projects) is shown.
 */
export function serverShowsDistrict(state: SyncState, district: string | null): boolean {
  const server = state.server();
  if (!server) return true;
  return server.role === 'reviewer' || server.role === 'admin' || district === server.district;
}
