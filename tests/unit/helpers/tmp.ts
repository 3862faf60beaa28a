import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { Library } from '../../../src/core/library/library';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/** A fresh folder, removed after the test. */
export function tmpDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'shance-test-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A real library database file in a fresh folder, closed after the test. */
export function tmpLibrary(): Library {
  const lib = Library.open(join(tmpDir(), 'library.db'));
  cleanups.push(() => lib.close());
  return lib;
}
