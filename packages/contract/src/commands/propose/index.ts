/** `target-groups-contract propose [--spec PATH] [--write] [--format text|json] INPUT...`: see README.md here. */
import path from 'node:path';
import { parseCommandArgs, statusOption } from '../../cli/args.js';
import { createTwoFilesPatch } from 'diff';
import { checkBody } from '../../check/checkBody.js';
import { readInput } from '../../check/input-formats/index.js';
import { sourceOptionsFor } from '../../check/operation.js';
import { createValidator } from '@target-groups/validator';
import { type Change, classify } from '../diff/classify.js';
import { subject } from '../diff/report.js';
import { type Io, UsageError, write } from '../../cli/io.js';
import { SpecLocator } from '../../spec/specLocator.js';
import { SchemaIndex } from '../../spec/schemaIndex.js';
import { InputError, readSpecOption, readSpecText, type SpecSource } from '../../spec/specInput.js';
import { emptyObservations, Observer } from './observe.js';
import { applyObservations, type EditRecord } from './proposal.js';
import { WriteError, writeFileAtomically } from './writeSpec.js';

export const PROPOSE_USAGE = `  target-groups-contract propose [--spec PATH] [--write] [--format text|json] [--status N] INPUT...

Reads response bodies as check does (JSON, NDJSON, HAR, - for standard input) and proposes the smallest edit of
the spec that makes every one of them valid: nullable where null was seen, required relaxed where a property was
absent, new enum values, new optional properties (schema inferred from the values, described with how often
they were seen), widened types. Edits go to the component schema that declares each place; the file's comments,
key order and formatting are kept. Prints a unified diff and the change list with each change's impact on
typed consumers (as diff classifies it).

  --spec PATH       the spec to edit (default: the working tree's spec/targetGroups.yaml)
  --write           write the proposal into the spec file (in one step: a temporary file renamed over it)
  --format json     { "changes": [ { "pointer", "change", "impact", "evidence", "message" } ], "diff" }
  --status N        HTTP status of JSON and NDJSON bodies (default 200)

Exit codes: 0 nothing to propose, 1 a proposal, 2 bad usage or input that could not be read,
3 the spec could not be written (it is unchanged).
`;

// Rounds of observe-and-edit: a type widened in one round can reveal what is inside the value in the next.
const MAX_ROUNDS = 3;
// Failing bodies kept in memory for the later rounds.
const KEEP_FAILING = 2000;

export interface ProposedChange extends Change {
  evidence: { count: number; bodies: string[] };
}

export interface ProposeResult {
  original: SpecSource;
  text: string;
  changes: ProposedChange[];
  bodies: number;
  /** Bodies that still do not conform to the proposal, with their first violation (propose cannot fix these). */
  unresolved: { name: string; message: string }[];
  /** Inputs that could not be read as bodies (unreadable files, malformed JSON). */
  problems: { name: string; message: string }[];
}

interface Options {
  spec: string | undefined;
  write: boolean;
  format: 'text' | 'json';
  status: number;
  inputs: string[];
}

