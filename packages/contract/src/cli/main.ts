import { parseArgs } from 'node:util';
import { createValidator, type ContractValidator } from '../contract/validator.js';
import { DEFAULT_MAX_DEPTH, depthProblem, parseBody } from '../contract/parse.js';
import { formatBytes, parseBytes } from './format.js';
import {
  clientAdapter,
  credentialsFromEnv,
  fetchAdapter,
  liveUnits,
  MISSING_CREDENTIALS_MESSAGE,
  type LiveQuery,
  type RawFetcher,
} from './live.js';
import {
  exitCodeFor,
  JsonReporter,
  streamOutput,
  TextReporter,
  type BodyResult,
  type Output,
  type Reporter,
} from './report.js';
import { readSource, type SourceOptions, type Unit } from './sources.js';

export const USAGE = `Usage:
  target-groups-contract check [options] FILE...     check response bodies (FILE "-" reads standard input)
  target-groups-contract check --live --base-url URL --user-id N [--user-id M ...] [options]

Each FILE is a JSON response body, an NDJSON file (one body per line) or a HAR capture (each call to
GET /v3/users/{userId}/targetGroups is checked against the schema of its HTTP status; other entries, such as a
browser's OPTIONS preflight, are counted as skipped).

Options:
  --format text|json           readable report grouped by JSON pointer (default), or one JSON entry per body
  --status N                   HTTP status of JSON and NDJSON bodies (default 200)
  --max-body-size SIZE         larger bodies are reported, not checked (default 16MiB)
  --max-har-size SIZE          larger HAR captures are reported, not checked (default 1GiB)
  --all-entries                check every HAR entry, not only GET calls to the operation (others are counted
                               as skipped in the summary)
  --quiet                      no progress on standard error
  --live                       call the API and check its answers:
    --base-url URL             e.g. https://eu.api.capillarytech.com
    --user-id N                repeatable
    --include-inactive, --include-inactive-targets, --target-rule-id N   query parameters
  Credentials for --live come from the environment: CAPILLARY_USERNAME and CAPILLARY_PASSWORD (Basic),
  or CAPILLARY_OAUTH_KEY and CAPILLARY_OAUTH_SECRET (OAuth), or CAPILLARY_TOKEN (OAuth access token).

Exit codes: 0 no errors (warnings allowed), 1 at least one error, 2 bad usage or an input that could not be checked.
`;

export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

class UsageError extends Error {}

const DEFAULT_MAX_BODY = 16 * 1024 * 1024;
const DEFAULT_MAX_HAR = 1024 * 1024 * 1024;

interface CheckCommand {
  files: string[];
  format: 'text' | 'json';
  status: number;
  maxBodyBytes: number;
  maxHarBytes: number;
  allEntries: boolean;
  quiet: boolean;
  live?: { baseUrl: string; userIds: string[]; query: LiveQuery };
}

