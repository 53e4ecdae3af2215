/**
 * The operations of a spec, each with what every tool asks of it: method and path template, parameters (path
 * items' and the operation's, merged), the security it needs, its responses by status with their schemas (bundled,
 * with `$ref`s kept, and dereferenced) and named examples, and where each is written. Read from the bundled document
 * for names and from the dereferenced one for content, so nothing here follows a `$ref`.
 */
import { componentName, followLocalRefs, type OpenApiDocument } from './document.js';
import {
  type CompiledTemplate,
  compileTemplate,
  matchSegments,
  pathOf,
  segmentsOf,
  serverBasePath,
} from './pathMatch.js';
import { pointerOf } from './pointer.js';
import { isObject, type JsonObject } from './schema.js';

/** The operation keys of a path item (OpenAPI 3.1). */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  /** Path parameters are always required. */
  required: boolean;
  deprecated: boolean;
  description: string | undefined;
  /** Dereferenced; `{}` when the parameter declares none. */
  schema: JsonObject;
  /** The parameter object itself, dereferenced (`example`, `style`, `x-*`, ...). */
  definition: JsonObject;
  /** Where it is declared (under the operation or its path item), in the bundled document. */
  pointer: string;
}

/** One way to authenticate: every scheme of it at once. An empty `schemes` list: no authentication needed. */
export interface SecurityRequirement {
  schemes: { name: string; scopes: string[]; scheme: JsonObject | undefined }[];
}

/** A named example of a response, as the mock serves it and the docs show it. */
export interface NamedExample {
  /** The example's name (its key under the response, which is also its `components.examples` name). */
  name: string;
  /** The response status it is declared under: `200`, `404`, ... */
  status: string;
  /** The component schema the response declares (`TargetGroupsResponse`, `ErrorResponse`), when it is a `$ref`. */
  schemaName: string | undefined;
  summary: string | undefined;
  description: string | undefined;
  value: unknown;
  /** The fixture the value is taken from verbatim (`fixtures/seed/<file>`, `fixtures/connected/<file>`), for real bodies. */
  fixture: string | undefined;
  /** The operation it is an example of. */
  operationId: string;
  mediaType: string;
  /** Where the example is written: its component (`/components/examples/NAME`) when referenced, else inline. */
  pointer: string;
  /** 1-based line of the example in the spec's text; 0 when the document was given without its text. */
  line: number;
}

export interface OperationResponse {
  /** The status key as declared: `200`, `4XX`, `default`. */
  status: string;
  description: string | undefined;
  /** The JSON media type of the body (`application/json`), when the response declares one. */
  mediaType: string | undefined;
  /** The body's schema, dereferenced. */
  schema: JsonObject | undefined;
  /** The body's schema as written, `$ref`s kept (`{ $ref: '#/components/schemas/X' }`). */
  bundledSchema: JsonObject | undefined;
  /** The component schema the body is, when it is a `$ref` to one. */
  schemaName: string | undefined;
  /** Where the body's schema is written under the operation (`.../responses/200/content/application~1json/schema`). */
  schemaPointer: string | undefined;
  /** Response headers by name, dereferenced. */
  headers: Record<string, JsonObject>;
  examples: NamedExample[];
  pointer: string;
  line: number;
}

export interface Operation {
  /** `operationId`, or `GET /path` for an operation without one. */
  id: string;
  operationId: string | undefined;
  method: HttpMethod;
  /** The path template, as the `paths` key: `/v3/users/{userId}/targetGroups`. */
  path: string;
  summary: string | undefined;
  description: string | undefined;
  deprecated: boolean;
  tags: string[];
  parameters: Parameter[];
  /** The operation's `security`, else the document's; alternatives, any one of which is enough. */
  security: SecurityRequirement[];
  responses: OperationResponse[];
  /** The operation object, bundled (`$ref`s kept) and dereferenced. */
  bundled: JsonObject;
  dereferenced: JsonObject;
  pointer: string;
  line: number;
  /** The declared response of an HTTP status: exact, then `200` for another 2xx, then `NXX`, then `default`. */
  responseFor(status: number): OperationResponse | undefined;
  /** The path parameters of a concrete path (no query) if it is this operation's path under one of its servers. */
  matchPath(path: readonly string[]): Record<string, string> | undefined;
  /** The compiled template (for ranking matches) and the server base paths it is under. */
  readonly template: CompiledTemplate;
  readonly basePaths: CompiledTemplate[];
}

type Locate = (pointer: string) => { line: number };

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
const objectAt = (node: unknown, key: string): JsonObject | undefined =>
  isObject(node) && Object.hasOwn(node, key) && isObject(node[key]) ? (node[key] as JsonObject) : undefined;
