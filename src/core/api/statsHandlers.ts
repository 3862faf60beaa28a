import { reportFromServerOrLibrary } from '../stats/askReport';
import { drillProjects } from '../stats/build';
import { reportBytes, reportFileName } from '../stats/files';
import { LibraryStatsSource } from '../stats/sqlite';
import { notInLibrary, serverOrLocal } from '../sync/askServer';
import type { SyncService } from '../sync/service';
import type { MethodInputParsed } from '../../shared/api/contract';
import type { Handlers } from './dispatch';
import type { CoreContext } from './context';

const same = <T>(v: T) => v;

/**
 * The 统计 screen over the open library, or, asked `fromServer`, from the federation server's
 * database when this desk is connected (the same report JSON, built by the same code there).
 */
export function statsHandlers(ctx: CoreContext, sync: SyncService): Pick<Handlers, 'stats.report' | 'stats.projects' | 'stats.export'> {
  const source = () => new LibraryStatsSource(ctx.lib);
  const report = ({ fromServer, ...q }: MethodInputParsed<'stats.report'>) => reportFromServerOrLibrary(ctx.lib, sync.state, q, fromServer);
  return {
    'stats.report': report,
    'stats.projects': async ({ drill, fromServer, ...q }) => {
      const { value, origin } = await serverOrLocal(sync.state, { method: 'stats.projects', input: { ...q, drill }, wanted: fromServer }, same, () => drillProjects(source(), q, drill));
      return { ...value, origin, notHere: notInLibrary(ctx.lib, value.items.map((p) => p.id)) };
    },
    'stats.export': async ({ format, ...q }) => {
      const r = await report(q);
      const bytes = await reportBytes(r, format);
      return { fileName: reportFileName(r, format), dataBase64: Buffer.from(bytes).toString('base64'), origin: r.origin };
    },
  };
}
