import { newProposal } from '../../shared/domain/factory';
import { APP_VERSION } from '../library/library';
import type { CoreContext } from './context';
import type { Handlers } from './dispatch';
import { bundleHandlers } from './bundleHandlers';
import { exportHandlers } from './exportHandlers';
import { rulesHandlers } from './rulesHandlers';
import { exportRules } from '../export/rulePacks';
import { openCore } from '../openCore';
import { handbookHandlers } from './handbookHandlers';
import { dedupeHandlers } from './dedupeHandlers';
import { libraryHandlers } from './libraryHandlers';
import { jobHandlers } from './jobHandlers';
import { handbookBoilerplate } from '../handbook/boilerplate';
import { SyncService } from '../sync/service';
import { reviewHandlers } from './reviewHandlers';
import { statsHandlers } from './statsHandlers';
import { syncHandlers } from './syncHandlers';
import { goliveHandlers } from './goliveHandlers';

/** Every contract method, implemented over one open library. */
export function createHandlers(ctx: CoreContext): Handlers {
  const { lib } = ctx;
  // One store of rule-pack versions per library: the checklist, the library summaries and export
  // all see the same active versions. Likewise one handbook: the guide, the score and the duplicate
  // check's template text agree.
  const core = ctx.core ?? openCore(lib, ctx.templatesDir);
  const { rulePacks, handbook } = core;
  const sync = ctx.sync ?? new SyncService(lib, core);
  return {
    'app.info': () => ({ version: APP_VERSION, dbPath: lib.path, dbSchemaVersion: lib.schemaVersion }),

    'proposal.list': (q) => lib.proposals.list(q),
    'proposal.get': ({ id }) => lib.proposals.get(id),
    'proposal.create': (init) => lib.proposals.insert(newProposal(init)),
    'proposal.save': ({ proposal }) => lib.proposals.save(proposal),
    'proposal.delete': ({ id }) => lib.proposals.softDelete(id),
    'proposal.restore': ({ id }) => {
      lib.proposals.restore(id);
      return { id };
    },
    'proposal.revisions': ({ id }) => ({ items: lib.proposals.revisions(id) }),
    'proposal.revision': ({ id, rev }) => lib.proposals.revision(id, rev),

    'image.add': ({ fileName, dataBase64 }) => lib.images.add(Buffer.from(dataBase64, 'base64'), fileName),
    'image.get': ({ sha256 }) => {
      const img = lib.images.get(sha256);
      return { mime: img.mime, dataBase64: img.data.toString('base64') };
    },

    ...bundleHandlers(ctx),
    ...exportHandlers(ctx, exportRules(() => rulePacks.activePacks())),
    ...rulesHandlers(ctx, rulePacks),
    ...handbookHandlers(ctx, handbook),
    ...dedupeHandlers(ctx, handbookBoilerplate(handbook)),
    ...libraryHandlers(ctx),
    ...jobHandlers(ctx),
    ...syncHandlers(sync),
    ...goliveHandlers(ctx, rulePacks, sync),
    ...reviewHandlers(ctx, () => rulePacks.activePacks(), sync),
    ...statsHandlers(ctx, sync),
  };
}
