/**
 * The place in the spec to edit for a finding in a body: the component schema that declares the body's place, and
 * its line in the spec file (`Target at spec/targetGroups.yaml:1936`).
 */
import type { LoadedSpec } from '@target-groups/spec';
import { SpecLocator } from '../../spec/specLocator.js';
import { SchemaIndex } from '../../spec/schemaIndex.js';

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
  private readonly lines: SpecLocator;
  private readonly cache = new Map<string, SpecPlace | undefined>();

  constructor(
    spec: Pick<LoadedSpec, 'dereferenced'>,
    text: string,
    file: string,
    private readonly origin?: string,
  ) {
    this.index = new SchemaIndex(spec);
    this.lines = new SpecLocator(text, file);
  }

  /** Where the schema for `bodyPointer` (in a body of HTTP `status`) is declared; array indices do not matter. */
  locate(status: number, bodyPointer: string): SpecPlace | undefined {
    const key = `${status} ${bodyPointer.replace(/\/\d+(?=\/|$)/g, '/0')}`;
    if (this.cache.has(key)) return this.cache.get(key);
    const place = this.index.resolve(status, bodyPointer);
    let found: SpecPlace | undefined;
    if (place) {
      const { line } = this.lines.locate(place.specPointer);
      found = { component: place.component, pointer: place.specPointer, file: this.lines.file, line };
      if (this.origin) found.origin = this.origin;
    }
    this.cache.set(key, found);
    return found;
  }

  describe(status: number, bodyPointer: string): string | undefined {
    const place = this.locate(status, bodyPointer);
    if (!place) return undefined;
    const origin = place.origin ? ` (${place.origin})` : '';
    return `${place.component ? `${place.component} at ` : ''}${place.file}:${place.line}${origin}`;
  }
}
