/**
 * The migration map of a spec: for every property of its response schemas, where the field lives in the API that
 * replaces it (`x-replaced-by`, a JSON reference such as `promotions.yaml#/components/schemas/X/properties/y`), or
 * `x-replaced-by: none` with `x-migration-note` saying why nothing does, plus a note where the meaning changes.
 * Read from the bundled document, where each property is as written (a `$ref` with its siblings); the dereferenced
 * view leaves these keys out (./load.ts), so a copy of a component stays recognisable as that component.
 */
import path from 'node:path';
import { componentName, type OpenApiDocument } from './document.js';
import { SpecReadError } from './errors.js';
import { escapeKey, valueAt } from './pointer.js';
import { readSpecFiles } from './read.js';
import { refsIn, refTarget, refusalOf } from './references.js';
import { isObject } from './schema.js';
import type { SourcePosition } from './sourceMap.js';

/** The keys of a property's migration entry. */
export const REPLACED_BY = 'x-replaced-by';
export const MIGRATION_NOTE = 'x-migration-note';
/** The `x-replaced-by` value of a field that has no equivalent. */
export const NO_REPLACEMENT = 'none';

export interface MigrationEntry {
  /** The component schema and property: `Target` and `targetAchievedValue`. */
  schema: string;
  property: string;
  /** Where the property is written: `/components/schemas/Target/properties/targetAchievedValue`. */
  pointer: string;
  /** The JSON reference of the field that replaces it, or `null` for `x-replaced-by: none`. */
  replacedBy: string | null;
  /** Why it has no equivalent, or how the meaning changes. */
  note: string | undefined;
  /** 1-based line of the property in the spec's text (0 without text). */
  line: number;
}

export interface MigrationProblem {
  pointer: string;
  line: number;
  message: string;
}

export interface MigrationMap {
  /** Every well-formed entry, in the spec's order (one whose reference does not resolve too: see `problems`). */
  entries: MigrationEntry[];
  /** Properties without an entry, malformed entries, references that do not resolve. Empty when complete. */
  problems: MigrationProblem[];
}

