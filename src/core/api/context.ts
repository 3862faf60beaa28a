import type { Library } from '../library/library';
import type { Core } from '../openCore';
import type { RestoreOutcome } from '../db/restore';
import type { SyncService } from '../sync/service';

/**
 * What the handlers work on: the open library and the data folder. Features add what they need.
 * Its own module so each feature's handlers can name it without importing handlers.ts, which
 * imports them all.
 */
export interface CoreContext {
  lib: Library;
  /** templates/: handbook, focus-area templates, platform rule packs. */
  templatesDir: string;
  /** The workshop (培训模式) library file; by default library.workshop.db next to the library. */
  workshopPath?: string;
  /** The federation sync of this library, when the door runs a background timer over it (see core/sync/timer). */
  sync?: SyncService;
  /** openCore over `lib`, when the door built it already for its sync; else the handlers build it. */
  core?: Core;
  /** Restore a backup and reopen the library; only a door's LibrarySession can (see core/api/librarySession). */
  restoreBackup?: (fileName: string) => Promise<RestoreOutcome>;
}
