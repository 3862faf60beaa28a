import type { Origin } from '../../shared/api/methods/serverOrigin';
import type { StatsQuery, StatsReport } from '../../shared/stats/report';
import type { Library } from '../library/library';
import { serverOrLocal } from '../sync/askServer';
import type { SyncState } from '../sync/state';
import { buildStatsReport } from './build';
import { LibraryStatsSource } from './sqlite';

/**
 * The 统计 report: asked `fromServer`, from the federation server's database when this desk is logged
 * in to one, else from the library with the note saying why. The 统计 screen and `shance report
 * --server` both come here, so they show the same figures for the same desk.
 */
export async function reportFromServerOrLibrary(lib: Library, state: SyncState, query: StatsQuery, fromServer: boolean): Promise<StatsReport & { origin: Origin }> {
  const { value, origin } = await serverOrLocal(state, { method: 'stats.report', input: query, wanted: fromServer }, (r) => r, () => buildStatsReport(new LibraryStatsSource(lib), query));
  return { ...value, origin };
}
