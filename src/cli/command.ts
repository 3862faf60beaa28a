import type { CliIo } from './io';

export interface Command {
  name: string;
  /** Full usage text for `shance NAME --help`. */
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/**
 * A line of `shance --help`. The command itself is imported only when it runs, so `shance list`
 * does not load the federation server, the exporters or the duplicate check before it can start.
 */
export interface CommandEntry {
  name: string;
  /** One line for `shance --help`. */
  summary: string;
  load(): Promise<Command>;
}