const JSON_MEDIA = [/^application\/json\b/i, /^application\/[^;]*\+json\b/i, /json/i];

/** The JSON media type of a `content` map: `application/json`, then `*+json`, then anything with json in it. */
export function jsonMediaType(content: JsonObject | undefined): string | undefined {
  const keys = Object.keys(content ?? {});
  for (const pattern of JSON_MEDIA) {
    const found = keys.find((key) => pattern.test(key));
    if (found) return found;
  }
  return undefined;
}

function parametersOf(item: JsonObject, operation: JsonObject, pointer: string, itemPointer: string): Parameter[] {
  const merged = new Map<string, Parameter>();
  for (const [list, at] of [
    [item.parameters, itemPointer],
    [operation.parameters, pointer],
  ] as const) {
    if (!Array.isArray(list)) continue;
    list.forEach((definition, index) => {
      if (!isObject(definition) || typeof definition.name !== 'string' || typeof definition.in !== 'string') return;
      // An operation's parameter overrides its path item's of the same name and location.
      merged.set(`${definition.in}\u0000${definition.name}`, {
        name: definition.name,
        in: definition.in as Parameter['in'],
        required: definition.in === 'path' || definition.required === true,
        deprecated: definition.deprecated === true,
        description: text(definition.description),
        schema: objectAt(definition, 'schema') ?? {},
        definition,
        pointer: `${at}/parameters/${index}`,
      });
    });
  }
  return [...merged.values()];
}

function securityOf(requirements: unknown, schemes: JsonObject): SecurityRequirement[] {
  if (!Array.isArray(requirements)) return [];
  return requirements.filter(isObject).map((requirement) => ({
    schemes: Object.entries(requirement).map(([name, scopes]) => ({
      name,
      scopes: Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === 'string') : [],
      scheme: objectAt(schemes, name),
    })),
  }));
}

function responsesOf(
  operationId: string,
  document: OpenApiDocument,
  bundled: JsonObject | undefined,
  dereferenced: JsonObject,
  pointer: string,
  locate: Locate,
): OperationResponse[] {
  return Object.entries(objectAt(dereferenced, 'responses') ?? {}).flatMap(([status, response]) => {
    if (!isObject(response)) return [];
    const at = `${pointer}/responses/${pointerOf([status]).slice(1)}`;
    const written = followLocalRefs(document, objectAt(objectAt(bundled, 'responses'), status));
    const mediaType = jsonMediaType(objectAt(response, 'content'));
    const media = mediaType ? objectAt(objectAt(response, 'content'), mediaType) : undefined;
    const writtenMedia = mediaType ? objectAt(objectAt(written, 'content'), mediaType) : undefined;
    const bundledSchema = objectAt(writtenMedia, 'schema');
    const schemaName = componentName(bundledSchema?.$ref, 'schemas');
    const examples = Object.entries(objectAt(media, 'examples') ?? {}).flatMap(([name, example]) => {
      if (!isObject(example)) return [];
      const component = componentName(objectAt(objectAt(writtenMedia, 'examples'), name)?.$ref, 'examples');
      const examplePointer = component
        ? pointerOf(['components', 'examples', component])
        : `${at}/content/${pointerOf([mediaType!]).slice(1)}/examples/${pointerOf([name]).slice(1)}`;
      return [
        {
          name,
          status,
          schemaName,
          summary: text(example.summary),
          description: text(example.description),
          value: example.value,
          fixture: text(example['x-fixture']),
          operationId,
          mediaType: mediaType!,
          pointer: examplePointer,
          line: locate(examplePointer).line,
        },
      ];
    });
    const headers = Object.fromEntries(
      Object.entries(objectAt(response, 'headers') ?? {}).filter((entry): entry is [string, JsonObject] =>
        isObject(entry[1]),
      ),
    );
    return [
      {
        status,
        description: text(response.description),
        mediaType,
        schema: objectAt(media, 'schema'),
        bundledSchema,
        schemaName,
        schemaPointer: objectAt(media, 'schema')
          ? `${at}/content/${pointerOf([mediaType!]).slice(1)}/schema`
          : undefined,
        headers,
        examples,
        pointer: at,
        line: locate(at).line,
      },
    ];
  });
}

/**
 * The declared status key (`200`, `4XX`, `default`, as written) that answers an HTTP status: exact, then `200` for
 * another 2xx, then `NXX`, then `default`. For a tool that holds only the keys (the validator compiled at build time).
 */
export function declaredStatus(keys: readonly string[], status: number): string | undefined {
  const byKey = (key: string) => keys.find((k) => k.toUpperCase() === key);
  return (
    byKey(String(status)) ??
    (status >= 200 && status < 300 ? byKey('200') : undefined) ??
    byKey(`${Math.floor(status / 100)}XX`) ??
    byKey('DEFAULT')
  );
}

