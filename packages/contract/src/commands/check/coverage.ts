/**
 * What the traffic exercised of the contract: each declared property present, absent (when optional) and `null`
 * (when nullable), each enum value, each declared status; what it never did; and which named examples (what the
 * mock serves) show something the traffic no longer shows.
 */
import type { LoadedSpec, Operation } from '@target-groups/spec';
import type { BodyResult } from '../../check/checkBody.js';
import type { DriftReport } from '../../check/report/aggregate.js';
import type { ReportWriter } from '../../check/report/index.js';
import type { Output } from '../../check/report/output.js';
import { escapeJson, terminalLines } from '../../cli/escape.js';
import { subject } from '../diff/report.js';
import { escapeKey, isNullable, isObject, type JsonObject } from '@target-groups/spec/portable';
import { type BodyVisitor, walkResponseBody } from '../../spec/bodyWalk.js';
import { type IndexedSpec, propertyPlace, SchemaIndex } from '../../spec/schemaIndex.js';

/**
 * One thing a body can show: `<spec pointer>|present`, `|absent`, `|null`, `<enum pointer>|enum|VALUE`, and
 * `<response pointer>|status` for the declared response of an operation that answered. `|filled` (present with a
 * value other than `''`, `[]` or `{}`) is no declared shape: `migration` counts it to tell a field that carries
 * something from one sent empty.
 */
type Fact = string;

export interface CoverageReport {
  bodies: number;
  /** Facts the contract declares, with how many bodies showed each (0: never). */
  facts: {
    fact: Fact;
    pointer: string;
    kind: 'present' | 'absent' | 'null' | 'enum' | 'status';
    value?: string;
    /** The operation a status fact is of. */
    operation?: string;
    count: number;
  }[];
  /** Values seen outside an enum (an open enum's unknown values). */
  unknownValues: { pointer: string; value: string; count: number }[];
  /** Named examples and the facts they show that no body showed. */
  examples: { name: string; status: string; unseen: Fact[] }[];
}

/** Counts, per fact, the bodies that showed it (each once), on the walk of each body down its response schema. */
export class FactCounter implements BodyVisitor {
  readonly counts = new Map<Fact, number>();
  readonly unknown = new Map<string, number>();
  // The facts are the contract's, property by property: a map's values are not walked.
  readonly mapValues = false;
  private seen = new Set<Fact>();

  constructor(private readonly index: SchemaIndex) {}

  body(value: unknown, status: number, operation: Operation): void {
    this.seen = new Set();
    const response = operation.responseFor(status);
    if (response) this.add(`${response.pointer}|status`);
    walkResponseBody(this.index, value, operation.id, status, this);
  }

  private add(fact: Fact, counts = this.counts): void {
    if (this.seen.has(fact)) return;
    this.seen.add(fact);
    counts.set(fact, (counts.get(fact) ?? 0) + 1);
  }

  value(value: unknown, schema: JsonObject, _site: string, home: string): boolean {
    if (Array.isArray(schema.enum) && typeof value === 'string') {
      if (schema.enum.includes(value)) this.add(`${home}|enum|${value}`);
      else this.add(`${home}|${value}`, this.unknown);
    }
    return value !== null;
  }

  object(object: JsonObject, schema: JsonObject, home: string): void {
    if (!isObject(schema.properties)) return;
    for (const name of Object.keys(schema.properties)) {
      const pointer = propertyPlace(home, name);
      // Own properties only: a body without `constructor` does not have the one every object inherits.
      if (!Object.hasOwn(object, name)) {
        this.add(`${pointer}|absent`);
        continue;
      }
      const child = object[name];
      this.add(`${pointer}|${child === null ? 'null' : 'present'}`);
      if (!isEmptyValue(child)) this.add(`${pointer}|filled`);
    }
  }
}

