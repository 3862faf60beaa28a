import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { LATEST_VERSION, MIGRATIONS } from '../../src/core/db/migrations';
import type { Migration } from '../../src/core/db/migrations/types';
import { SERVER_MIGRATIONS, SERVER_SCHEMA_VERSION } from '../../src/federation/db/migrations';

/** 1, 2, …, n: what a list of n versions must be, written out rather than derived from the list. */
const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

const DESKTOP_DIR = join(import.meta.dirname, '..', '..', 'src', 'core', 'db', 'migrations');

// Helpers adding migrations at the same time are renumbered at merge; these checks catch a step
// left out, two steps with one number, or a list out of order (a step would then never run).
describe('migration versions are contiguous and rising', () => {
  test('the desktop library: 1…n in order, the latest is the last', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(oneTo(MIGRATIONS.length));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
  });

  test('every desktop migration file is registered, under the number its file name gives', async () => {
    const files = readdirSync(DESKTOP_DIR).filter((f) => /^\d{3}-.+\.ts$/.test(f)).sort();
    expect(files.map((f) => Number(f.slice(0, 3)))).toEqual(oneTo(files.length));
    const registered = new Set<Migration>(MIGRATIONS);
    for (const file of files) {
      const exported = Object.values((await import(join(DESKTOP_DIR, file))) as Record<string, unknown>).filter(
        (v): v is Migration => typeof v === 'object' && v !== null && 'version' in v,
      );
      expect(exported.map((m) => m.version), file).toEqual([Number(file.slice(0, 3))]);
      expect(registered.has(exported[0]!), `${file} is in MIGRATIONS`).toBe(true);
    }
    expect(files).toHaveLength(MIGRATIONS.length);
  });

  test('the federation server: 1…n in order, the schema version is the last', () => {
    expect(SERVER_MIGRATIONS.map((m) => m.version)).toEqual(oneTo(SERVER_MIGRATIONS.length));
    expect(SERVER_SCHEMA_VERSION).toBe(SERVER_MIGRATIONS.length);
  });
});
