/**
 * Turns an OpenAPI 3.1 document into what the validator compiles: the component schemas as JSON Schema 2020-12
 * documents that Ajv resolves `$ref`s in (refs to `#/components/schemas/X` are made absolute, so that any sub-schema
 * compiles on its own), with the drift rules of ./driftRules.ts applied, and one response schema per declared status
 * of the operation. `$ref`s are never followed here: Ajv follows schema refs, and the dereferenced document of the
 * spec reader (`@target-groups/spec`) stands in where a response or path item is itself a `$ref`. The copies keep
 * only what validation and the messages read: descriptions, examples and vendor extensions are left out, so that the
 * validator compiled at build time (./standalone.ts), which embeds its schemas, carries no documentation.
 */
import { OPEN_ENUM, closeForDrift, describesObjects, type Schema } from './driftRules.js';
import { CONTRACT_NAME } from './schemaMarks.js';

export type { Schema };
export type OpenApiDocument = Record<string, unknown>;

/** The closed copies of the component schemas (what a property or list item refers to). */
export const COMPONENTS_ID = 'urn:target-groups:components';
/** The same schemas left open, for the places where a schema is one part of an object (allOf, a $ref beside properties). */
export const OPEN_COMPONENTS_ID = 'urn:target-groups:components-open';

export interface ResponseModel {
  /** The status key as the spec declares it: `200`, `4XX`, `default`. */
  key: string;
  /** The JSON response schema; `undefined` when the response declares no JSON body. */
  schema: Schema | undefined;
}

export interface ContractModel {
  components: Schema[];
  responses: Map<string, ResponseModel>;
  /** Keywords outside JSON Schema that appear in the schemas (vendor `x-*`, OpenAPI `example`, ...). */
  annotationKeywords: Set<string>;
  formats: Set<string>;
  /** Path templates of the operation, for recognising its calls in a HAR capture. */
  pathTemplates: string[];
  /** Query parameters the operation declares (its own and its path's), for reporting a captured URL. */
  queryParameters: string[];
  operationId: string | undefined;
}

export class SpecError extends Error {
  override name = 'SpecError';
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
  'prefixItems',
  '$schema',
  '$id',
  '$ref',
  '$anchor',
  '$dynamicRef',
  '$dynamicAnchor',
  '$comment',
  '$vocabulary',
  'type',
  'enum',
  'const',
  'format',
  'pattern',
  'required',
  'title',
  'description',
  'default',
  'examples',
  'deprecated',
  'readOnly',
  'writeOnly',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minContains',
  'maxContains',
  'minProperties',
  'maxProperties',
  'dependentRequired',
  'contentEncoding',
  'contentMediaType',
]);

/** Annotations that neither Ajv nor a message reads (`deprecated` stays: it names a legacy timestamp). */
const DOCUMENTATION = new Set([
  'title',
  'description',
  'example',
  'examples',
  'default',
  '$comment',
  'readOnly',
  'writeOnly',
  'externalDocs',
  'xml',
]);

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
  define(patterns, '^__proto__$', Object.getOwnPropertyDescriptor(properties, '__proto__')!.value);
  Reflect.deleteProperty(properties, '__proto__');
  define(schema, 'patternProperties', patterns);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const SCHEMA_REF_PREFIX = '#/components/schemas/';

function rewriteRef(ref: string, open: boolean): string {
  if (!ref.startsWith(SCHEMA_REF_PREFIX))
    throw new SpecError(
      `unsupported schema $ref ${ref}: schemas may only reference #/components/schemas/... (bundle the spec first)`,
    );
  return `${open ? OPEN_COMPONENTS_ID : COMPONENTS_ID}#/$defs/${ref.slice(SCHEMA_REF_PREFIX.length)}`;
}

class SchemaCopier {
  readonly annotationKeywords = new Set<string>();
  readonly formats = new Set<string>();
  private readonly copies = [new WeakMap<object, unknown>(), new WeakMap<object, unknown>()];

