import { parseArgs, type ParseArgsConfig } from 'node:util';
import { Library } from '../core/library/library';
import { resolveDbPath } from '../core/paths';
import { AppError, isAppError } from '../shared/errors';
import { EXIT, type CliIo } from './io';

/** Options every command takes: --json output and --help (withParsedArgs answers both the same way). */
export const OUTPUT_OPTIONS = {
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** Options every library command takes. */
export const LIBRARY_OPTIONS = {
  db: { type: 'string' },
  ...OUTPUT_OPTIONS,
} as const satisfies NonNullable<ParseArgsConfig['options']>;

type Options = NonNullable<ParseArgsConfig['options']>;
export type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>>;

export function parse<O extends Options>(args: string[], options: O): Parsed<O> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    const code = (e as { code?: string }).code;
    // Node names the option as '--bogus' or as '-o, --out <value>': keep just the long name.
    const quoted = /'([^']+)'/.exec(e instanceof Error ? e.message : '')?.[1] ?? '';
    const option = /--[\w-]+/.exec(quoted)?.[0] ?? quoted;
    const what =
      code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
        ? `未知选项 ${option}`
        : code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
          ? `选项 ${option} 缺少取值或取值无效`
          : e instanceof Error
            ? e.message
            : String(e);
    throw new AppError('INVALID_INPUT', `参数错误：${what}。加 --help 查看用法。`);
  }
}

/**
 * The frame every command shares: parse the arguments, answer --help with the usage, run the body, and
 * report any error — a bad option included — the same way. A bad option is reported in JSON when the
 * raw arguments ask for --json, since the parsed flags do not exist yet.
 */
export async function withParsedArgs<O extends Options>(
  io: CliIo,
  args: string[],
  options: O,
  usage: string,
  body: (parsed: Parsed<O>) => Promise<number>,
): Promise<number> {
  let json = args.includes('--json');
  try {
    const parsed = parse(args, options);
    const flags = parsed.values as { json?: unknown; help?: unknown };
    json = flags.json === true;
    if (flags.help === true) return io.out(usage), EXIT.ok;
    return await body(parsed);
  } catch (e) {
    return reportError(io, e, json);
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