/** The component schemas the responses of `document` reach, in the order first reached. */
export function responseSchemaNames(document: OpenApiDocument): string[] {
  const names: string[] = [];
  const visit = (node: unknown): void => {
    for (const { ref } of refsIn(node)) {
      const name = componentName(ref, 'schemas');
      if (name === undefined || names.includes(name) || !Object.hasOwn(document.components.schemas, name)) continue;
      names.push(name);
      visit(document.components.schemas[name]);
    }
  };
  const responseContent = (node: unknown): unknown[] =>
    isObject(node) && isObject(node.content) ? Object.values(node.content) : [];
  for (const item of Object.values(document.paths))
    for (const operation of Object.values(item))
      if (isObject(operation) && isObject(operation.responses))
        for (const response of Object.values(operation.responses)) {
          const resolved =
            isObject(response) && typeof response.$ref === 'string'
              ? valueAt(document, response.$ref.replace(/^#/, ''))
              : response;
          for (const media of responseContent(resolved)) visit(media);
        }
  return names;
}

/** Resolves a reference of the map against the spec's directory, reading only files inside it. */
class TargetReader {
  private readonly documents = new Map<string, unknown>();
  /** `false`: the form of each reference is checked, not what it names. */
  constructor(private readonly dir: string | undefined | false) {}

  /** Why `ref` names no property of the replacing spec, or undefined when it does. */
  unresolved(ref: string): string | undefined {
    const hash = ref.indexOf('#');
    if (hash <= 0) return 'is not a reference into another spec (`file.yaml#/components/schemas/X/properties/y`)';
    const pointer = ref.slice(hash + 1);
    const notAProperty = /^\/components\/schemas\/[^/]+\/properties\/[^/]+$/.test(pointer)
      ? undefined
      : 'does not name a property of a component schema (`#/components/schemas/X/properties/y`)';
    if (this.dir === false) return notAProperty;
    const target = refTarget(ref, this.dir);
    const refusal = refusalOf(target, this.dir);
    if (refusal !== undefined || target.kind !== 'file') return refusal ?? 'is not a file reference';
    let document = this.documents.get(target.file);
    if (document === undefined) {
      try {
        document = readSpecFiles(target.file).root.value;
      } catch (error) {
        if (!(error instanceof SpecReadError)) throw error;
        return `names a spec that cannot be read: ${error.message}`;
      }
      this.documents.set(target.file, document);
    }
    if (notAProperty !== undefined) return notAProperty;
    return valueAt(document, pointer) === undefined ? `names nothing in ${path.basename(target.file)}` : undefined;
  }
}

/**
 * The migration map of a loaded spec: one entry per property of every response schema, and a problem for each
 * property without one, each malformed entry and each reference that does not resolve. `dir` is where references
 * start (default: the spec file's directory); `false` leaves what they name unchecked, for a spec that comes without
 * the replacing one (the contract a CLI has built in, read as text).
 */
export function migrationMapOf(
  spec: { path: string; document: OpenApiDocument; locate(pointer: string): SourcePosition },
  dir: string | undefined | false = path.isAbsolute(spec.path) ? path.dirname(spec.path) : undefined,
): MigrationMap {
  const targets = new TargetReader(dir);
  const entries: MigrationEntry[] = [];
  const problems: MigrationProblem[] = [];
  const lineOf = (pointer: string) => spec.locate(pointer).line;
  for (const schema of responseSchemaNames(spec.document)) {
    const properties = spec.document.components.schemas[schema]?.properties;
    if (!isObject(properties)) continue;
    for (const [property, declaration] of Object.entries(properties)) {
      const pointer = `/components/schemas/${escapeKey(schema)}/properties/${escapeKey(property)}`;
      const line = lineOf(pointer);
      const problem = (message: string) =>
        problems.push({ pointer, line, message: `${schema}.${property} ${message}` });
      const replacedBy = isObject(declaration) ? declaration[REPLACED_BY] : undefined;
      const note = isObject(declaration) ? declaration[MIGRATION_NOTE] : undefined;
      if (replacedBy === undefined) {
        problem(`has no \`${REPLACED_BY}\` (a reference to the field that replaces it, or \`none\`)`);
        continue;
      }
      if (typeof replacedBy !== 'string' || replacedBy.trim() === '') {
        problem(`has an \`${REPLACED_BY}\` that is not a reference or \`none\``);
        continue;
      }
      if (note !== undefined && (typeof note !== 'string' || note.trim() === '')) {
        problem(`has an \`${MIGRATION_NOTE}\` that is not text`);
        continue;
      }
      if (replacedBy === NO_REPLACEMENT && note === undefined) {
        problem(`is \`${REPLACED_BY}: none\` without an \`${MIGRATION_NOTE}\` saying why`);
        continue;
      }
      // An entry whose reference does not resolve is still what the spec declares (the docs show it); the problem
      // says it is wrong.
      const unresolved = replacedBy === NO_REPLACEMENT ? undefined : targets.unresolved(replacedBy);
      if (unresolved !== undefined) problem(`\`${REPLACED_BY}: ${replacedBy}\` ${unresolved}`);
      entries.push({
        schema,
        property,
        pointer,
        replacedBy: replacedBy === NO_REPLACEMENT ? null : replacedBy,
        note: note as string | undefined,
        line,
      });
    }
  }
  return { entries, problems };
}

/** Removes the migration keys from a (dereferenced) document, in place. */
export function withoutMigrationKeys<T>(node: T): T {
  const seen = new Set<object>();
  const walk = (value: unknown): void => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
      return;
    }
    const object = value as Record<string, unknown>;
    if (isObject(object.properties))
      for (const declaration of Object.values(object.properties))
        if (isObject(declaration)) {
          delete declaration[REPLACED_BY];
          delete declaration[MIGRATION_NOTE];
        }
    // Example values are data: a key there is the body's, whatever its name.
    for (const [key, child] of Object.entries(object)) if (key !== 'example' && key !== 'examples') walk(child);
  };
  walk(node);
  return node;
}