  /** Deep-copies a schema: refs made absolute, drift rules applied. `open`: the schema is one part of an object. */
  copy(node: unknown, where: string, open = false): unknown {
    if (typeof node === 'boolean') return node;
    if (!isObject(node)) throw new SpecError(`${where}: a schema must be an object or a boolean`);
    const memo = this.copies[open ? 1 : 0]!;
    const known = memo.get(node);
    if (known !== undefined) return known;
    const out: Schema = {};
    memo.set(node, out);
    // The parts of an object schema (allOf members, a $ref or the branches beside its own properties) describe the
    // same object; they stay open, and the holder alone is closed, seeing every property its parts evaluate.
    const partsOpen = open || describesObjects(node);
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') {
        out.$ref = rewriteRef(value, partsOpen);
      } else if (SCHEMA_MAP_KEYWORDS.includes(key) && isObject(value)) {
        const map: Schema = {};
        for (const [name, sub] of Object.entries(value)) define(map, name, this.copy(sub, `${where}/${key}/${name}`));
        define(out, key, map);
      } else if (PART_MAP_KEYWORDS.includes(key) && isObject(value)) {
        const map: Schema = {};
        for (const [name, sub] of Object.entries(value))
          define(map, name, this.copy(sub, `${where}/${key}/${name}`, partsOpen));
        define(out, key, map);
      } else if (SCHEMA_KEYWORDS.includes(key) && (isObject(value) || typeof value === 'boolean')) {
        define(out, key, this.copy(value, `${where}/${key}`));
      } else if (CONDITION_KEYWORDS.includes(key) && (isObject(value) || typeof value === 'boolean')) {
        define(out, key, this.copy(value, `${where}/${key}`, true));
      } else if (PART_KEYWORDS.includes(key) && (isObject(value) || typeof value === 'boolean')) {
        define(out, key, this.copy(value, `${where}/${key}`, partsOpen));
      } else if (key === 'allOf' && Array.isArray(value)) {
        define(
          out,
          key,
          value.map((sub, i) => this.copy(sub, `${where}/${key}/${i}`, true)),
        );
      } else if (PART_LIST_KEYWORDS.includes(key) && Array.isArray(value)) {
        define(
          out,
          key,
          value.map((sub, i) => this.copy(sub, `${where}/${key}/${i}`, partsOpen)),
        );
      } else if (key === 'prefixItems' && Array.isArray(value)) {
        define(
          out,
          key,
          value.map((sub, i) => this.copy(sub, `${where}/${key}/${i}`)),
        );
      } else if (isDocumentation(key)) {
        // Left out: see the file's header.
      } else {
        if (key === 'nullable')
          throw new SpecError(`${where}: 'nullable' is OpenAPI 3.0; write type: [..., "null"] (OpenAPI 3.1)`);
        if (key === 'format' && typeof value === 'string') this.formats.add(value);
        if (!JSON_SCHEMA_KEYWORDS.has(key)) this.annotationKeywords.add(key);
        define(out, key, value);
      }
    }
    closeForDrift(out, open);
    protoAsPattern(out);
    for (const key of Object.keys(out)) if (!JSON_SCHEMA_KEYWORDS.has(key)) this.annotationKeywords.add(key);
    return out;
  }
}

