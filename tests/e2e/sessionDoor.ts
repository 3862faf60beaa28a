import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { defaultTemplatesDir, LibrarySession } from '../../src/core';
import { startBrowserDoor, type RunningDoor } from '../../src/server/browserDoor';
import { STATIC_DIR } from './fixtures';

export interface SessionDoor {
  door: RunningDoor;
  /** The library as a door holds it: restoring a backup reopens it, so read `session.lib` anew. */
  session: LibrarySession;
  dbPath: string;
  open(page: Page, hash?: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A browser door over a LibrarySession, as `npm run web` and the desktop app open the library (the
 * shared fixture opens a bare Library, which cannot restore). `prepare` may write the library file first.
 */
export async function startSessionDoor(prepare?: (dbPath: string) => void): Promise<SessionDoor> {
  const dir = mkdtempSync(join(tmpdir(), 'shance-e2e-'));
  const dbPath = join(dir, 'library.db');
  prepare?.(dbPath);
  const session = LibrarySession.open({ dbPath, templatesDir: defaultTemplatesDir() });
  const door = await startBrowserDoor({ dispatch: session.dispatch, staticDir: STATIC_DIR });
  return {
    door,
    session,
    dbPath,
    open: async (page, hash = '') => {
      await page.goto(door.url + hash);
    },
    stop: async () => {
      await door.close();
      session.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
