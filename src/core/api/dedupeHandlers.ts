import { DEFAULT_THRESHOLD, type DedupeReport, type ProposalRef } from '../../shared/api/methods/dedupe';
import type { Proposal } from '../../shared/domain/proposal';
import { AppError } from '../../shared/errors';
import type { Boilerplate } from '../dedupe/boilerplate';
import { compareProposals } from '../dedupe/compare';
import { reportFileName, reportToDocx, reportToXlsx } from '../dedupe/exportReport';
import { MergeService } from '../merge/mergeService';
import type { Handlers } from './dispatch';
import type { CoreContext } from './context';

type DedupeMethod =
  | 'dedupe.similar'
  | 'dedupe.compare'
  | 'dedupe.report'
  | 'dedupe.lastReport'
  | 'dedupe.judge'
  | 'dedupe.exportReport'
  | 'merge.preview'
  | 'merge.commit'
  | 'merge.status'
  | 'merge.undo';

/** Keep the clusters the reviewer picked, in the order the report view showed them. */
function pickClusters(report: DedupeReport, ids: readonly string[] | null): DedupeReport {
  if (ids === null) return report;
  const byId = new Map(report.clusters.map((c) => [c.id, c]));
  const clusters = ids.flatMap((id) => byId.get(id) ?? []);
  if (ids.length > 0 && clusters.length === 0) throw new AppError('NOT_FOUND', '所选的相似项目组已发生变化，请重新运行同质化检查后再导出');
  return { ...report, clusters };
}

/**
 * `boilerplate` gives the current handbook's template text (it changes when the handbook is revised
 * or a new version imported).
 */
export function dedupeHandlers({ lib }: CoreContext, boilerplate: () => Boilerplate): Pick<Handlers, DedupeMethod> {
  // Looked up again for each full report; the live check uses what was looked up last.
  const refreshBoilerplate = () => lib.dedupe.useBoilerplate(boilerplate());
  refreshBoilerplate();
  const merges = new MergeService(lib);
  const resolve = (ref: ProposalRef): Proposal => ('id' in ref ? lib.dedupe.loadProposal(ref.id) : ref.proposal);
  const report = (threshold: number): DedupeReport => {
    refreshBoilerplate();
    return lib.dedupe.report(threshold);
  };
  return {
    'dedupe.similar': ({ proposal, limit, minScore }) => ({ ...lib.dedupe.similar(proposal, limit, minScore), threshold: DEFAULT_THRESHOLD }),
    'dedupe.compare': ({ a, b }) => compareProposals(resolve(a), resolve(b), lib.dedupe.currentBoilerplate),
    'dedupe.report': ({ threshold }) => report(threshold),
    'dedupe.lastReport': () => ({ report: lib.dedupe.lastReport() }),
    'dedupe.judge': ({ a, b, distinct }) => {
      lib.dedupe.judge(a, b, distinct);
      return { a, b, distinct };
    },
    'dedupe.exportReport': async ({ threshold, format, clusterIds }) => {
      const picked = pickClusters(report(threshold), clusterIds);
      const bytes = format === 'xlsx' ? await reportToXlsx(picked) : await reportToDocx(picked);
      return { fileName: reportFileName(picked, format), dataBase64: bytes.toString('base64'), clusters: picked.clusters.length };
    },
    'merge.preview': (input) => merges.preview(input),
    'merge.commit': (input) => merges.commit(input),
    'merge.status': ({ brandId }) => merges.status(brandId),
    'merge.undo': ({ brandId }) => merges.undo(brandId),
  };
}
