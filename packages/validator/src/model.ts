/**
 * Turns a spec into what the validator compiles: the component schemas as JSON Schema 2020-12 documents that Ajv
 * resolves `$ref`s in (refs to `#/components/schemas/X` are made absolute, so that any sub-schema compiles on its
 * own), with the drift rules of ./driftRules.ts applied, and for every operation of the spec (as the spec reader,
 * `@target-groups/spec`, lists them) one response schema per declared status. `$ref`s are never followed here: Ajv
 * follows schema refs, and the reader resolved the rest. Each copy is marked with the pointer of the schema it was
 * made from (./schemaMarks.ts); documentation and vendor extensions are left out, so that the validator compiled at
 * build time (./standalone.ts), which embeds its schemas, carries no documentation.
 */
import {
  describesObjects,
  escapeKey,
  isObject,
  type JsonObject,
  type OpenApiDocument,
  type Operation,
  operationsOf,
  SpecReadError,
} from '@target-groups/spec/portable';
import { closeForDrift, OPEN_ENUM, type Schema } from './driftRules.js';
import { PROTO_PATTERN, SCHEMA_POINTER } from './schemaMarks.js';

export type { Schema };

/** A spec as the reader gives it (`loadSpec()` of `@target-groups/spec`): both documents, and its name for messages. */
export interface SpecDocuments {
  /** Bundled: internal `$ref`s kept. */
  document: OpenApiDocument;
  /** Every `$ref` replaced by what it points at. */
  dereferenced: OpenApiDocument;
  /** The spec's file or name, for messages. */
  path?: string;
}

/** The closed copies of the component schemas (what a property or list item refers to). */
export const COMPONENTS_ID = 'urn:target-groups:components';
/** The same schemas left open, for the places where a schema is one part of an object (allOf, a $ref beside properties). */
export const OPEN_COMPONENTS_ID = 'urn:target-groups:components-open';

export interface OperationModel {
  operation: Operation;
  /** Status key as declared (`200`, `4XX`, `default`) → the JSON response schema (undefined: no JSON body). */
  responses: Map<string, Schema | undefined>;
}

export interface ContractModel {
  components: Schema[];
  operations: OperationModel[];
  /** Keywords outside JSON Schema that appear in the schemas (vendor `x-*`, OpenAPI `example`, ...). */
  annotationKeywords: Set<string>;
  formats: Set<string>;
}

const SCHEMA_MAP_KEYWORDS = ['properties', 'patternProperties', '$defs'];
const SCHEMA_KEYWORDS = ['items', 'additionalProperties', 'unevaluatedItems', 'unevaluatedProperties', 'contentSchema'];
/** Schemas that decide whether a value matches (a condition), not what it holds: closing them would change that. */
const CONDITION_KEYWORDS = ['not', 'if', 'contains', 'propertyNames'];
/** In-place applicators: their schemas describe the same value as the schema that holds them. */
const PART_KEYWORDS = ['then', 'else'];
const PART_MAP_KEYWORDS = ['dependentSchemas'];
const PART_LIST_KEYWORDS = ['allOf', 'anyOf', 'oneOf'];
const JSON_SCHEMA_KEYWORDS = new Set([
  ...SCHEMA_MAP_KEYWORDS,
  ...SCHEMA_KEYWORDS,
  ...CONDITION_KEYWORDS,
  ...PART_KEYWORDS,
  ...PART_MAP_KEYWORDS,
  ...PART_LIST_KEYWORDS,
  ...'prefixItems $schema $id $ref $anchor $dynamicRef $dynamicAnchor $comment $vocabulary type enum const format'.split(
    ' ',
  ),
  ...'pattern required title description default examples deprecated readOnly writeOnly minimum maximum'.split(' '),
  ...'exclusiveMinimum exclusiveMaximum multipleOf minLength maxLength minItems maxItems uniqueItems'.split(' '),
  ...'minContains maxContains minProperties maxProperties dependentRequired contentEncoding contentMediaType'.split(
    ' ',
  ),
]);

/** Annotations that neither Ajv nor a message reads (`deprecated` stays: it names a legacy timestamp). */
const DOCUMENTATION = new Set(
  'title description example examples default $comment readOnly writeOnly externalDocs xml'.split(' '),
);

/** Documentation and vendor extensions, except the open-enum mark the drift rules read. */
const isDocumentation = (key: string): boolean => DOCUMENTATION.has(key) || (key.startsWith('x-') && key !== OPEN_ENUM);

