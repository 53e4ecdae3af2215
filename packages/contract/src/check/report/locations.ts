/**
 * The place in the spec to edit for a finding in a body: the schema the validator names for it (the violation's
 * `schemaPointer`), the component schema it is in, and its line in the spec file (`Target at spec/targetGroups.yaml:1936`).
 */
import type { LoadedSpec } from '@target-groups/spec';
import { componentAt, type IndexedSpec, SchemaIndex } from '../../spec/schemaIndex.js';
import type { GroupSample } from './aggregate.js';

export interface SpecPlace {
  component: string | undefined;
  /** JSON pointer into the spec. */
  pointer: string;
  /** The spec file as reports name it. */
  file: string;
  line: number;
  /** Which contract the file is, where its name alone does not say (`built-in contract 1.2.0`). */
  origin?: string;
}

export class ViolationLocator {
  private readonly index: SchemaIndex;

  constructor(
    private readonly spec: IndexedSpec & Pick<LoadedSpec, 'locate'>,
    private readonly file: string,
    private readonly origin?: string,
  ) {
    this.index = new SchemaIndex(spec);
  }

  /**
   * Where the schema a finding is about is written: the one the validator names, else (an integer's precision) the
   * one that declares its place in the body; undefined for a finding about no schema (an unreadable body).
   */
  locate(finding: GroupSample): SpecPlace | undefined {
    const { operationId, status, pointer } = finding;
    const schemaPointer =
      finding.schemaPointer ??
      (operationId === undefined || status === undefined
        ? undefined
        : this.index.resolve(operationId, status, pointer)?.specPointer);
    if (schemaPointer === undefined) return undefined;
    const { line } = this.spec.locate(schemaPointer);
    const place: SpecPlace = { component: componentAt(schemaPointer), pointer: schemaPointer, file: this.file, line };
    if (this.origin) place.origin = this.origin;
    return place;
  }

  describe(finding: GroupSample): string | undefined {
    const place = this.locate(finding);
    if (!place) return undefined;
    const origin = place.origin ? ` (${place.origin})` : '';
    return `${place.component ? `${place.component} at ` : ''}${place.file}:${place.line}${origin}`;
  }
}
