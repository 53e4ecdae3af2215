/** `target-groups-contract propose [--spec PATH] [--write] [--format text|json] INPUT...`: see README.md here. */
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { createValidator, type Violation } from '@target-groups/validator';
import { parseCommandArgs, statusOption } from '../../cli/args.js';
import { escapeControl } from '../../cli/escape.js';
import { type Io, UsageError, write } from '../../cli/io.js';
import { checkBody } from '../../check/checkBody.js';
import { readInput } from '../../check/input-formats/index.js';
import { sourceOptionsFor } from '../../check/operation.js';
import { SchemaIndex } from '../../spec/schemaIndex.js';
import { InputError, readSpecOption, type SpecSource } from '../../spec/specInput.js';
import { type Change, classify } from '../diff/classify.js';
import { applyEdits } from './apply.js';
import { redactCredentials } from './credentials.js';
import { SpecText } from './edit.js';
import type { Note } from './infer.js';
import { emptyObservations, type Evidence, Observer } from './observe.js';
import { anyObserved, type PlannedEdit, planEdits, type Refusal } from './proposal.js';
import { jsonReport, textReport } from './report.js';
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
  --format json     { "changes": [ { "pointer", "change", "impact", "evidence", "message" } ], "diff",
                    "refused", "notes", "unresolved", "problems" }
  --status N        HTTP status of JSON and NDJSON bodies (default 200)

An edit that cannot be written safely is refused with its reason, and the others are written. A value from traffic
that looks like a credential is never written (an example becomes '[redacted]'), nor is a \`$ref\` from a body.

Exit codes: 0 nothing to propose, 1 a proposal (or refused edits), 2 bad usage or input that could not be read,
3 the spec could not be written (it is unchanged).
`;

// Rounds of observe-and-edit: a type widened in one round can reveal what is inside the value in the next.
const MAX_ROUNDS = 3;
// Failing bodies kept in memory for the later rounds.
const KEEP_FAILING = 2000;

export interface ProposedChange extends Change {
  /** Bodies that showed what the change allows, counted as check counts a group: each body once. */
  evidence: { count: number; bodies: string[] };
}

export interface ProposeResult {
  original: SpecSource;
  text: string;
  changes: ProposedChange[];
  bodies: number;
  /** Edits the bodies call for that were not written, each with its reason. */
  refused: Refusal[];
  /** What propose decided about values from traffic: placeholders, dropped examples, bounds. */
  notes: Note[];
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

interface FailingBody {
  name: string;
  status: number;
  value: unknown;
  /** Its violations against the latest proposal. */
  violations: Violation[];
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
  const failing: FailingBody[] = [];
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
          // A parser's message can quote the text it could not read.
          problems.push({ name, message: redactCredentials(result.problem ?? 'not checked') });
          continue;
        }
        bodies++;
        if (result.violations.length === 0) continue;
        const bodyStatus = unit.kind === 'body' ? unit.status : status;
        observer.body(result.value, bodyStatus, name);
        if (failing.length < KEEP_FAILING)
          failing.push({ name, status: bodyStatus, value: result.value, violations: result.violations });
      }
    }
  }
  let text = spec.text;
  let current = spec;
  const applied: PlannedEdit[] = [];
  const refused: Refusal[] = [];
  const refusedAlready = new Set<string>();
  const tried = new Set<string>();
  // The first round saw every body: its counts are the evidence; later rounds add only places of their own.
  const places = new Map<string, Evidence>();
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const o = observer.observations;
    for (const [place, evidence] of o.places) if (!places.has(place)) places.set(place, evidence);
    if (!anyObserved(o)) break;
    const base = new SpecText(text);
    const plan = planEdits(base, o, bodies);
    const outcome = await applyEdits(
      base,
      current,
      validator,
      plan.edits.filter((edit) => !tried.has(edit.key)),
    );
    for (const r of [...plan.refused, ...outcome.refused]) {
      const key = `${r.pointer}\u0000${r.reason}`;
      if (!refusedAlready.has(key)) refused.push(r);
      refusedAlready.add(key);
    }
    for (const edit of plan.edits) if (!outcome.applied.includes(edit)) tried.add(edit.key);
    if (outcome.applied.length === 0) break;
    applied.push(...outcome.applied);
    ({ text, spec: current, validator } = outcome);
    observer = new Observer(new SchemaIndex(current), emptyObservations());
    for (const body of failing) {
      body.violations = validator.validate(body.value, body.status);
      if (body.violations.length > 0) observer.body(body.value, body.status, body.name);
    }
  }
  const unresolved = failing.flatMap(({ name, violations: [first] }) =>
    first ? [{ name, message: redactCredentials(`${first.pointer || '(root)'}: ${first.message}`) }] : [],
  );
  const changes = text === spec.text ? [] : classify(spec, current).map((c) => withEvidence(c, places, applied));
  const notes = applied.flatMap((edit) => edit.notes);
  return { original: spec, text, changes, bodies, refused, notes, unresolved, problems };
}

