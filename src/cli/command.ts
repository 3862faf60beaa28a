import type { CliIo } from './io';

export interface Command {
  name: string;
  /** One line for `shance --help`. */
  summary: string;
  /** Full usage text for `shance NAME --help`. */
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}
