import { DEFAULT_THRESHOLD } from '../../shared/api/methods/dedupe';
import type { ReviewState } from '../../shared/api/methods/review';
import { checkProposal, packsFor } from '../rules/engine';
import type { RulePack } from '../../shared/rules/pack';
import { compareProposals } from '../review/compare';
import { availableActions, canEditText, penHolder } from '../review/machine';
import type { SyncService } from '../sync/service';
import { actThroughServer, commentThroughServer, reviewedProposal, serverSession } from '../sync/reviewEvents';
import { buildDossier } from '../review/dossier';
import { exportResults, importResults } from '../review/results';
import { safeFileName } from '../export/archive';
import { AppError } from '../../shared/errors';
import type { Handlers } from './dispatch';
import type { CoreContext } from './context';

type ReviewMethod =
  | 'review.state'
  | 'review.act'
  | 'review.comment'
  | 'review.resolveComment'
  | 'review.compare'
  | 'review.queue'
  | 'review.dossier'
  | 'review.desk'
  | 'review.setDesk'
  | 'review.exportResults'
  | 'review.importResults';

/** The results file is JSON; anything that is not, or not UTF-8 text, is refused before the core looks at it. */
function parseResultsFile(dataBase64: string): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(dataBase64, 'base64')));
  } catch {
    throw new AppError('FILE_INVALID', '无法读取审核结果文件：不是善策导出的审核结果（JSON）文件，未导入任何内容');
  }
}

/**
 * The review path for the editor, 历史版本 and 待我审核. `activePacks` gives the rule packs in force,
 * so the queue shows the same check results as the checklist.
 */
export function reviewHandlers({ lib }: CoreContext, activePacks: () => readonly RulePack[], sync: SyncService): Pick<Handlers, ReviewMethod> {
  const review = lib.review;
  const proposal = (id: string) => reviewedProposal(lib, id);
  // Connected, a reviewer's decisions and comments are made by the server under the account's role.
  const viaServer = () => review.actor().role === 'reviewer' && serverSession(sync.state) !== null;
  const state = (id: string): ReviewState => {
    const p = proposal(id);
    const actor = review.actor();
    return {
      id,
      status: p.status,
      penHolder: penHolder(p.status),
      editable: canEditText(p.status),
      actor,
      // Another district's proposal kept here is decided on only through the server, by a reviewer.
      actions: actor.role === 'district' && !lib.proposals.exists(id) ? [] : availableActions(p.status, actor.role),
      frozen: review.frozen(id),
      revisions: review.revisions(id),
      log: review.log(id),
      comments: review.comments(id),
    };
  };
  return {
    'review.state': ({ id }) => state(id),
    'review.act': async ({ id, action, reason, sections }) => {
      if (viaServer()) await actThroughServer(lib, sync.state, id, action, reason, sections);
      else review.act(id, action, { reason, sections });
      return state(id);
    },
    'review.comment': async ({ id, section, quote, body }) => {
      if (viaServer()) await commentThroughServer(lib, sync.state, id, { section, quote, body });
      else review.comment(id, { section, quote, body });
      return state(id);
    },
    'review.resolveComment': ({ id, commentId, answer }) => {
      review.resolveComment(commentId, answer);
      return state(id);
    },
    'review.dossier': async ({ id }) => {
      const d = await buildDossier(review, proposal(id));
      return { fileName: d.fileName, dataBase64: Buffer.from(d.data).toString('base64') };
    },
    'review.desk': () => review.desk(),
    'review.setDesk': (input) => review.setDesk(input.kind, input.name, input.kind === 'district' ? input.federationKey : undefined),
    'review.exportResults': ({ id }) => {
      const results = exportResults(review, id);
      const data = Buffer.from(JSON.stringify(results, null, 1), 'utf8');
      const fileName = `审核结果-${safeFileName(proposal(id).title)}.json`;
      return { fileName, dataBase64: data.toString('base64'), decisions: results.decisions.length, comments: results.comments.length };
    },
    'review.importResults': ({ dataBase64 }) => {
      const raw = parseResultsFile(dataBase64);
      const counts = importResults(lib.db, lib.proposals, review, raw);
      const id = (raw as { proposalId: string }).proposalId;
      return { proposalId: id, title: lib.proposals.get(id).title, ...counts };
    },
    'review.compare': ({ id, from, to }) => ({ from, to, ...compareProposals(review.revision(id, from).proposal, review.revision(id, to).proposal) }),
    'review.queue': () => {
      const packs = activePacks();
      const items = review.queue().map((q) => {
        const p = proposal(q.id);
        const findings = checkProposal(p, packsFor(packs, p.platforms)).flatMap((r) => r.findings);
        // Duplicates must be seen before approving: the closest proposal other than this one.
        const similar = lib.dedupe.similar(p, 2, DEFAULT_THRESHOLD).items.find((s) => s.id !== p.id) ?? null;
        return {
          ...q,
          errors: findings.filter((f) => f.severity === 'error').length,
          warnings: findings.filter((f) => f.severity === 'warning').length,
          similar: similar && { id: similar.id, title: similar.title, district: similar.district, score: similar.score },
        };
      });
      return { items };
    },
  };
}
