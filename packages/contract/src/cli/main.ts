/** The CLI entry: global options, then one handler per subcommand (each in src/commands/NAME/, with its README). */
import { check } from '../commands/check/index.js';
import { diff } from '../commands/diff/index.js';
import { migration } from '../commands/migration/index.js';
import { propose } from '../commands/propose/index.js';
import { spec } from '../commands/spec.js';
import { escapeControl } from './escape.js';
import { type Io, UsageError } from './io.js';
import { PACKAGE_VERSION } from './version.js';

export type { Io } from './io.js';

export interface Subcommand {
  usage: string;
  run(argv: string[], io: Io): Promise<number>;
}

export const SUBCOMMANDS: Record<string, Subcommand> = { check, diff, migration, propose, spec };

export const USAGE = `Usage:
${Object.values(SUBCOMMANDS)
  .map((s) => s.usage)
  .join('\n')}`;

/** Runs the CLI; resolves to the exit code. Never throws: unexpected failures are one line on stderr and exit 2. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (name === '--version') {
    io.stdout.write(`${PACKAGE_VERSION}\n`);
    return 0;
  }
  try {
    if (name === undefined) throw new UsageError(`missing command: ${Object.keys(SUBCOMMANDS).join(', ')}`);
    const subcommand = Object.hasOwn(SUBCOMMANDS, name) ? SUBCOMMANDS[name] : undefined;
    if (!subcommand)
      throw new UsageError(`unknown command '${name}' (commands: ${Object.keys(SUBCOMMANDS).join(', ')})`);
    return await subcommand.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`target-groups-contract: ${escapeControl(error.message)}\n\n${USAGE}`);
      return 2;
    }
    io.stderr.write(
      `target-groups-contract: internal error: ${escapeControl(error instanceof Error ? error.message : String(error))}\n`,
    );
    return 2;
  }
}