function parseCommand(argv: string[]): CheckCommand | 'help' | 'version' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        status: { type: 'string' },
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
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]!);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (values.version) return 'version';
  const [command, ...files] = positionals;
  if (command === undefined) throw new UsageError('missing command: check');
  if (command !== 'check') throw new UsageError(`unknown command '${command}' (the only command is check)`);

  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not '${format}'`);
  const status = values.status === undefined ? 200 : Number(values.status);
  if (!Number.isInteger(status) || status < 100 || status > 599)
    throw new UsageError(`--status must be an HTTP status code (100-599), not '${values.status}'`);
  const maxBodyBytes = values['max-body-size'] === undefined ? DEFAULT_MAX_BODY : parseBytes(values['max-body-size']);
  if (maxBodyBytes === undefined)
    throw new UsageError(`--max-body-size must be a size such as 16MiB, not '${values['max-body-size']}'`);
  const maxHarBytes = values['max-har-size'] === undefined ? DEFAULT_MAX_HAR : parseBytes(values['max-har-size']);
  if (maxHarBytes === undefined)
    throw new UsageError(`--max-har-size must be a size such as 1GiB, not '${values['max-har-size']}'`);

  const liveOnly = ['base-url', 'user-id', 'include-inactive', 'include-inactive-targets', 'target-rule-id'] as const;
  const command_: CheckCommand = {
    files,
    format,
    status,
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
    return command_;
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
  command_.live = { baseUrl: baseUrl.replace(/\/+$/, ''), userIds, query };
  return command_;
}

function operationMatcher(templates: readonly string[]): (url: string) => boolean {
  const patterns = templates.map((template) => {
    const escaped = template
      .split(/\{[^}]+\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]+')
      // The connected-orgs variant serves the same answer under a minor version (/v3.1/...).
      .replace(/\/v(\d+)\//, '/v$1(?:\\.\\d+)?/');
    return new RegExp(`${escaped}/?$`);
  });
  return (url) => {
    let path = url;
    try {
      path = new URL(url).pathname;
    } catch {
      path = url.split(/[?#]/)[0] ?? url;
    }
    return patterns.some((re) => re.test(path));
  };
}

function checkUnit(validator: ContractValidator, unit: Exclude<Unit, { kind: 'skipped' }>): BodyResult {
  if (unit.kind === 'problem') return { name: unit.name, checked: false, violations: [], problem: unit.message };
  const parsed = parseBody(unit.text, DEFAULT_MAX_DEPTH, { checkDepth: false });
  if (!parsed.ok)
    return {
      name: unit.name,
      checked: false,
      violations: [],
      problem: unit.note ? `${unit.note}; ${parsed.message}` : parsed.message,
    };
  const violations = validator.validate(parsed.value, unit.status);
  // Nesting is measured only for bodies that already fail: a conforming body's depth is bounded by the schema's.
  if (violations.length > 0) {
    const deep = depthProblem(unit.text, DEFAULT_MAX_DEPTH);
    if (deep) return { name: unit.name, checked: false, violations: [], problem: deep };
  }
  const result: BodyResult = { name: unit.name, checked: true, violations };
  if (unit.note !== undefined) result.problem = unit.note;
  return result;
}

function progress(io: Io, enabled: boolean): { tick(name: string): void; stop(): void } {
  if (!enabled || !io.stderr.isTTY) return { tick() {}, stop() {} };
  let count = 0;
  let current = '';
  const timer = setInterval(() => io.stderr.write(`\r\x1b[Kchecked ${count} bodies (${current})`), 250);
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

async function run(command: CheckCommand, io: Io): Promise<number> {
  const validator = createValidator();
  const out: Output = streamOutput(io.stdout);
  const label = `GET ${validator.pathTemplates[0] ?? '(operation)'}`;
  const sourceOptions: SourceOptions = {
    status: command.status,
    maxBodyBytes: command.maxBodyBytes,
    maxHarBytes: command.maxHarBytes,
    isOperationUrl: operationMatcher(validator.pathTemplates),
    allEntries: command.allEntries,
    operationLabel: label,
  };
  let units: AsyncIterable<Unit[]>[];
  let heading: string;
  if (command.live) {
    const credentials = credentialsFromEnv(io.env);
    if (!credentials) {
      io.stderr.write(`target-groups-contract: ${MISSING_CREDENTIALS_MESSAGE}\n`);
      return 2;
    }
    const { baseUrl, userIds, query } = command.live;
    const fetcher: RawFetcher = (await clientAdapter(baseUrl, credentials)) ?? fetchAdapter(baseUrl, credentials);
    units = [liveUnits(fetcher, baseUrl, userIds, query)];
    heading = `Contract check of ${label} against ${baseUrl} (${credentials.type} credentials, via ${fetcher.via}): ${userIds.length} request${userIds.length === 1 ? '' : 's'}`;
  } else {
    const parse = (text: string) => parseBody(text, DEFAULT_MAX_DEPTH, { checkDepth: false });
    units = command.files.map((file) => readSource(file, sourceOptions, parse));
    heading = `Contract check of ${label}: ${command.files.length} input${command.files.length === 1 ? '' : 's'} (body size limit ${formatBytes(command.maxBodyBytes)})`;
  }
  const reporter: Reporter = command.format === 'json' ? new JsonReporter(out) : new TextReporter(out, heading);
  const totals = reporter.totals;
  const meter = progress(io, !command.quiet);
  try {
    for (const source of units) {
      for await (const batch of source) {
        for (const unit of batch) {
          if (unit.kind === 'skipped') {
            reporter.skip(unit.name, unit.count, unit.reason);
            continue;
          }
          const pending = reporter.add(checkUnit(validator, unit));
          if (pending) await pending;
          meter.tick(unit.name);
        }
      }
    }
  } finally {
    meter.stop();
  }
  const code = exitCodeFor(totals);
  await reporter.finish(code);
  return code;
}

/** Runs the CLI; resolves to the exit code. Never throws: unexpected failures are one line on stderr and exit 2. */
export async function main(argv: string[], io: Io): Promise<number> {
  let command: ReturnType<typeof parseCommand>;
  try {
    command = parseCommand(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`target-groups-contract: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  if (command === 'help') {
    io.stdout.write(USAGE);
    return 0;
  }
  if (command === 'version') {
    io.stdout.write(`${PACKAGE_VERSION}\n`);
    return 0;
  }
  try {
    return await run(command, io);
  } catch (error) {
    io.stderr.write(
      `target-groups-contract: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 2;
  }
}

declare const __PACKAGE_VERSION__: string | undefined;
const PACKAGE_VERSION = typeof __PACKAGE_VERSION__ === 'string' ? __PACKAGE_VERSION__ : '0.0.0-dev';
