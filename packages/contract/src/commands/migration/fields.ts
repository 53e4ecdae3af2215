/**
 * The migration map as `migration` reports it: each field of the retiring contract with its replacement (or none),
 * and, when traffic is given, how many bodies carried it. Counting is the coverage walk's (../check/coverage.ts):
 * the same body, walked the same way, gives the same answer to `check --coverage` and to `migration`.
 */
import type { MigrationMap } from '@target-groups/spec';
import { SchemaIndex } from '../../spec/schemaIndex.js';
import type { SpecSource } from '../../spec/specInput.js';
import { FactCounter } from '../check/coverage.js';
import { subject } from '../diff/report.js';

export interface Received {
  /** Bodies in which the field was present and not null. */
  present: number;
  /** Bodies in which it carried something: present, not null, not `''`, `[]` or `{}`. */
  nonEmpty: number;
}

export interface MigrationField {
  /** `Target.targetAchievedValue`. */
  field: string;
  pointer: string;
  line: number;
  /** The JSON reference of the replacing field; null for `x-replaced-by: none`; undefined when the map has no entry. */
  replacedBy: string | null | undefined;
  note: string | undefined;
  /** How the traffic carried it (only with traffic). */
  received?: Received;
}

export interface MigrationReport {
  /** The spec file as reports name it, and which contract it is where its name alone does not say. */
  spec: { file: string; origin: string | undefined };
  /** Bodies read (with traffic), else null. */
  bodies: number | null;
  /** Fields with no documented equivalent (`none`), fields the map has no entry for, fields with one. */
  withoutEquivalent: MigrationField[];
  notInMap: MigrationField[];
  withEquivalent: MigrationField[];
  /** What is wrong with the map other than a missing entry (a malformed entry, a reference that resolves nowhere). */
  mapProblems: { pointer: string; line: number; message: string }[];
  /** Inputs, or entries of them, that could not be read. */
  inputProblems: { name: string; message: string }[];
  /** Entries of a capture that are no answer of an operation of the spec (as check counts them). */
  skipped: { name: string; count: number; reason: string }[];
}

/** Counts, per field, the bodies that carried it. */
export class ReceivedFields {
  private readonly counter: FactCounter;
  bodies = 0;

  constructor(private readonly spec: SpecSource) {
    this.counter = new FactCounter(new SchemaIndex(spec));
  }

  add(body: unknown, status: number, operationId: string): void {
    const operation = this.spec.operation(operationId);
    if (!operation) return;
    this.bodies++;
    this.counter.body(body, status, operation);
  }

  of(pointer: string): Received {
    const count = (kind: string) => this.counter.counts.get(`${pointer}|${kind}`) ?? 0;
    return { present: count('present'), nonEmpty: count('filled') };
  }
}

/** Most often carried first, then most often present; the spec's order otherwise. */
const byUse = (a: MigrationField, b: MigrationField) =>
  (b.received?.nonEmpty ?? 0) - (a.received?.nonEmpty ?? 0) || (b.received?.present ?? 0) - (a.received?.present ?? 0);

/** A property without an entry is a problem of the map that names no replacement: told apart by its pointer's entry. */
export function migrationReport(
  spec: MigrationReport['spec'],
  map: MigrationMap,
  received: ReceivedFields | undefined,
  inputs: Pick<MigrationReport, 'inputProblems' | 'skipped'>,
): MigrationReport {
  const withCounts = (field: MigrationField): MigrationField =>
    received ? { ...field, received: received.of(field.pointer) } : field;
  const fields = map.entries.map((e) =>
    withCounts({
      field: `${e.schema}.${e.property}`,
      pointer: e.pointer,
      line: e.line,
      replacedBy: e.replacedBy,
      note: e.note,
    }),
  );
  const entered = new Set(map.entries.map((e) => e.pointer));
  // A property with a malformed entry has no entry either: it is not in the map, and its problem says why.
  const notInMap = new Map<string, MigrationField>();
  for (const problem of map.problems)
    if (!entered.has(problem.pointer) && !notInMap.has(problem.pointer))
      notInMap.set(
        problem.pointer,
        withCounts({
          field: subject(problem.pointer),
          pointer: problem.pointer,
          line: problem.line,
          replacedBy: undefined,
          note: problem.message,
        }),
      );
  const sort = (list: MigrationField[]) => (received ? list.sort(byUse) : list);
  return {
    spec,
    bodies: received?.bodies ?? null,
    withoutEquivalent: sort(fields.filter((f) => f.replacedBy === null)),
    notInMap: sort([...notInMap.values()]),
    withEquivalent: sort(fields.filter((f) => typeof f.replacedBy === 'string')),
    mapProblems: map.problems.filter((p) => entered.has(p.pointer)),
    ...inputs,
  };
}

/** Fields without a documented equivalent (none, or not in the map) that the traffic carried. */
export function carriedWithoutEquivalent(report: MigrationReport): MigrationField[] {
  return [...report.notInMap, ...report.withoutEquivalent].filter((f) => (f.received?.nonEmpty ?? 0) > 0);
}

/** A property without a well-formed entry, or a reference that names nothing: the map cannot be trusted. */
const mapIsBroken = (report: MigrationReport) => report.notInMap.length > 0 || report.mapProblems.length > 0;

/**
 * 0 nothing to act on; 1 the traffic carried fields without a documented equivalent (a finding, as check's 1);
 * 2 an input could not be read (and nothing of 1 was found), as check decides between its 1 and 2; 3 the map is
 * broken. A broken map outranks the rest: a CI job that accepts 1 as a finding must not pass over a map with a hole,
 * and what the traffic carried is measured against that same hole.
 */
export function exitCodeOf(report: MigrationReport): 0 | 1 | 2 | 3 {
  if (mapIsBroken(report)) return 3;
  if (carriedWithoutEquivalent(report).length > 0) return 1;
  return report.inputProblems.length > 0 ? 2 : 0;
}
