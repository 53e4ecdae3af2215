/** `target-groups-contract check`: checks response bodies (files, standard input or the live API) against the contract. */
import path from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { parseCommandArgs, statusOption } from '../../cli/args.js';
import { formatBytes, parseBytes } from '../../cli/format.js';
import {
  clientFetcher,
  credentialsFromEnv,
  liveExitCode,
  liveUnits,
  MISSING_CREDENTIALS_MESSAGE,
  DATA_SCOPES,
  type LiveQuery,
  type RawFetcher,
} from '../../cli/live.js';
import { escapeControl } from '../../cli/escape.js';
import { BUILT_IN_CONTRACT, PACKAGE_VERSION } from '../../cli/version.js';
import { type Io, UsageError, write } from '../../cli/io.js';
import { checkBody } from '../../check/checkBody.js';
import { readInput } from '../../check/input-formats/index.js';
import { shownUrl } from '../../check/input-formats/shownUrl.js';
import { DEFAULT_MAX_BODY, DEFAULT_MAX_HAR, operationFor, sourceOptionsFor } from '../../check/operation.js';
import { DriftReport, exitCodeFor } from '../../check/report/aggregate.js';
import { isReportFormat, REPORT_FORMATS, type ReportFormat, type ReportWriter } from '../../check/report/index.js';
import { ViolationLocator } from '../../check/report/locations.js';
import { streamOutput } from '../../check/report/output.js';
import type { Unit } from '../../check/units.js';
import { createValidator, type ContractValidator } from '@target-groups/validator';
import { InputError, type SpecSource } from '../../spec/specInput.js';
import { CoverageCollector, CoverageWriter } from './coverage.js';

export const CHECK_USAGE = `  target-groups-contract check [options] FILE...     check response bodies (FILE "-" reads standard input)
  target-groups-contract check --live --base-url URL --user-id N [--user-id M ...] [options]

Each FILE is a JSON response body, an NDJSON file (one body per line) or a HAR capture (each call to an
operation of the spec, matched by method and path template, is checked against the schema of its operation and
HTTP status; other entries, such as a browser's OPTIONS preflight, and 304 answers without a body are counted as
skipped).

Options:
  --spec PATH                  the OpenAPI document to check against (default: the contract this CLI was built with)
  --format text|json|sarif     readable report grouped by JSON pointer, naming the spec line to edit (default); one
                               JSON entry per body; or SARIF 2.1.0, each result at the spec line to edit
  --coverage                   what the bodies exercised of the contract (properties, null and absent branches,
                               enum values, statuses), what they never did, and which named examples show what no
                               body showed (text, or --format json)
  --status N                   HTTP status of JSON and NDJSON bodies (default 200)
  --operation ID               the operation (operationId) JSON and NDJSON bodies answer (default: the spec's first)
  --max-body-size SIZE         larger bodies are reported, not checked (default 16MiB)
  --max-har-size SIZE          a HAR capture is read up to this size; later entries are reported, not checked
                               (default 1GiB)
  --all-entries                check every HAR entry, not only GET calls to the operation (others are counted
                               as skipped in the summary)
  --quiet                      no progress on standard error
  --live                       call the API and check its answers:
    --base-url URL             e.g. https://eu.api.capillarytech.com
    --user-id N                repeatable
    --include-inactive, --include-inactive-targets, --target-rule-id N   query parameters
    --data-scope SELF|OTHER|ALL  call the connected-orgs path (v3.1) with this DATA-SCOPE
    --data-scope-org N         repeatable, with --data-scope OTHER: the child org ids sent as DATA-SCOPE-ORG
  Credentials for --live come from the environment: CAPILLARY_USERNAME and CAPILLARY_PASSWORD (Basic),
  or CAPILLARY_OAUTH_KEY and CAPILLARY_OAUTH_SECRET (OAuth), or CAPILLARY_TOKEN (OAuth access token).

Exit codes: 0 no errors (warnings allowed), 1 at least one error (even when some input could not be checked),
2 bad usage, a spec that cannot be read, or an input that could not be checked (and no error found),
3 (--live) the API answered with a redirect, refused: credentials are sent to the --base-url origin only.
`;

