import { buildStatsReport, drillProjects } from '../stats/build';
import { reportBytes, reportFileName } from '../stats/files';
import { LibraryStatsSource } from '../stats/sqlite';
import type { Handlers } from './dispatch';
import type { CoreContext } from './context';

/** The 统计 screen over the open library. */
export function statsHandlers(ctx: CoreContext): Pick<Handlers, 'stats.report' | 'stats.projects' | 'stats.export'> {
  const source = () => new LibraryStatsSource(ctx.lib);
  return {
    'stats.report': (q) => buildStatsReport(source(), q),
    'stats.projects': ({ drill, ...q }) => drillProjects(source(), q, drill),
    'stats.export': async ({ format, ...q }) => {
      const report = await buildStatsReport(source(), q);
      const bytes = await reportBytes(report, format);
      return { fileName: reportFileName(report, format), dataBase64: Buffer.from(bytes).toString('base64') };
    },
  };
}
