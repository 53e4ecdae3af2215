/**
 * Turns an OpenAPI 3.1 document into what the validator compiles: the component schemas as one JSON Schema
 * 2020-12 document (refs made absolute so any sub-schema can be compiled on its own), and one response schema per
 * declared status of the operation.
 */

export const COMPONENTS_ID = 'urn:target-groups:components';
/** Open enums keep their list under this key instead of `enum`, so that Ajv accepts unknown values and the walk warns. */
export const KNOWN_VALUES = 'x-known-values';

export type Schema = Record<string, unknown>;
export type OpenApiDocument = Record<string, unknown>;

export interface ResponseModel {
  /** The status key as the spec declares it: `200`, `4XX`, `default`. */
  key: string;
  /** The JSON response schema; `undefined` when the response declares no JSON body. */
  schema: Schema | undefined;
}

export interface SpecModel {
  components: Schema;
  responses: Map<string, ResponseModel>;
  /** Component schema objects by identity → their name, for messages such as "... of TargetEvaluationType". */
  names: WeakMap<object, string>;
  /** Keywords outside JSON Schema that appear in the schemas (vendor `x-*`, OpenAPI `example`, ...). */
  annotationKeywords: Set<string>;
  formats: Set<string>;
  /** Path templates of the operation, for recognising its calls in a HAR capture. */
  pathTemplates: string[];
  operationId: string | undefined;
}

export class SpecError extends Error {
  override name = 'SpecError';
}

const SCHEMA_MAP_KEYWORDS = ['properties', 'patternProperties', '$defs', 'dependentSchemas'];
const SCHEMA_KEYWORDS = [
  'items',
  'additionalProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
  'contentSchema',
];
const SCHEMA_LIST_KEYWORDS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const JSON_SCHEMA_KEYWORDS = new Set([
  ...SCHEMA_MAP_KEYWORDS,
  ...SCHEMA_KEYWORDS,
  ...SCHEMA_LIST_KEYWORDS,
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

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function decodePointerToken(token: string): string {
  return decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~');
}

function resolveLocal(doc: OpenApiDocument, ref: string): unknown {
  if (!ref.startsWith('#'))
    throw new SpecError(
      `unsupported $ref ${ref}: only references inside the document are supported (bundle the spec first)`,
    );
  let node: unknown = doc;
  for (const token of ref.slice(1).split('/').slice(1)) {
    const key = decodePointerToken(token);
    if (!isObject(node) && !Array.isArray(node)) throw new SpecError(`$ref ${ref} does not resolve`);
    node = (node as Record<string, unknown>)[key];
    if (node === undefined) throw new SpecError(`$ref ${ref} does not resolve`);
  }
  return node;
}

/** Follows `$ref` chains of non-schema objects (responses, media types). */
function deref(doc: OpenApiDocument, node: unknown, seen = new Set<string>()): unknown {
  while (isObject(node) && typeof node.$ref === 'string') {
    if (seen.has(node.$ref)) throw new SpecError(`$ref cycle at ${node.$ref}`);
    seen.add(node.$ref);
    node = resolveLocal(doc, node.$ref);
  }
  return node;
}

function rewriteRef(ref: string): string {
  const prefix = '#/components/schemas/';
  if (ref.startsWith(prefix)) return `${COMPONENTS_ID}#/$defs/${ref.slice(prefix.length)}`;
  if (ref.startsWith(`${COMPONENTS_ID}#`)) return ref;
  throw new SpecError(`unsupported schema $ref ${ref}: schemas may only reference #/components/schemas/...`);
}

interface CloneContext {
  annotationKeywords: Set<string>;
  formats: Set<string>;
}

/** Deep-copies a schema, rewriting refs and moving open enums' lists aside. */
function cloneSchema(node: unknown, ctx: CloneContext, where: string): unknown {
  if (typeof node === 'boolean') return node;
  if (!isObject(node)) throw new SpecError(`${where}: a schema must be an object or a boolean`);
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = rewriteRef(value);
    } else if (SCHEMA_MAP_KEYWORDS.includes(key) && isObject(value)) {
      const map: Schema = {};
      for (const [name, sub] of Object.entries(value)) map[name] = cloneSchema(sub, ctx, `${where}/${key}/${name}`);
      out[key] = map;
    } else if (SCHEMA_KEYWORDS.includes(key) && (isObject(value) || typeof value === 'boolean')) {
      out[key] = cloneSchema(value, ctx, `${where}/${key}`);
    } else if (SCHEMA_LIST_KEYWORDS.includes(key) && Array.isArray(value)) {
      out[key] = value.map((sub, i) => cloneSchema(sub, ctx, `${where}/${key}/${i}`));
    } else {
      if (key === 'nullable') {
        throw new SpecError(`${where}: 'nullable' is OpenAPI 3.0; write type: [..., "null"] (OpenAPI 3.1)`);
      }
      if (key === 'format' && typeof value === 'string') ctx.formats.add(value);
      if (!JSON_SCHEMA_KEYWORDS.has(key)) ctx.annotationKeywords.add(key);
      out[key] = value;
    }
  }
  if (Array.isArray(out.enum) && out['x-extensible-enum'] === true) {
    out[KNOWN_VALUES] = out.enum;
    delete out.enum;
    ctx.annotationKeywords.add(KNOWN_VALUES);
  }
  return out;
}

