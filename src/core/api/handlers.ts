import { newProposal } from '../../shared/domain/factory';
import { APP_VERSION, type Library } from '../library/library';
import type { Handlers } from './dispatch';
import { bundleHandlers } from './bundleHandlers';
import { dedupeHandlers } from './dedupeHandlers';

/** What the handlers work on: the open library and the data folder. Features add what they need. */
export interface CoreContext {
  lib: Library;
  /** templates/: handbook, focus-area templates, platform rule packs. */
  templatesDir: string;
}

/** Every contract method, implemented over one open library. */
export function createHandlers(ctx: CoreContext): Handlers {
  const { lib } = ctx;
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
    ...dedupeHandlers(ctx),
  };
}
