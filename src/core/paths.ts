import { fileURLToPath } from 'node:url';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * Where the CLI and the browser door keep the library: --db beats SHANCE_DB beats ~/.shance/library.db.
 * The desktop app passes its own userData folder as the fallback instead.
 */
export function resolveDbPath(opts: { flag?: string | undefined; env?: NodeJS.ProcessEnv; fallbackDir?: string } = {}): string {
  const env = opts.env ?? process.env;
  if (opts.flag) return resolve(opts.flag);
  if (env.SHANCE_DB) return resolve(env.SHANCE_DB);
  return join(opts.fallbackDir ?? join(homedir(), '.shance'), 'library.db');
}

/**
 * The data folder (handbook, templates, rule packs). From the sources (src/core) and from the built
 * main bundle (out/main) alike it is two levels up; the packaged app passes its resources folder.
 */
export function defaultTemplatesDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SHANCE_TEMPLATES) return resolve(env.SHANCE_TEMPLATES);
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'templates');
}