/** The spec file as reports name the built-in contract. */
const BUILT_IN_SPEC_FILE = 'spec/targetGroups.yaml';
/** Past this share of the heap limit the check stops reading and reports what it has, instead of dying without one. */
const HEAP_STOP_RATIO = 0.85;

interface CheckOptions {
  files: string[];
  spec: string | undefined;
  format: ReportFormat;
  coverage: boolean;
  status: number;
  operation: string | undefined;
  maxBodyBytes: number;
  maxHarBytes: number;
  allEntries: boolean;
  quiet: boolean;
  live?: { baseUrl: string; userIds: string[]; query: LiveQuery };
}

function parseCheckArgs(argv: string[]): CheckOptions {
  const { values, positionals: files } = parseCommandArgs(argv, {
    spec: { type: 'string' },
    format: { type: 'string' },
    coverage: { type: 'boolean' },
    status: { type: 'string' },
    operation: { type: 'string' },
    'max-body-size': { type: 'string' },
    'max-har-size': { type: 'string' },
    'all-entries': { type: 'boolean' },
    quiet: { type: 'boolean' },
    live: { type: 'boolean' },
    'base-url': { type: 'string' },
    'user-id': { type: 'string', multiple: true },
    'include-inactive': { type: 'boolean' },
    'include-inactive-targets': { type: 'boolean' },
    'target-rule-id': { type: 'string' },
    'data-scope': { type: 'string' },
    'data-scope-org': { type: 'string', multiple: true },
  });
  const format = values.format ?? 'text';
  if (!isReportFormat(format)) throw new UsageError(`--format must be text, json or sarif, not '${format}'`);
  if (format === 'sarif' && values.coverage) throw new UsageError('--coverage is not part of a SARIF report');
  const status = statusOption(values.status);
  const maxBodyBytes = values['max-body-size'] === undefined ? DEFAULT_MAX_BODY : parseBytes(values['max-body-size']);
  if (maxBodyBytes === undefined)
    throw new UsageError(`--max-body-size must be a size such as 16MiB, not '${values['max-body-size']}'`);
  const maxHarBytes = values['max-har-size'] === undefined ? DEFAULT_MAX_HAR : parseBytes(values['max-har-size']);
  if (maxHarBytes === undefined)
    throw new UsageError(`--max-har-size must be a size such as 1GiB, not '${values['max-har-size']}'`);
  if (values.spec === '') throw new UsageError('--spec needs a PATH');

  const liveOnly = [
    'base-url',
    'user-id',
    'include-inactive',
    'include-inactive-targets',
    'target-rule-id',
    'data-scope',
    'data-scope-org',
  ] as const;
  const options: CheckOptions = {
    files,
    spec: values.spec,
    format,
    coverage: values.coverage ?? false,
    status,
    operation: values.operation,
    maxBodyBytes,
    maxHarBytes,
    allEntries: values['all-entries'] ?? false,
    quiet: values.quiet ?? false,
  };
  if (!values.live) {
    const stray = liveOnly.find((name) => values[name] !== undefined);
    if (stray) throw new UsageError(`--${stray} only applies with --live`);
    if (files.length === 0) throw new UsageError('check needs at least one FILE (or - for standard input), or --live');
    if (files.filter((f) => f === '-').length > 1) throw new UsageError('standard input (-) can be read only once');
    return options;
  }
  if (files.length > 0) throw new UsageError('--live checks the API; do not pass files with it');
  const baseUrl = values['base-url'];
  if (!baseUrl) throw new UsageError('--live needs --base-url URL');
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new UsageError(`--base-url is not a URL: '${baseUrl}'`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UsageError(`--base-url must be http(s), not '${url.protocol}'`);
  const userIds = values['user-id'] ?? [];
  if (userIds.length === 0) throw new UsageError('--live needs at least one --user-id N');
  const badId = userIds.find((id) => !/^[1-9]\d{0,18}$/.test(id));
  if (badId !== undefined)
    throw new UsageError(`--user-id must be a positive integer (a 64-bit user id), not '${badId}'`);
  const ruleId = values['target-rule-id'];
  if (ruleId !== undefined && !(/^-?\d+$/.test(ruleId) && Number.isSafeInteger(Number(ruleId)))) {
    throw new UsageError(`--target-rule-id must be an integer, not '${ruleId}'`);
  }
  const query: LiveQuery = {};
  if (values['include-inactive']) query.includeInactive = true;
  if (values['include-inactive-targets']) query.includeInactiveTargets = true;
  if (ruleId !== undefined) query.targetRuleId = ruleId;
  Object.assign(query, dataScopeOption(values['data-scope'], values['data-scope-org']));
  options.live = { baseUrl: baseUrl.replace(/\/+$/, ''), userIds, query };
  return options;
}

function progress(io: Io, enabled: boolean): { tick(name: string): void; stop(): void } {
  if (!enabled || !io.stderr.isTTY) return { tick() {}, stop() {} };
  let count = 0;
  let current = '';
  const timer = setInterval(() => io.stderr.write(`\r\x1b[Kchecked ${count} bodies (${escapeControl(current)})`), 250);
  timer.unref();
  return {
    tick(name) {
      count++;
      current = name;
    },
    stop() {
      clearInterval(timer);
      io.stderr.write('\r\x1b[K');
    },
  };
}

/** The contract to check against: its validator, and the spec as the reader reads it (operations, lines). */
export interface Contract {
  validator: ContractValidator;
  spec: SpecSource;
  /** The spec file as reports name it. */
  file: string;
  /** Which contract the file is, where its name alone does not say (the built-in one). */
  origin: string | undefined;
}

/** `--spec PATH` (read by the spec reader, bundled into this CLI), or the built-in contract. */
export async function contractFor(specPath: string | undefined, cwd: string): Promise<Contract> {
  if (specPath === undefined) {
    const { builtInSpec } = await import('../../spec/specInput.js');
    // The built-in contract's validator is the one compiled at build time; its text is read for the operations.
    const spec = await builtInSpec();
    return { validator: createValidator(), spec, file: BUILT_IN_SPEC_FILE, origin: BUILT_IN_CONTRACT };
  }
  const { loadSpec, SpecReadError } = await import('@target-groups/spec');
  try {
    const spec: SpecSource = { ...(await loadSpec(path.resolve(cwd, specPath))), label: specPath };
    return { validator: createValidator(spec), spec, file: specPath, origin: undefined };
  } catch (error) {
    // The reader's message names the file; the validator's says what in the document it cannot use.
    if (error instanceof SpecReadError) throw new InputError(`--spec: ${error.message}`);
    throw error;
  }
}

function heapNearlyFull(): string | undefined {
  const heap = getHeapStatistics();
  if (heap.used_heap_size < heap.heap_size_limit * HEAP_STOP_RATIO) return undefined;
  return `stopped reading: the heap is nearly full (${formatBytes(heap.used_heap_size)} of ${formatBytes(heap.heap_size_limit)}); the rest of this input was not checked`;
}

async function runCheck(command: CheckOptions, io: Io): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  let contract: Contract;
  let sourceOptions: ReturnType<typeof sourceOptionsFor>;
  try {
    contract = await contractFor(command.spec, cwd);
    sourceOptions = sourceOptionsFor(contract.spec, operationFor(contract.spec, command.operation), command);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    io.stderr.write(`target-groups-contract: ${escapeControl(error.message)}\n`);
    return 2;
  }
  const { validator, spec } = contract;
  const out = streamOutput(io.stdout);
  // The operation bare bodies answer; captured calls are each matched to their own, which the spec may have more of.
  const main = operationFor(spec, command.operation);
  const others = spec.operations.length - 1;
  const label = `${main.method.toUpperCase()} ${main.path}${others > 0 ? ` (and ${others} other operation${others === 1 ? '' : 's'} of the spec, for captured calls)` : ''}`;
  const against =
    command.spec === undefined
      ? ` against the ${BUILT_IN_CONTRACT} (${BUILT_IN_SPEC_FILE}; \`target-groups-contract spec\` prints it)`
      : ` against ${command.spec}`;
  let units: { name: string; batches: AsyncIterable<Unit[]> }[];
  let heading: string;
  let fetcher: RawFetcher | undefined;
  if (command.live) {
    const credentials = credentialsFromEnv(io.env);
    if (!credentials) {
      io.stderr.write(`target-groups-contract: ${MISSING_CREDENTIALS_MESSAGE}\n`);
      return 2;
    }
    const { baseUrl, userIds, query } = command.live;
    fetcher = clientFetcher(baseUrl, credentials, { maxResponseBytes: command.maxBodyBytes });
    // Reports name the API without the user info a URL may carry (the client refuses such a URL anyway).
    const shownBase = shownUrl(baseUrl, new Set());
    const operationOf = (method: string, url: string) => spec.match(method, url)?.operation.id;
    units = [{ name: shownBase, batches: liveUnits(fetcher, shownBase, userIds, query, operationOf) }];
    heading = `Contract check of ${label}${against} against ${shownBase} (${credentials.type} credentials, via ${fetcher.via}): ${userIds.length} request${userIds.length === 1 ? '' : 's'}`;
  } else {
    units = command.files.map((file) => ({
      name: file === '-' ? '<stdin>' : file,
      batches: readInput(file, sourceOptions, cwd),
    }));
    heading = `Contract check of ${label}${against}: ${command.files.length} input${command.files.length === 1 ? '' : 's'} (body size limit ${formatBytes(command.maxBodyBytes)})`;
  }
  let writer: ReportWriter;
  if (command.coverage) {
    writer = new CoverageWriter(new CoverageCollector(spec), out, command.format === 'json' ? 'json' : 'text');
  } else {
    const locator = new ViolationLocator(spec, contract.file, contract.origin);
    writer = REPORT_FORMATS[command.format]({
      out,
      heading,
      specFile: contract.file,
      specOrigin: contract.origin,
      version: PACKAGE_VERSION,
      locator,
    });
  }
  const report = new DriftReport();
  const meter = progress(io, !command.quiet);
  let sinceHeapCheck = 0;
  try {
    for (const source of units) {
      for await (const batch of source.batches) {
        for (const unit of batch) {
          if (unit.kind === 'skipped') {
            report.skip(unit.name, unit.count, unit.reason);
            continue;
          }
          const result = checkBody(validator, unit);
          report.add(result);
          const pending = writer.add(result);
          if (pending) await pending;
          meter.tick(unit.name);
        }
        if (++sinceHeapCheck >= 16) {
          sinceHeapCheck = 0;
          const full = heapNearlyFull();
          if (full) {
            report.add(checkBody(validator, { kind: 'problem', name: source.name, message: full }));
            break;
          }
        }
      }
    }
  } finally {
    meter.stop();
  }
  const code = liveExitCode(fetcher, exitCodeFor(report.totals));
  await writer.finish(report, code);
  // SARIF and coverage reports have no place for inputs that could not be checked: one line each on stderr.
  if (command.coverage || command.format === 'sarif') {
    for (const p of report.problems)
      await write(io.stderr, `target-groups-contract check: ${escapeControl(`${p.name}: ${p.message}`)}\n`);
    const more = report.totals.problems - report.problems.length;
    if (more > 0) await write(io.stderr, `target-groups-contract check: ... and ${more} more inputs not checked\n`);
  }
  return code;
}

