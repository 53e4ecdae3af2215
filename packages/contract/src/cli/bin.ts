#!/usr/bin/env node
import { main } from './main.js';

// Whatever escapes is one line on stderr and exit code 2: a stack trace is not a report.
const fail = (error: unknown) => {
  process.stderr.write(
    `target-groups-contract: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(2);
};
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);
// A reader that goes away (`| head`) is not an error of the check: the report stops (see check/report/output.ts),
// the check goes on, and the exit code still says what it found.
let readerGone = false;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') readerGone = true;
  else fail(error);
});

const code = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
process.exitCode = code;
// Let buffered output reach a pipe before exiting; open keep-alive sockets must not hold the process.
if (readerGone || process.stdout.destroyed) process.exit(code);
process.stdout.write('', () => process.exit(code));
