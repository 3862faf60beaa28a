import { chongqingToday } from '../rules/dates';
import type { RulePackStore } from '../rules/store';
import type { Library } from '../library/library';
import { notInLibrary, serverOrLocal, serverShowsDistrict } from '../sync/askServer';
import type { SyncState } from '../sync/state';
import { libraryDue } from './libraryCalendar';

/** Why a drafter's desk asking about other districts sees its own list. */
export const OWN_DISTRICT_ONLY_NOTE = '总会服务器只向总会审核人和管理员提供其他区县的披露日程，以下为本机数据（含已同步的其他区县项目）';

/**
 * The 披露日程: asked `fromServer`, the federation server's list when this desk is logged in to one
 * and the server would show it (see serverShowsDistrict), else the library's own, with the note
 * saying why. The 披露日程 screen and `shance disclosure due --server` both come here.
 */
export async function dueFromServerOrLibrary(lib: Library, packs: RulePackStore, state: SyncState, q: { withinDays: number; district: string | null; fromServer: boolean }) {
  const { withinDays, district, fromServer } = q;
  const local = () => {
    const today = chongqingToday();
    return { items: libraryDue(lib, packs, { withinDays, district, today }), today };
  };
  // A drafter's desk is not shown other districts by the server: its own list (with their synced projects) is.
  const asks = fromServer && serverShowsDistrict(state, district);
  const { value, origin } = await serverOrLocal(state, { method: 'disclosure.due', input: { withinDays, district }, wanted: asks }, (v) => v, local);
  const note = fromServer && !asks ? OWN_DISTRICT_ONLY_NOTE : origin.note;
  return { ...value, origin: { ...origin, note }, notHere: notInLibrary(lib, value.items.map((i) => i.proposalId)) };
}