/** `null`, `''`, `[]` or `{}`: a value that carries nothing a consumer could use. */
export function isEmptyValue(value: unknown): boolean {
  if (value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return isObject(value) && Object.keys(value).length === 0;
}

/** Every fact the contract declares: each component's properties, their null and absent branches, enum values. */
function declaredFacts(
  spec: Pick<LoadedSpec, 'dereferenced' | 'operations'>,
  index: SchemaIndex,
): CoverageReport['facts'] {
  const facts: CoverageReport['facts'] = [];
  const visit = (schema: JsonObject, pointer: string, root: boolean): void => {
    if (!root && index.home(schema, pointer) !== pointer) return;
    if (Array.isArray(schema.enum)) {
      for (const value of schema.enum)
        if (typeof value === 'string')
          facts.push({ fact: `${pointer}|enum|${value}`, pointer, kind: 'enum', value, count: 0 });
    }
    const required = new Set(Array.isArray(schema.required) ? schema.required : []);
    for (const [name, declared] of Object.entries(isObject(schema.properties) ? schema.properties : {})) {
      if (!isObject(declared)) continue;
      const at = propertyPlace(pointer, name);
      facts.push({ fact: `${at}|present`, pointer: at, kind: 'present', count: 0 });
      if (!required.has(name)) facts.push({ fact: `${at}|absent`, pointer: at, kind: 'absent', count: 0 });
      if (isNullable(declared)) facts.push({ fact: `${at}|null`, pointer: at, kind: 'null', count: 0 });
      visit(declared, at, false);
    }
    if (isObject(schema.items)) visit(schema.items, `${pointer}/items`, false);
  };
  for (const [name, schema] of Object.entries(spec.dereferenced.components.schemas))
    visit(schema, `/components/schemas/${escapeKey(name)}`, true);
  // A response schema written inline under its operation (one that is a component was visited above).
  for (const operation of spec.operations)
    for (const { schema, schemaPointer } of operation.responses)
      if (schema && schemaPointer !== undefined) visit(schema, schemaPointer, false);
  return facts;
}

type CoveredSpec = IndexedSpec & Pick<LoadedSpec, 'dereferenced' | 'examples' | 'operations'>;

export class CoverageCollector {
  private readonly index: SchemaIndex;
  private readonly traffic: FactCounter;
  private bodies = 0;

  constructor(private readonly spec: CoveredSpec) {
    this.index = new SchemaIndex(spec);
    this.traffic = new FactCounter(this.index);
  }

  /** A body of HTTP `status` of the operation `operationId` (default: the spec's first). */
  add(body: unknown, status: number, operationId?: string): void {
    const operation = operationId === undefined ? this.spec.operations[0] : this.spec.operation(operationId);
    if (!operation) return;
    this.bodies++;
    this.traffic.body(body, status, operation);
  }

  report(): CoverageReport {
    const facts = declaredFacts(this.spec, this.index);
    for (const operation of this.spec.operations)
      for (const { pointer, status } of operation.responses)
        facts.push({
          fact: `${pointer}|status`,
          pointer,
          kind: 'status',
          value: status,
          operation: operation.id,
          count: 0,
        });
    for (const fact of facts) fact.count = this.traffic.counts.get(fact.fact) ?? 0;
    const unknownValues = [...this.traffic.unknown].map(([key, count]) => {
      const [pointer, value] = key.split('|') as [string, string];
      return { pointer, value, count };
    });
    const declared = new Set(facts.map((f) => f.fact));
    const examples = this.spec.examples.map((example) => {
      const counter = new FactCounter(this.index);
      const operation = this.spec.operation(example.operationId);
      if (operation) counter.body(example.value, Number(example.status), operation);
      const unseen = [...counter.counts.keys()].filter((f) => declared.has(f) && !this.traffic.counts.has(f));
      return { name: example.name, status: example.status, unseen };
    });
    return { bodies: this.bodies, facts, unknownValues, examples };
  }
}

const describeFact = (fact: Fact) => {
  const [pointer, kind, value] = fact.split('|') as [string, string, string | undefined];
  if (kind === 'status') return `HTTP ${pointer.slice(pointer.lastIndexOf('/') + 1)}`;
  return kind === 'enum' ? `${subject(pointer)} = ${value}` : `${subject(pointer)} ${kind}`;
};

export function coverageText(report: CoverageReport): string {
  const { facts } = report;
  const exercised = facts.filter((f) => f.count > 0).length;
  const percent = facts.length === 0 ? 100 : Math.floor((exercised / facts.length) * 100);
  const operations = new Set(facts.map((f) => f.operation).filter(Boolean)).size;
  const never = (kind: CoverageReport['facts'][number]['kind']) =>
    facts
      .filter((f) => f.kind === kind && f.count === 0)
      .map((f) =>
        kind === 'enum'
          ? `${subject(f.pointer)} = ${f.value}`
          : kind === 'status'
            ? `HTTP ${f.value}${operations > 1 ? ` of ${f.operation}` : ''}`
            : subject(f.pointer),
      );
  const lines = [
    `Coverage: ${report.bodies} bodies exercised ${exercised} of ${facts.length} declared shapes (${percent}%)`,
  ];
  const section = (title: string, items: string[]) => {
    if (items.length > 0) lines.push(`  ${title} (${items.length}): ${items.join(', ')}`);
  };
  section('statuses never seen', never('status'));
  section('properties never present', never('present'));
  section('optional properties never absent', never('absent'));
  section('nullable properties never null', never('null'));
  section('enum values never seen', never('enum'));
  section(
    'values seen outside an enum',
    report.unknownValues.map((u) => `${subject(u.pointer)} = ${u.value} (${u.count} bodies)`),
  );
  const stale = report.examples.filter((e) => e.unseen.length > 0);
  if (stale.length > 0) {
    lines.push('  named examples showing what no body showed (the mock serves shapes the traffic no longer has):');
    for (const e of stale) lines.push(`    ${e.name} (${e.status}): ${e.unseen.map(describeFact).join(', ')}`);
  }
  return terminalLines(lines);
}

/**
 * `check --coverage`: a report writer (as the formats of src/check/report/) that feeds each checked body to the
 * collector and ends with the coverage, as text (after a one-line count of the findings) or JSON.
 */
export class CoverageWriter implements ReportWriter {
  private readonly problems: string[] = [];

  constructor(
    private readonly collector: CoverageCollector,
    private readonly out: Output,
    private readonly format: 'text' | 'json',
  ) {}

  add(result: BodyResult): void {
    if (result.problem !== undefined) this.problems.push(`${result.name}: ${result.problem}`);
    if (result.checked && result.status !== undefined)
      this.collector.add(result.value, result.status, result.operationId);
  }

  async finish(report: DriftReport): Promise<void> {
    const coverage = this.collector.report();
    const { totals } = report;
    if (this.format === 'json')
      await this.out.write(`${escapeJson(JSON.stringify({ coverage, problems: this.problems }, null, 2))}\n`);
    else
      await this.out.write(
        `Contract check: ${totals.bodies} bodies, ${totals.withErrors} with errors, ${totals.warningsOnly} with warnings only (run check without --coverage for the findings)\n${coverageText(coverage)}`,
      );
    await this.out.end();
  }
}