/** Reads `keys` from the document; where it meets a `$ref` object, reads the same place in the dereferenced one. */
function reader(doc: OpenApiDocument, dereferenced: OpenApiDocument | undefined) {
  return (keys: string[]): unknown => {
    let node: unknown = doc;
    for (const key of keys) {
      if (isObject(node) && typeof node.$ref === 'string') {
        if (!dereferenced)
          throw new SpecError(
            `${keys.join('/')}: declared by $ref; pass the dereferenced document too (loadSpec(path).dereferenced)`,
          );
        return keys.reduce<unknown>((n, k) => (isObject(n) ? n[k] : undefined), dereferenced);
      }
      node = isObject(node) ? node[key] : undefined;
    }
    return node;
  };
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * The names of the `in: query` parameters listed at each of `places` (an operation, its path item). A parameter given
 * as a `$ref` is read in the dereferenced document; without one it is left out (its values are then not shown).
 */
function queryParameters(
  at: (keys: string[]) => unknown,
  dereferenced: OpenApiDocument | undefined,
  places: string[][],
): string[] {
  const names = new Set<string>();
  for (const place of places) {
    const list = at([...place, 'parameters']);
    if (!Array.isArray(list)) continue;
    for (const [i, item] of list.entries()) {
      const parameter =
        isObject(item) && typeof item.$ref === 'string'
          ? [...place, 'parameters', String(i)].reduce<unknown>(
              (n, k) => (Array.isArray(n) ? n[Number(k)] : isObject(n) ? n[k] : undefined),
              dereferenced,
            )
          : item;
      if (isObject(parameter) && parameter.in === 'query' && typeof parameter.name === 'string')
        names.add(parameter.name);
    }
  }
  return [...names];
}

export function buildContractModel(
  doc: OpenApiDocument,
  operationId?: string,
  dereferenced?: OpenApiDocument,
): ContractModel {
  if (!isObject(doc) || typeof doc.openapi !== 'string')
    throw new SpecError('not an OpenAPI document (no "openapi" field)');
  if (!doc.openapi.startsWith('3.1'))
    throw new SpecError(`OpenAPI ${doc.openapi} is not supported: the contract check needs OpenAPI 3.1`);
  const at = reader(doc, dereferenced);
  const copier = new SchemaCopier();

  const sourceSchemas = at(['components', 'schemas']);
  const closed: Schema = {};
  const open: Schema = {};
  for (const [name, schema] of Object.entries(isObject(sourceSchemas) ? sourceSchemas : {})) {
    define(closed, name, copier.copy(schema, `${SCHEMA_REF_PREFIX}${name}`));
    define(open, name, copier.copy(schema, `${SCHEMA_REF_PREFIX}${name}`, true));
    // The name travels in the schema (messages say "... of TargetEvaluationType"), so that it survives the copy
    // of the schemas that the validator compiled at build time embeds.
    for (const copy of [closed[name], open[name]]) if (isObject(copy)) copy[CONTRACT_NAME] = name;
  }
  copier.annotationKeywords.add(CONTRACT_NAME);

  const paths = at(['paths']);
  if (!isObject(paths)) throw new SpecError('the spec has no paths');
  const found: { keys: string[]; path: string; id: string | undefined }[] = [];
  for (const p of Object.keys(paths)) {
    for (const method of METHODS) {
      const op = at(['paths', p, method]);
      if (isObject(op))
        found.push({
          keys: ['paths', p, method],
          path: p,
          id: typeof op.operationId === 'string' ? op.operationId : undefined,
        });
    }
  }
  if (found.length === 0) throw new SpecError('the spec declares no operation');
  let chosen = operationId ? found.find((f) => f.id === operationId) : undefined;
  if (operationId && !chosen) throw new SpecError(`the spec has no operation ${operationId}`);
  chosen ??= found.find((f) => f.id === 'getUserTargetGroups') ?? found[0]!;
  const operation = chosen;

  const responses = new Map<string, ResponseModel>();
  const declared = at([...operation.keys, 'responses']);
  if (!isObject(declared)) throw new SpecError(`operation ${operation.id ?? operation.path} declares no responses`);
  for (const key of Object.keys(declared)) {
    const content = at([...operation.keys, 'responses', key, 'content']);
    let schema: Schema | undefined;
    if (isObject(content)) {
      const mediaKey =
        Object.keys(content).find((k) => /^application\/json\b/i.test(k)) ??
        Object.keys(content).find((k) => /json/i.test(k));
      const source = mediaKey ? at([...operation.keys, 'responses', key, 'content', mediaKey, 'schema']) : undefined;
      if (source !== undefined) {
        const copy = copier.copy(source, `responses/${key}/content/${mediaKey}/schema`);
        schema = isObject(copy) ? copy : copy === true ? {} : { not: {} };
      }
    }
    responses.set(key.toUpperCase(), { key, schema });
  }
  return {
    components: [
      { $id: COMPONENTS_ID, $defs: closed },
      { $id: OPEN_COMPONENTS_ID, $defs: open },
    ],
    responses,
    annotationKeywords: copier.annotationKeywords,
    formats: copier.formats,
    pathTemplates: found.filter((f) => at(f.keys) === at(operation.keys)).map((f) => f.path),
    queryParameters: queryParameters(at, dereferenced, [operation.keys, ['paths', operation.path]]),
    operationId: operation.id,
  };
}