function pickOperation(
  doc: OpenApiDocument,
  operationId: string | undefined,
): { op: Record<string, unknown>; paths: string[]; id: string | undefined } {
  const paths = doc.paths;
  if (!isObject(paths)) throw new SpecError('the spec has no paths');
  const found: { op: Record<string, unknown>; path: string; id: string | undefined }[] = [];
  for (const [p, item] of Object.entries(paths)) {
    const pathItem = deref(doc, item);
    if (!isObject(pathItem)) continue;
    for (const method of ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']) {
      const op = pathItem[method];
      if (isObject(op))
        found.push({ op, path: p, id: typeof op.operationId === 'string' ? op.operationId : undefined });
    }
  }
  if (found.length === 0) throw new SpecError('the spec declares no operation');
  let chosen = operationId ? found.find((f) => f.id === operationId) : undefined;
  if (operationId && !chosen) throw new SpecError(`the spec has no operation ${operationId}`);
  chosen ??= found.find((f) => f.id === 'getUserTargetGroups') ?? found[0]!;
  return { op: chosen.op, paths: found.filter((f) => f.op === chosen.op).map((f) => f.path), id: chosen.id };
}

export function buildSpecModel(doc: OpenApiDocument, operationId?: string): SpecModel {
  if (!isObject(doc) || typeof doc.openapi !== 'string')
    throw new SpecError('not an OpenAPI document (no "openapi" field)');
  if (!doc.openapi.startsWith('3.1'))
    throw new SpecError(`OpenAPI ${doc.openapi} is not supported: the contract check needs OpenAPI 3.1`);
  const ctx: CloneContext = { annotationKeywords: new Set(), formats: new Set() };
  const names = new WeakMap<object, string>();

  const sourceSchemas = isObject(doc.components) && isObject(doc.components.schemas) ? doc.components.schemas : {};
  const defs: Schema = {};
  for (const [name, schema] of Object.entries(sourceSchemas)) {
    const cloned = cloneSchema(schema, ctx, `#/components/schemas/${name}`);
    defs[name] = cloned;
    if (isObject(cloned)) names.set(cloned, name);
  }
  const components: Schema = { $id: COMPONENTS_ID, $defs: defs };

  const { op, paths, id } = pickOperation(doc, operationId);
  const responses = new Map<string, ResponseModel>();
  const declared = deref(doc, op.responses);
  if (!isObject(declared)) throw new SpecError(`operation ${id ?? paths[0]} declares no responses`);
  for (const [key, raw] of Object.entries(declared)) {
    const response = deref(doc, raw);
    if (!isObject(response)) continue;
    const content = deref(doc, response.content);
    let schema: Schema | undefined;
    if (isObject(content)) {
      const mediaKey =
        Object.keys(content).find((k) => /^application\/json\b/i.test(k)) ??
        Object.keys(content).find((k) => /json/i.test(k));
      const media = mediaKey ? deref(doc, content[mediaKey]) : undefined;
      if (isObject(media) && media.schema !== undefined) {
        const cloned = cloneSchema(media.schema, ctx, `responses/${key}/content/${mediaKey}/schema`);
        schema = isObject(cloned) ? cloned : cloned === true ? {} : { not: {} };
      }
    }
    responses.set(key.toUpperCase(), { key, schema });
  }
  return {
    components,
    responses,
    names,
    annotationKeywords: ctx.annotationKeywords,
    formats: ctx.formats,
    pathTemplates: paths,
    operationId: id,
  };
}

