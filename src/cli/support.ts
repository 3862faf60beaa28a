import { parseArgs, type ParseArgsConfig } from 'node:util';
import { Library, resolveDbPath } from '../core';
import { AppError, isAppError } from '../shared/errors';
import { EXIT, type CliIo } from './io';

/** Options every library command takes. */
export const LIBRARY_OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

type Options = NonNullable<ParseArgsConfig['options']>;
export type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>>;

export function parse<O extends Options>(args: string[], options: O): Parsed<O> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new AppError('INVALID_INPUT', `参数错误：${e instanceof Error ? e.message : String(e)}`);
  }
}

export function openLibrary(io: CliIo, dbFlag: string | undefined): Library {
  return Library.open(resolveDbPath({ flag: dbFlag, env: io.env }));
}

/** Print an error the way every command does, and pick the exit code. */
export function reportError(io: CliIo, e: unknown, json: boolean): number {
  const err = isAppError(e) ? e : new AppError('INTERNAL', e instanceof Error ? e.message : String(e));
  if (json) io.out(JSON.stringify({ error: err.toJSON() }));
  io.err(`错误：${err.message}`);
  for (const d of err.details) io.err(`  - ${d}`);
  return err.code === 'INTERNAL' ? EXIT.failed : err.code === 'CONFLICT' ? EXIT.failed : EXIT.badInput;
}
