import { processIo } from './io';
import { runCli } from './run';

// A reader that stops early (`shance list | head`) closes the pipe; like other Unix tools, the command
// then ends quietly instead of dying with an English stack trace about EPIPE.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await runCli(process.argv.slice(2), processIo);