export const check = {
  usage: CHECK_USAGE,
  async run(argv: string[], io: Io): Promise<number> {
    return runCheck(parseCheckArgs(argv), io);
  },
};

/**
 * `--data-scope` and `--data-scope-org` as the client's options. The forms are checked here; the rules that combine
 * them (OTHER needs one or two orgs, orgs go with OTHER only) are the client's, which refuses a call that breaks one.
 */
function dataScopeOption(
  scope: string | undefined,
  orgs: string[] | undefined,
): Pick<LiveQuery, 'dataScope' | 'dataScopeOrgs'> {
  if (scope === undefined) {
    if (orgs !== undefined) throw new UsageError('--data-scope-org goes with --data-scope OTHER');
    return {};
  }
  if (!DATA_SCOPES.includes(scope as (typeof DATA_SCOPES)[number]))
    throw new UsageError(`--data-scope must be SELF, OTHER or ALL, not '${scope}'`);
  const badOrg = orgs?.find((org) => !/^[1-9]\d{0,15}$/.test(org) || !Number.isSafeInteger(Number(org)));
  if (badOrg !== undefined) throw new UsageError(`--data-scope-org must be a positive integer org id, not '${badOrg}'`);
  return { dataScope: scope as (typeof DATA_SCOPES)[number], ...(orgs && { dataScopeOrgs: orgs.map(Number) }) };
}
