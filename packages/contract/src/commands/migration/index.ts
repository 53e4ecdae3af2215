/** `target-groups-contract migration [--spec PATH] [--format text|json|markdown] [INPUT...]`: see README.md here. */
import { parseCommandArgs, statusOption } from '../../cli/args.js';
import { escapeControl } from '../../cli/escape.js';
import { parseBytes } from '../../cli/format.js';
import { type Io, UsageError, write } from '../../cli/io.js';
import { checkBody } from '../../check/checkBody.js';
import { readInput } from '../../check/input-formats/index.js';
import { DEFAULT_MAX_BODY, DEFAULT_MAX_HAR, operationFor, sourceOptionsFor } from '../../check/operation.js';
import { InputError } from '../../spec/specInput.js';
import { contractFor } from '../check/index.js';
import { exitCodeOf, type MigrationReport, migrationReport, ReceivedFields } from './fields.js';
import { MIGRATION_FORMATS, MIGRATION_RENDERERS, type MigrationFormat } from './report.js';

export const MIGRATION_USAGE = `  target-groups-contract migration [options] [INPUT...]

Without INPUT, prints the migration map of the contract: every field of its responses, the field of the API that
replaces it (x-replaced-by) or none, and the migration note. With INPUT (read as check reads it: JSON bodies,
NDJSON, HAR captures, - for standard input), lists the fields the bodies carried that have no documented
equivalent, most often non-empty first (non-empty: present, not null, not '', [] or {}), then the fields they
carried that have one.

Options:
  --spec PATH                    the retiring spec, whose x-replaced-by its references resolve beside it
                                 (default: the contract this CLI was built with; its references are not resolved)
  --format text|json|markdown    readable report (default), one JSON document, or Markdown tables
  --status N                     HTTP status of JSON and NDJSON bodies (default 200)
  --operation ID                 the operation JSON and NDJSON bodies answer (default: the spec's first)
  --max-body-size SIZE           larger bodies are reported, not read (default 16MiB)
  --max-har-size SIZE            a HAR capture is read up to this size (default 1GiB)
  --all-entries                  read every HAR entry, not only calls to an operation of the spec

Exit codes: 0 nothing without an equivalent was carried (or, without INPUT, the map is complete), 1 the bodies
carried at least one field without a documented equivalent, 2 bad usage, a spec that cannot be read or maps none
of its fields, or an input that could not be read (and nothing of 1 found), 3 the map is broken: a property of
the spec has no (well-formed) entry, or a reference names nothing (3 even when the bodies carried such fields or
an input could not be read).
`;

interface Options {
  spec: string | undefined;
  format: MigrationFormat;
  status: number;
  operation: string | undefined;
  maxBodyBytes: number;
  maxHarBytes: number;
  allEntries: boolean;
  inputs: string[];
}

function parse(argv: string[]): Options | 'help' {
  const { values, positionals } = parseCommandArgs(argv, {
    spec: { type: 'string' },
    format: { type: 'string' },
    status: { type: 'string' },
    operation: { type: 'string' },
    'max-body-size': { type: 'string' },
    'max-har-size': { type: 'string' },
    'all-entries': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  const format = values.format ?? 'text';
  if (!(MIGRATION_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format must be text, json or markdown, not '${format}'`);
  if (values.spec === '') throw new UsageError('--spec needs a PATH');
  const size = (name: 'max-body-size' | 'max-har-size', fallback: number, example: string) => {
    const text = values[name];
    const bytes = text === undefined ? fallback : parseBytes(text);
    if (bytes === undefined) throw new UsageError(`--${name} must be a size such as ${example}, not '${text}'`);
    return bytes;
  };
  if (positionals.filter((f) => f === '-').length > 1) throw new UsageError('standard input (-) can be read only once');
  const trafficOnly = ['status', 'operation', 'max-body-size', 'max-har-size', 'all-entries'] as const;
  const stray = positionals.length === 0 ? trafficOnly.find((name) => values[name] !== undefined) : undefined;
  if (stray) throw new UsageError(`--${stray} applies to INPUT bodies; none given`);
  return {
    spec: values.spec,
    format: format as MigrationFormat,
    status: statusOption(values.status),
    operation: values.operation,
    maxBodyBytes: size('max-body-size', DEFAULT_MAX_BODY, '16MiB'),
    maxHarBytes: size('max-har-size', DEFAULT_MAX_HAR, '1GiB'),
    allEntries: values['all-entries'] ?? false,
    inputs: positionals,
  };
}

async function runMigration(command: Options, io: Io): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const { migrationMapOf, REPLACED_BY } = await import('@target-groups/spec');
  const contract = await contractFor(command.spec, cwd);
  const { spec, validator } = contract;
  // The built-in contract is text without the replacing spec beside it: its references are taken as written.
  const map = migrationMapOf(spec, command.spec === undefined ? false : undefined);
  // A spec that maps none of its fields is not a retiring contract (the replacing one, say): nothing to report.
  if (map.entries.length === 0)
    throw new InputError(`${contract.file} carries no migration map (no ${REPLACED_BY} on any response property)`);
  let received: ReceivedFields | undefined;
  const inputs: Pick<MigrationReport, 'inputProblems' | 'skipped'> = { inputProblems: [], skipped: [] };
  if (command.inputs.length > 0) {
    received = new ReceivedFields(spec);
    const options = sourceOptionsFor(spec, operationFor(spec, command.operation), command);
    for (const input of command.inputs)
      for await (const batch of readInput(input, options, cwd))
        for (const unit of batch) {
          if (unit.kind === 'skipped') {
            inputs.skipped.push({ name: unit.name, count: unit.count, reason: unit.reason });
            continue;
          }
          // Read as check reads it (parsed, integers by their digits); conformance is check's to report.
          const result = checkBody(validator, unit);
          if (!result.checked || result.operationId === undefined || result.status === undefined)
            inputs.inputProblems.push({ name: result.name, message: result.problem ?? 'not read' });
          else received.add(result.value, result.status, result.operationId);
        }
  }
  const report = migrationReport({ file: contract.file, origin: contract.origin }, map, received, inputs);
  const code = exitCodeOf(report);
  await write(io.stdout, MIGRATION_RENDERERS[command.format](report, code));
  return code;
}

export async function run(argv: string[], io: Io): Promise<number> {
  try {
    const command = parse(argv);
    if (command === 'help') {
      await write(io.stdout, `Usage:\n${MIGRATION_USAGE}`);
      return 0;
    }
    return await runMigration(command, io);
  } catch (error) {
    const usage = error instanceof UsageError ? `\n\nUsage:\n${MIGRATION_USAGE}` : '\n';
    if (!(error instanceof UsageError || error instanceof InputError)) throw error;
    await write(io.stderr, `target-groups-contract migration: ${escapeControl(error.message)}${usage}`);
    return 2;
  }
}

export const migration = { usage: MIGRATION_USAGE, run };