/** Which declared response applies to an HTTP status: exact, then 200 for any 2xx, then `NXX`, then `default`. */
export function responseFor(model: SpecModel, status: number): ResponseModel | undefined {
  const exact = model.responses.get(String(status));
  if (exact) return exact;
  if (status >= 200 && status < 300 && model.responses.has('200')) return model.responses.get('200');
  return model.responses.get(`${Math.floor(status / 100)}XX`) ?? model.responses.get('DEFAULT');
}

/** Resolves an absolute component ref produced by {@link buildSpecModel}. */
export function resolveComponentRef(model: SpecModel, ref: string): unknown {
  if (!ref.startsWith(`${COMPONENTS_ID}#`)) return undefined;
  let node: unknown = model.components;
  for (const token of ref
    .slice(COMPONENTS_ID.length + 1)
    .split('/')
    .slice(1)) {
    if (!isObject(node)) return undefined;
    node = node[decodePointerToken(token)];
  }
  return node;
}

export const STRICT_COMPONENTS_ID = 'urn:target-groups:components-strict';

class NotStrictable extends Error {}

/**
 * A copy of a schema that fails wherever the check would warn: objects without an `additionalProperties` declaration
 * are closed and open enums are closed. A body that passes it has neither errors nor warnings, so conforming bodies
 * (nearly all of them) cost one fail-fast validation instead of a validation plus a walk. Composition that closing
 * objects would change (`allOf`, or `$ref`/`anyOf`/`oneOf` beside `properties`) makes it throw: such specs go the
 * full way every time.
 */
function strictClone(node: unknown): unknown {
  if (typeof node === 'boolean') return node;
  if (!isObject(node)) return node;
  if (Array.isArray(node.allOf)) throw new NotStrictable();
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = value.startsWith(`${COMPONENTS_ID}#`)
        ? STRICT_COMPONENTS_ID + value.slice(COMPONENTS_ID.length)
        : value;
    } else if (SCHEMA_MAP_KEYWORDS.includes(key) && isObject(value)) {
      const map: Schema = {};
      for (const [name, sub] of Object.entries(value)) map[name] = strictClone(sub);
      out[key] = map;
    } else if (SCHEMA_KEYWORDS.includes(key) && (isObject(value) || typeof value === 'boolean')) {
      out[key] = strictClone(value);
    } else if (SCHEMA_LIST_KEYWORDS.includes(key) && Array.isArray(value)) {
      out[key] = value.map((sub) => strictClone(sub));
    } else if (key === KNOWN_VALUES && Array.isArray(value)) {
      const types = Array.isArray(node.type) ? node.type : [node.type];
      out.enum = types.includes('null') && !value.includes(null) ? [...value, null] : value;
    } else {
      out[key] = value;
    }
  }
  const types = Array.isArray(out.type) ? out.type : [out.type];
  const objectLike = isObject(out.properties) || types.includes('object');
  const declaresMore =
    out.additionalProperties !== undefined ||
    out.patternProperties !== undefined ||
    out.unevaluatedProperties !== undefined;
  if (objectLike && !declaresMore) {
    if (out.$ref !== undefined || out.anyOf !== undefined || out.oneOf !== undefined) throw new NotStrictable();
    out.additionalProperties = false;
  }
  return out;
}

export interface StrictSchemas {
  components: Schema;
  responses: Map<ResponseModel, Schema>;
}

export function strictSchemas(model: SpecModel): StrictSchemas | undefined {
  try {
    const defs: Schema = {};
    for (const [name, schema] of Object.entries((model.components.$defs ?? {}) as Schema))
      defs[name] = strictClone(schema);
    const components: Schema = { $id: STRICT_COMPONENTS_ID, $defs: defs };
    const responses = new Map<ResponseModel, Schema>();
    for (const response of model.responses.values()) {
      if (response.schema) responses.set(response, strictClone(response.schema) as Schema);
    }
    return { components, responses };
  } catch (error) {
    if (error instanceof NotStrictable) return undefined;
    throw error;
  }
}
