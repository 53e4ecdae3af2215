/**
 * `check --coverage` and `check --format sarif`: the check's findings as SARIF 2.1.0, located at the spec line to
 * edit, and what the traffic exercised of the contract. Reads inputs and validates bodies with the check's own
 * functions; the plain `check` report stays in src/cli.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { operationMatcher } from '../../cli/main.js';
import { readSource, type SourceOptions } from '../../cli/sources.js';
import { DEFAULT_MAX_DEPTH, parseBody } from '../../parse.js';
import { sarifLog } from '../../report/sarif.js';
import type { Violation } from '../../types.js';
import { createValidator } from '../../validator.js';
import { type CommandIo, UsageError, write } from '../io.js';
import { InputError, readSpecOption, SPEC_IN_REPO, type SpecSource } from '../specInput.js';
import { CoverageCollector, coverageText } from './coverage.js';
import { ViolationLocator } from './locations.js';

export const CHECK_EXTRAS_USAGE = `Usage:
  target-groups-contract check --format sarif [--spec PATH] [--status N] [--all-entries] FILE...
  target-groups-contract check --coverage [--format text|json] [--spec PATH] [--status N] [--all-entries] FILE...

--format sarif   the findings as SARIF 2.1.0, each result located at the spec line that declares the place
--coverage       which properties, null and absent branches, enum values and statuses the bodies exercised, which
                 they never did, and which named examples show what no body showed
Exit codes as check: 0 no errors, 1 at least one error, 2 bad usage or an input that could not be read.
`;

/** Whether `check` arguments ask for one of these reports (the CLI hands them here). */
export function wantsCheckExtras(argv: readonly string[]): boolean {
  if (argv[0] !== 'check') return false;
  return argv.some(
    (arg, i) => arg === '--coverage' || arg === '--format=sarif' || (arg === '--format' && argv[i + 1] === 'sarif'),
  );
}

declare const __PACKAGE_VERSION__: string | undefined;
const VERSION = typeof __PACKAGE_VERSION__ === 'string' ? __PACKAGE_VERSION__ : '0.0.0-dev';

export async function run(argv: string[], io: CommandIo): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        allowPositionals: true,
        strict: true,
        options: {
          format: { type: 'string' },
          coverage: { type: 'boolean' },
          spec: { type: 'string' },
          status: { type: 'string' },
          'all-entries': { type: 'boolean' },
          quiet: { type: 'boolean' },
        },
      });
    } catch (error) {
      throw new UsageError((error as Error).message.split('\n')[0]!);
    }
    const { values, positionals: files } = parsed;
    const format = values.format ?? 'text';
    if (!['text', 'json', 'sarif'].includes(format))
      throw new UsageError(`--format must be text, json or sarif, not '${format}'`);
    if (format === 'sarif' && values.coverage) throw new UsageError('--coverage is not part of a SARIF report');
    const status = values.status === undefined ? 200 : Number(values.status);
    if (!Number.isInteger(status) || status < 100 || status > 599)
      throw new UsageError(`--status must be an HTTP status code (100-599), not '${values.status}'`);
    if (files.length === 0) throw new UsageError('check needs at least one FILE (or - for standard input)');
    const spec = await specFor(values.spec, cwd);
    const validator = createValidator(spec.document);
    const options: SourceOptions = {
      status,
      maxBodyBytes: 16 * 1024 * 1024,
      maxHarBytes: 1024 * 1024 * 1024,
      isOperationUrl: operationMatcher(validator.pathTemplates),
      allEntries: values['all-entries'] ?? false,
      operationLabel: `GET ${validator.pathTemplates[0] ?? '(operation)'}`,
    };
    const parse = (text: string) => parseBody(text, DEFAULT_MAX_DEPTH, { checkDepth: false });
    const coverage = values.coverage ? new CoverageCollector(spec) : undefined;
    const checked: { name: string; status: number; violations: Violation[] }[] = [];
    const problems: string[] = [];
    for (const file of files) {
      for await (const batch of readSource(file === '-' ? file : path.resolve(cwd, file), options, parse)) {
        for (const unit of batch) {
          if (unit.kind === 'skipped') continue;
          const name = unit.name.startsWith(`${cwd}${path.sep}`) ? path.relative(cwd, unit.name) : unit.name;
          if (unit.kind === 'problem') {
            problems.push(`${name}: ${unit.message}`);
            continue;
          }
          const body = parse(unit.text);
          if (!body.ok) {
            problems.push(`${name}: ${body.message}`);
            continue;
          }
          const violations = validator.validate(body.value, unit.status);
          coverage?.add(body.value, unit.status);
          if (violations.length > 0) checked.push({ name, status: unit.status, violations });
        }
      }
    }
    const errors = checked.some((b) => b.violations.some((v) => v.severity === 'error'));
    const specFile = spec.path.startsWith(`${cwd}${path.sep}`) ? path.relative(cwd, spec.path) : SPEC_IN_REPO;
    if (format === 'sarif') {
      const locator = new ViolationLocator(spec, spec.text, specFile);
      const log = sarifLog(checked, (s, p) => locator.locate(s, p), { version: VERSION, specFile });
      await write(io.stdout, `${JSON.stringify(log, null, 2)}\n`);
    } else if (coverage) {
      const report = coverage.report();
      if (format === 'json') await write(io.stdout, `${JSON.stringify({ coverage: report, problems }, null, 2)}\n`);
      else {
        const failing = checked.filter((b) => b.violations.some((v) => v.severity === 'error')).length;
        await write(
          io.stdout,
          `Contract check: ${report.bodies} bodies, ${failing} with errors, ${checked.length - failing} with warnings only (run check without --coverage for the findings)\n${coverageText(report)}`,
        );
      }
    }
    for (const problem of problems) await write(io.stderr, `target-groups-contract check: ${problem}\n`);
    return problems.length > 0 ? 2 : errors ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      await write(io.stderr, `target-groups-contract check: ${error.message}\n\n${CHECK_EXTRAS_USAGE}`);
      return 2;
    }
    if (error instanceof InputError) {
      await write(io.stderr, `target-groups-contract check: ${error.message}\n`);
      return 2;
    }
    await write(io.stderr, `target-groups-contract check: internal error: ${(error as Error).message}\n`);
    return 2;
  }
}

/** `--spec PATH`, else the working tree's contract. */
function specFor(option: string | undefined, cwd: string): Promise<SpecSource> {
  return readSpecOption(option, cwd, 'check --coverage and --format sarif');
}
