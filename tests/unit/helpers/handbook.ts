import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { packageToFiles, readHandbookFolder } from '../../../src/core/handbook/readPackage';
import type { HandbookPackage } from '../../../src/shared/handbook/schema';
import { tmpDir } from './tmp';

/** The shipped templates folder of the repository. */
export const SHIPPED_TEMPLATES = resolve(__dirname, '../../../templates');
export const SHIPPED_HANDBOOK = join(SHIPPED_TEMPLATES, 'handbook');

let shipped: HandbookPackage | null = null;
/** The shipped handbook, read once per test file. */
export function shippedHandbook(): HandbookPackage {
  return (shipped ??= readHandbookFolder(SHIPPED_HANDBOOK));
}

/** A templates folder holding a copy of the shipped handbook, for tests that edit files. */
export function copyTemplates(): string {
  const dir = join(tmpDir(), 'templates');
  cpSync(SHIPPED_HANDBOOK, join(dir, 'handbook'), { recursive: true });
  return dir;
}

/** Change one JSON file of a handbook folder in place. */
export function editJson(file: string, edit: (data: Record<string, unknown>) => void): void {
  const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  edit(data);
  writeFileSync(file, JSON.stringify(data, null, 2));
}

/** A package as a zip of its folder form, as a trainer would send it. */
export function zipPackage(pkg: HandbookPackage, edit?: (files: Map<string, string>) => void, prefix = 'handbook/'): Uint8Array {
  const files = packageToFiles(pkg);
  edit?.(files);
  const entries: Record<string, Uint8Array> = {};
  for (const [path, text] of files) entries[`${prefix}${path}`] = strToU8(text);
  return zipSync(entries);
}

/** The shipped package with a higher version, a change-log entry and whatever `change` does. */
export function revised(version: string, change: (pkg: HandbookPackage) => void = () => {}): HandbookPackage {
  const pkg = structuredClone(shippedHandbook());
  pkg.version = version;
  pkg.date = '2027-03-01';
  pkg.changelog = [{ version, date: '2027-03-01', summary: `测试修订 ${version}` }, ...pkg.changelog];
  change(pkg);
  return pkg;
}