function responseFor(responses: OperationResponse[], status: number): OperationResponse | undefined {
  const key = declaredStatus(
    responses.map((r) => r.status),
    status,
  );
  return responses.find((r) => r.status === key);
}

const basePathsOf = (servers: unknown): CompiledTemplate[] =>
  (Array.isArray(servers) ? servers : [])
    .map((server) => (isObject(server) && typeof server.url === 'string' ? serverBasePath(server.url) : ''))
    .filter((base, i, all) => all.indexOf(base) === i)
    .map(compileTemplate);

/**
 * Every operation of the spec, in the order of `paths` and of {@link HTTP_METHODS}, from its bundled and its
 * dereferenced document. `locate` gives the line of a pointer; without it (a document without its text) every
 * `line` is 0.
 */
export function operationsOf(
  document: OpenApiDocument,
  dereferenced: OpenApiDocument,
  locate: Locate = () => ({ line: 0 }),
): Operation[] {
  const schemes = objectAt(dereferenced.components, 'securitySchemes') ?? {};
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(dereferenced.paths)) {
    if (!isObject(item)) continue;
    const itemPointer = pointerOf(['paths', path]);
    for (const method of HTTP_METHODS) {
      const operation = objectAt(item, method);
      if (!operation) continue;
      const pointer = `${itemPointer}/${method}`;
      const bundled = objectAt(followLocalRefs(document, document.paths[path]), method);
      const operationId = text(operation.operationId);
      const id = operationId ?? `${method.toUpperCase()} ${path}`;
      const responses = responsesOf(id, document, bundled, operation, pointer, locate);
      const template = compileTemplate(path);
      const servers = operation.servers ?? item.servers ?? dereferenced.servers;
      const basePaths = basePathsOf(servers);
      if (!basePaths.some((base) => base.segments.length === 0)) basePaths.push(compileTemplate(''));
      operations.push({
        id,
        operationId,
        method,
        path,
        summary: text(operation.summary),
        description: text(operation.description),
        deprecated: operation.deprecated === true,
        tags: Array.isArray(operation.tags) ? operation.tags.filter((t): t is string => typeof t === 'string') : [],
        parameters: parametersOf(item, operation, pointer, itemPointer),
        security: securityOf(operation.security ?? dereferenced.security, schemes),
        responses,
        bundled: bundled ?? operation,
        dereferenced: operation,
        pointer,
        line: locate(pointer).line,
        responseFor: (status) => responseFor(responses, status),
        matchPath: (segments) => {
          for (const base of basePaths) {
            const baseLength = base.segments.length;
            if (!matchSegments(base, segments.slice(0, baseLength))) continue;
            const params = matchSegments(template, segments.slice(baseLength));
            if (params) return params;
          }
          return undefined;
        },
        template,
        basePaths,
      });
    }
  }
  return operations;
}

export interface OperationMatch {
  operation: Operation;
  /** The path parameters, decoded: `{ userId: '42' }`. */
  params: Record<string, string>;
  /**
   * `''` when the path is the operation's (under one of its servers); else the leading segments that the spec does
   * not declare (`/gateway` for `/gateway/v3/users/42/targetGroups`): a tool decides whether a call through an
   * undeclared prefix counts.
   */
  prefix: string;
}

/**
 * The operation a request is: `method` (any case) and a URL or request target (`https://host/v3/users/42/x?y`,
 * `/v3/users/42/x`). A whole-path match wins over one under an undeclared prefix, a shorter prefix over a longer
 * one, a template with more literal segments over one with fewer (`/users/me` over `/users/{id}`), then the spec's
 * order.
 */
export function matchOperation(
  operations: readonly Operation[],
  method: string,
  url: string,
): OperationMatch | undefined {
  const wanted = method.toLowerCase();
  const segments = segmentsOf(pathOf(url));
  let best: (OperationMatch & { skipped: number }) | undefined;
  for (const operation of operations) {
    if (operation.method !== wanted) continue;
    for (let skipped = 0; skipped <= segments.length; skipped++) {
      if (
        best &&
        (skipped > best.skipped ||
          (skipped === best.skipped && operation.template.literals <= best.operation.template.literals))
      )
        break;
      const params = operation.matchPath(segments.slice(skipped));
      if (!params) continue;
      const prefix = skipped === 0 ? '' : `/${segments.slice(0, skipped).join('/')}`;
      best = { operation, params, prefix, skipped };
      break;
    }
  }
  if (!best) return undefined;
  const { skipped: _, ...match } = best;
  return match;
}