/** Sets an own property: a name from the spec such as `__proto__` is a key, never the object's prototype. */
function define(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Ajv leaves a property named `__proto__` out of `properties` (its guard against prototype pollution), so it would be
 * neither checked nor counted as declared. The same constraint as a pattern that matches that one name is both; it is
 * moved after the schema is closed for drift, so it does not read as "the schema declares other properties".
 */
function protoAsPattern(schema: Schema): void {
  const properties = schema.properties;
  if (!isObject(properties) || !Object.hasOwn(properties, '__proto__')) return;
  const patterns = isObject(schema.patternProperties) ? schema.patternProperties : {};
  define(patterns, PROTO_PATTERN, Object.getOwnPropertyDescriptor(properties, '__proto__')!.value);
  Reflect.deleteProperty(properties, '__proto__');
  define(schema, 'patternProperties', patterns);
}

const SCHEMA_REF_PREFIX = '#/components/schemas/';

class SchemaCopier {
  readonly annotationKeywords = new Set<string>([SCHEMA_POINTER]);
  readonly formats = new Set<string>();
  private readonly copies = [new WeakMap<object, unknown>(), new WeakMap<object, unknown>()];

  constructor(private readonly file: string) {}

  private unsupported(where: string, reason: string): SpecReadError {
    return new SpecReadError('unsupported', this.file, `${where || '/'}: ${reason}`);
  }

  private ref(ref: string, where: string, open: boolean): string {
    if (!ref.startsWith(SCHEMA_REF_PREFIX))
      throw this.unsupported(where, `schema $ref ${ref}: schemas may only reference #/components/schemas/...`);
    return `${open ? OPEN_COMPONENTS_ID : COMPONENTS_ID}#/$defs/${ref.slice(SCHEMA_REF_PREFIX.length)}`;
  }

  /**
   * Deep-copies the schema at `where` (its JSON pointer in the spec): refs made absolute, drift rules applied, the
   * pointer marked. `open`: the schema is one part of an object.
   */
  copy(node: unknown, where: string, open = false): unknown {
    if (typeof node === 'boolean') return node;
    if (!isObject(node)) throw this.unsupported(where, 'a schema must be an object or a boolean');
    const memo = this.copies[open ? 1 : 0]!;
    const known = memo.get(node);
    if (known !== undefined) return known;
    const out: Schema = {};
    memo.set(node, out);
    // The parts of an object schema (allOf members, a $ref or the branches beside its own properties) describe the
    // same object; they stay open, and the holder alone is closed, seeing every property its parts evaluate.
    const partsOpen = open || describesObjects(node);
    const sub = (value: unknown, key: string, subOpen: boolean) => this.copy(value, `${where}/${key}`, subOpen);
    const isSchema = (value: unknown) => isObject(value) || typeof value === 'boolean';
    for (const [key, value] of Object.entries(node)) {
      const mapOpen = SCHEMA_MAP_KEYWORDS.includes(key) ? false : PART_MAP_KEYWORDS.includes(key) ? partsOpen : null;
      const oneOpen = SCHEMA_KEYWORDS.includes(key)
        ? false
        : CONDITION_KEYWORDS.includes(key)
          ? true
          : PART_KEYWORDS.includes(key)
            ? partsOpen
            : null;
      const listOpen =
        key === 'allOf' ? true : PART_LIST_KEYWORDS.includes(key) ? partsOpen : key === 'prefixItems' ? false : null;
      if (key === '$ref' && typeof value === 'string') out.$ref = this.ref(value, where, partsOpen);
      else if (mapOpen !== null && isObject(value)) {
        const map: Schema = {};
        for (const [name, schema] of Object.entries(value))
          define(map, name, sub(schema, `${key}/${escapeKey(name)}`, mapOpen));
        define(out, key, map);
      } else if (oneOpen !== null && isSchema(value)) define(out, key, sub(value, key, oneOpen));
      else if (listOpen !== null && Array.isArray(value))
        define(
          out,
          key,
          value.map((schema, i) => sub(schema, `${key}/${i}`, listOpen)),
        );
      else if (!isDocumentation(key)) {
        if (key === 'nullable')
          throw this.unsupported(where, '\'nullable\' is OpenAPI 3.0; write type: [..., "null"] (OpenAPI 3.1)');
        if (key === 'format' && typeof value === 'string') this.formats.add(value);
        define(out, key, value);
      }
    }
    closeForDrift(out, open);
    protoAsPattern(out);
    out[SCHEMA_POINTER] = where;
    for (const key of Object.keys(out)) if (!JSON_SCHEMA_KEYWORDS.has(key)) this.annotationKeywords.add(key);
    return out;
  }
}

/** The model of every operation of `spec`; throws {@link SpecReadError} (`unsupported`) for what it cannot compile. */
export function buildModel(spec: SpecDocuments): ContractModel {
  const { document, dereferenced } = spec;
  const file = spec.path ?? 'the spec';
  if (!isObject(document) || typeof document.openapi !== 'string')
    throw new SpecReadError('not-openapi', file, 'not an OpenAPI document (no "openapi" field)');
  if (!document.openapi.startsWith('3.1'))
    throw new SpecReadError('unsupported', file, `OpenAPI ${document.openapi}: the validator needs OpenAPI 3.1`);
  const copier = new SchemaCopier(file);
  const closed: Schema = {};
  const open: Schema = {};
  const schemas: JsonObject = isObject(document.components?.schemas) ? document.components.schemas : {};
  for (const [name, schema] of Object.entries(schemas)) {
    const where = `/components/schemas/${escapeKey(name)}`;
    define(closed, name, copier.copy(schema, where));
    define(open, name, copier.copy(schema, where, true));
  }
  const operations = operationsOf(document, dereferenced).map((operation) => {
    const responses = new Map<string, Schema | undefined>();
    for (const response of operation.responses) {
      const copy = response.bundledSchema && copier.copy(response.bundledSchema, response.schemaPointer!);
      responses.set(response.status, copy === undefined ? undefined : isObject(copy) ? copy : copy ? {} : { not: {} });
    }
    return { operation, responses };
  });
  if (operations.length === 0) throw new SpecReadError('unsupported', file, 'the spec declares no operation');
  return {
    components: [
      { $id: COMPONENTS_ID, $defs: closed },
      { $id: OPEN_COMPONENTS_ID, $defs: open },
    ],
    operations,
    annotationKeywords: copier.annotationKeywords,
    formats: copier.formats,
  };
}