/** The evidence of the place a change is at (or of the nearest place above it, or the most seen below it). */
function evidenceAt(pointer: string, places: ReadonlyMap<string, Evidence>): Evidence | undefined {
  for (let at = pointer; at !== ''; at = at.slice(0, at.lastIndexOf('/'))) {
    const found = places.get(at);
    if (found) return found;
  }
  let best: Evidence | undefined;
  for (const [place, evidence] of places)
    if (place.startsWith(`${pointer}/`) && evidence.count > (best?.count ?? 0)) best = evidence;
  return best;
}

function withEvidence(change: Change, places: ReadonlyMap<string, Evidence>, edits: PlannedEdit[]): ProposedChange {
  const evidence = evidenceAt(change.pointer, places);
  const closed = edits.some((e) => e.records.some((r) => r.closedEnum && r.pointer === change.pointer))
    ? ' (closed enum: review before accepting)'
    : '';
  return {
    ...change,
    message: `${change.message}${closed}`,
    evidence: { count: evidence?.count ?? 0, bodies: [...(evidence?.first ?? [])] },
  };
}

export async function run(argv: string[], io: Io): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const prefix = 'target-groups-contract propose';
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
        result.problems.map((p) => `${prefix}: ${escapeControl(`${p.name}: ${p.message}`)}\n`).join(''),
      );
      return 2;
    }
    const file = spec.path.startsWith(`${cwd}${path.sep}`) ? path.relative(cwd, spec.path) : spec.path;
    const changed = result.text !== spec.text;
    if (options.write && changed) writeFileAtomically(spec.path, result.text);
    // The diff is computed only where it is shown: the JSON report, or the text report of a proposal not written.
    const printed = options.format === 'json' || !options.write;
    const patch = !changed ? '' : printed ? unifiedDiff(file, spec.text, result.text) : null;
    await write(
      io.stdout,
      options.format === 'json' ? jsonReport(result, patch) : textReport(result, patch, file, options.write),
    );
    return changed || result.refused.length > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      await write(io.stderr, `${prefix}: ${escapeControl(error.message)}\n\nUsage:\n${PROPOSE_USAGE}`);
      return 2;
    }
    if (error instanceof InputError) {
      await write(io.stderr, `${prefix}: ${escapeControl(error.message)}\n`);
      return 2;
    }
    if (error instanceof WriteError) {
      await write(io.stderr, `${prefix}: ${escapeControl(error.message)}\n`);
      return 3;
    }
    await write(io.stderr, `${prefix}: internal error: ${escapeControl((error as Error).message)}\n`);
    return 2;
  }
}

function unifiedDiff(file: string, before: string, after: string): string {
  const [a, b] = path.isAbsolute(file) ? [file, file] : [`a/${file}`, `b/${file}`];
  return createTwoFilesPatch(a, b, before, after, '', '', { context: 3 });
}

export const propose = { usage: PROPOSE_USAGE, run };
