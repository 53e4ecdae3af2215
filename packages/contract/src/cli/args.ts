import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './io.js';

/**
 * A subcommand's flags and operands, parsed strictly: an unknown flag or a missing value is a UsageError carrying
 * parseArgs' own first line (its later lines are hints for parseArgs' callers, not for our users).
 */
export function parseCommandArgs<const O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]!);
  }
}

/** `--status`: the HTTP status of the bodies read (200 when not given). */
export function statusOption(value: string | undefined): number {
  const status = value === undefined ? 200 : Number(value);
  if (!Number.isInteger(status) || status < 100 || status > 599)
    throw new UsageError(`--status must be an HTTP status code (100-599), not '${value}'`);
  return status;
}
