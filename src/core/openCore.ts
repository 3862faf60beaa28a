import { HandbookService } from './handbook/service';
import type { Library } from './library/library';
import { shippedPacksDir } from './rules/load';
import { RulePackStore } from './rules/store';

/**
 * The services over one open library that several doors use: the rule-pack versions and the
 * handbook. Built here and nowhere else, so the handlers, the sync timer and the CLI read
 * templates/ the same way; a door that needs them twice (handlers and sync) builds them once and
 * shares them, so both see the same cached versions.
 */
export interface Core {
  lib: Library;
  /** templates/: handbook, focus-area templates, platform rule packs. */
  templatesDir: string;
  rulePacks: RulePackStore;
  handbook: HandbookService;
}

export function openCore(lib: Library, templatesDir: string): Core {
  return {
    lib,
    templatesDir,
    rulePacks: new RulePackStore(lib.db, shippedPacksDir(templatesDir)),
    handbook: HandbookService.forTemplates(templatesDir, lib.db),
  };
}