function parse(argv: string[]): Options | 'help' {
  const { values, positionals } = parseCommandArgs(argv, {
    spec: { type: 'string' },
    write: { type: 'boolean' },
    format: { type: 'string' },
    status: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not '${format}'`);
  const status = statusOption(values.status);
  if (positionals.length === 0) throw new UsageError('propose needs at least one INPUT (or - for standard input)');
  if (positionals.filter((f) => f === '-').length > 1) throw new UsageError('standard input (-) can be read only once');
  return { spec: values.spec, write: values.write ?? false, format, status, inputs: positionals };
}

/** Reads every input and computes the proposal for `spec`. */
export async function proposeEdits(
  spec: SpecSource,
  inputs: string[],
  status = 200,
  /** How bodies are named in reports and in the descriptions of new properties (default: as the inputs are). */
  label: (name: string) => string = (name) => name,
): Promise<ProposeResult> {
  let validator = createValidator(spec.document, { dereferenced: spec.dereferenced });
  let observer = new Observer(new SchemaIndex(spec));
  const options = sourceOptionsFor(validator, { status });
  const failing: { name: string; status: number; value: unknown }[] = [];
  const problems: ProposeResult['problems'] = [];
  let bodies = 0;
  for (const input of inputs) {
    for await (const batch of readInput(input, options)) {
      for (const unit of batch) {
        if (unit.kind === 'skipped') continue;
        // The check's own reading of a body: parsed, validated, integers judged by their digits.
        const result = checkBody(validator, unit);
        const name = label(result.name);
        if (!result.checked) {
          problems.push({ name, message: result.problem ?? 'not checked' });
          continue;
        }
        bodies++;
        if (result.violations.length === 0) continue;
        observer.body(result.value, unit.kind === 'body' ? unit.status : status, name);
        if (failing.length < KEEP_FAILING)
          failing.push({ name, status: unit.kind === 'body' ? unit.status : status, value: result.value });
      }
    }
  }
  let text = spec.text;
  let current = spec;
  const edits: EditRecord[] = [];
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const o = observer.observations;
    if (o.nulls.size + o.absent.size + o.enumValues.size + o.newProperties.size + o.types.size === 0) break;
    const applied = applyObservations(text, o, bodies);
    edits.push(...applied.edits);
    text = applied.text;
    current = await readSpecText(text, spec.label, spec.path);
    validator = createValidator(current.document, { dereferenced: current.dereferenced });
    observer = new Observer(new SchemaIndex(current), emptyObservations());
    for (const body of failing) {
      if (validator.validate(body.value, body.status).length > 0) observer.body(body.value, body.status, body.name);
    }
  }
  const unresolved = failing.flatMap((body) => {
    const [first] = validator.validate(body.value, body.status);
    return first ? [{ name: body.name, message: `${first.pointer || '(root)'}: ${first.message}` }] : [];
  });
  const changes = text === spec.text ? [] : classify(spec, current).map((change) => withEvidence(change, edits));
  return { original: spec, text, changes, bodies, unresolved, problems };
}

function withEvidence(change: Change, edits: readonly EditRecord[]): ProposedChange {
  const related = edits.filter(
    (e) =>
      change.pointer === e.pointer ||
      change.pointer.startsWith(`${e.pointer}/`) ||
      e.pointer.startsWith(`${change.pointer}/`),
  );
  const bodies = [...new Set(related.flatMap((e) => e.evidence.bodies))].slice(0, 5);
  const count = related.reduce((n, e) => Math.max(n, e.evidence.count), 0);
  const closed = related.some((e) => e.closedEnum) ? ' (closed enum: review before accepting)' : '';
  return { ...change, message: `${change.message}${closed}`, evidence: { count, bodies } };
}

export async function run(argv: string[], io: Io): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  try {
    const options = parse(argv);
    if (options === 'help') {
      await write(io.stdout, `Usage:\n${PROPOSE_USAGE}`);
      return 0;
    }
    const spec = await readSpecOption(options.spec, cwd, 'propose');
    if (spec.label.startsWith('git:'))
      throw new InputError('propose edits a spec file; --spec git:REF cannot be written');
    const inputs = options.inputs.map((input) => (input === '-' ? input : path.resolve(cwd, input)));
    // Bodies are named by their path from the working directory (an absolute path would end up in the spec).
    const shown = (file: string) =>
      file.startsWith(`${cwd}${path.sep}`) ? path.relative(cwd, file) : path.basename(file);
    const label = (name: string) => {
      const input = inputs.find((i) => name === i || name.startsWith(`${i}:`) || name.startsWith(`${i}#`));
      return input && input !== '-' ? shown(input) + name.slice(input.length) : name;
    };
    const result = await proposeEdits(spec, inputs, options.status, label);
    if (result.problems.length > 0 && result.bodies === 0) {
      await write(
        io.stderr,
        result.problems.map((p) => `target-groups-contract propose: ${p.name}: ${p.message}\n`).join(''),
      );
      return 2;
    }
    const file = spec.path.startsWith(`${cwd}${path.sep}`) ? path.relative(cwd, spec.path) : spec.path;
    const patch =
      result.text === spec.text
        ? ''
        : createTwoFilesPatch(
            path.isAbsolute(file) ? file : `a/${file}`,
            path.isAbsolute(file) ? file : `b/${file}`,
            spec.text,
            result.text,
            '',
            '',
            { context: 3 },
          );
    if (options.write && patch !== '') writeFileAtomically(spec.path, result.text);
    if (options.format === 'json') {
      await write(
        io.stdout,
        `${JSON.stringify({ changes: result.changes, diff: patch, unresolved: result.unresolved, problems: result.problems }, null, 2)}\n`,
      );
    } else {
      await write(io.stdout, textReport(result, patch, file, options.write));
    }
    return patch === '' ? 0 : 1;
  } catch (error) {
    const prefix = 'target-groups-contract propose';
    if (error instanceof UsageError) {
      await write(io.stderr, `${prefix}: ${error.message}\n\nUsage:\n${PROPOSE_USAGE}`);
      return 2;
    }
    if (error instanceof InputError) {
      await write(io.stderr, `${prefix}: ${error.message}\n`);
      return 2;
    }
    if (error instanceof WriteError) {
      await write(io.stderr, `${prefix}: ${error.message}\n`);
      return 3;
    }
    await write(io.stderr, `${prefix}: internal error: ${(error as Error).message}\n`);
    return 2;
  }
}

function textReport(result: ProposeResult, patch: string, file: string, written: boolean): string {
  const out: string[] = [];
  if (patch === '') out.push(`Nothing to propose: all ${result.bodies} bodies conform to ${file}.`);
  else {
    if (!written) out.push(patch.replace(/^=+\n/, ''));
    const breaking = result.changes.filter((c) => c.impact === 'breaking').length;
    out.push(
      `${written ? 'Wrote' : 'Proposed'} ${result.changes.length} change${result.changes.length === 1 ? '' : 's'} to ${file} from ${result.bodies} bodies (${breaking} breaking for typed consumers):`,
    );
    const locator = new SpecLocator(result.text, file);
    for (const c of result.changes) {
      const seen =
        c.evidence.count > 0
          ? `; seen in ${c.evidence.count} bod${c.evidence.count === 1 ? 'y' : 'ies'}, first ${c.evidence.bodies[0]}`
          : '';
      out.push(
        `  ${c.impact.padEnd(10)} ${subject(c.pointer)}: ${c.message} [${c.change}] (${locator.describe(c.pointer)}${seen})`,
      );
    }
  }
  for (const u of result.unresolved.slice(0, 20)) out.push(`  not resolved: ${u.name}: ${u.message}`);
  for (const p of result.problems) out.push(`  not read: ${p.name}: ${p.message}`);
  return `${out.join('\n')}\n`;
}

export const propose = { usage: PROPOSE_USAGE, run };
