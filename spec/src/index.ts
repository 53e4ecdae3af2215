/**
 * The one reader of the contract. Every package, script and test that needs the spec, its named examples or the
 * seed's real bodies goes through this module, so that `$ref` resolution, example discovery and the fixtures' layout
 * live in one place. Loading is Redocly's own bundler (`@redocly/openapi-core`), as openapi-typescript and Redocly
 * CLI load specs, not a hand-written `$ref` follower.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BaseResolver, bundle, createConfig } from '@redocly/openapi-core';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The hand-written contract, `spec/targetGroups.yaml`. */
export const specPath = path.join(packageDir, 'targetGroups.yaml');
/** The seed's real response bodies, one JSON file each (`<userId>.json`, plus the page's fragments). */
export const seedFixturesDir = path.join(packageDir, 'fixtures', 'seed');

export type JsonObject = Record<string, unknown>;

/** An OpenAPI 3.1 document as plain JSON. Typed loosely: each reader narrows what it walks. */
export interface OpenApiDocument extends JsonObject {
  openapi: string;
  info: JsonObject;
  paths: Record<string, JsonObject>;
  components: JsonObject & { schemas: Record<string, JsonObject>; examples?: Record<string, JsonObject> };
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
  /** The seed fixture the value is taken from verbatim (`fixtures/seed/<file>`), for examples from real bodies. */
  fixture: string | undefined;
}

export interface LoadedSpec {
  /** Absolute path of the file read. */
  path: string;
  /** Bundled: one document, internal `$ref`s kept (what openapi-typescript, Prism and Redoc read). */
  document: OpenApiDocument;
  /** Fully dereferenced: every `$ref` replaced by what it points at (what a walker of values reads). */
  dereferenced: OpenApiDocument;
  /** Every named example of every response of every operation, in the spec's order. */
  examples: NamedExample[];
}

export type SpecReadErrorKind = 'not-found' | 'not-a-file' | 'not-yaml' | 'not-openapi' | 'unresolved-ref';

/** A spec that cannot be read; the message names the file and the reason, never a stack of the parser. */
export class SpecReadError extends Error {
  override name = 'SpecReadError';
  constructor(
    readonly kind: SpecReadErrorKind,
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// An empty ruleset: bundling only resolves references; linting is the lint gate's job (spec/scripts/lint.mjs).
let bundleConfig: ReturnType<typeof createConfig> | undefined;

async function bundled(file: string, dereference: boolean): Promise<OpenApiDocument> {
  bundleConfig ??= createConfig({}, {});
  const config = await bundleConfig;
  let result: Awaited<ReturnType<typeof bundle>>;
  try {
    result = await bundle({ ref: file, config, dereference, externalRefResolver: new BaseResolver() });
  } catch (cause) {
    const reason = cause instanceof Error ? (cause.message.split('\n')[0] ?? '') : String(cause);
    // The bundler parses first, then refuses a document that is not an object: two different faults.
    if (/^Document must be/.test(reason)) {
      throw new SpecReadError('not-openapi', file, 'not an OpenAPI document (the file is not a YAML mapping)');
    }
    throw new SpecReadError('not-yaml', file, `not valid YAML or JSON: ${reason}`);
  }
  const missing = result.problems.find((problem) => /can't resolve|could not resolve/i.test(problem.message));
  if (missing) {
    const where = missing.location[0]?.pointer ?? '';
    throw new SpecReadError('unresolved-ref', file, `${missing.message}${where ? ` (at ${where})` : ''}`);
  }
  const document = result.bundle.parsed as unknown;
  if (!isObject(document) || typeof document.openapi !== 'string' || !isObject(document.paths)) {
    throw new SpecReadError('not-openapi', file, 'not an OpenAPI document (no `openapi` version or no `paths`)');
  }
  if (!isObject(document.components) || !isObject(document.components.schemas)) {
    throw new SpecReadError('not-openapi', file, 'declares no `components.schemas`');
  }
  return document as OpenApiDocument;
}

/** Reads and bundles a spec (by default the contract) and lists its named examples. */
export async function loadSpec(file: string = specPath): Promise<LoadedSpec> {
  const absolute = path.resolve(file);
  if (!existsSync(absolute)) throw new SpecReadError('not-found', absolute, 'no such file');
  if (!statSync(absolute).isFile()) throw new SpecReadError('not-a-file', absolute, 'not a file');
  const [document, dereferenced] = await Promise.all([bundled(absolute, false), bundled(absolute, true)]);
  return { path: absolute, document, dereferenced, examples: namedExamples(document, dereferenced) };
}

/**
 * The object a local reference (`#/components/KIND/NAME`) of a bundled document points at, or undefined. For a
 * reader that walks the bundled document to keep component names (the docs' Markdown links schemas by name).
 */
export function resolveLocalRef(document: OpenApiDocument, ref: string): JsonObject | undefined {
  const match = /^#\/components\/([^/]+)\/([^/]+)$/.exec(ref);
  if (!match) return undefined;
  const group = document.components[match[1]!];
  const target = isObject(group) ? group[decodeURIComponent(match[2]!)] : undefined;
  return isObject(target) ? target : undefined;
}

const componentName = (ref: unknown, kind: string) =>
  typeof ref === 'string' && ref.startsWith(`#/components/${kind}/`)
    ? ref.slice(`#/components/${kind}/`.length)
    : undefined;

/** Every JSON response's named examples, walked in the bundled document for names and the dereferenced one for values. */
function namedExamples(document: OpenApiDocument, dereferenced: OpenApiDocument): NamedExample[] {
  const found: NamedExample[] = [];
  for (const [pathKey, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!isObject(operation) || !isObject(operation.responses)) continue;
      const resolvedOperation = (dereferenced.paths[pathKey] as JsonObject)[method] as JsonObject;
      for (const [status, response] of Object.entries(operation.responses)) {
        const media =
          isObject(response) && isObject(response.content) ? response.content['application/json'] : undefined;
        if (!isObject(media) || !isObject(media.examples)) continue;
        const resolvedMedia = (
          ((resolvedOperation.responses as JsonObject)[status] as JsonObject).content as JsonObject
        )['application/json'] as JsonObject;
        const schemaName = isObject(media.schema) ? componentName(media.schema.$ref, 'schemas') : undefined;
        for (const name of Object.keys(media.examples)) {
          const example = (resolvedMedia.examples as Record<string, JsonObject>)[name]!;
          found.push({
            name,
            status,
            schemaName,
            summary: typeof example.summary === 'string' ? example.summary : undefined,
            description: typeof example.description === 'string' ? example.description : undefined,
            value: example.value,
            fixture: typeof example['x-fixture'] === 'string' ? example['x-fixture'] : undefined,
          });
        }
      }
    }
  }
  return found;
}

export interface SeedFixture {
  /** The file name under `fixtures/seed/`. */
  file: string;
  /** The path as the spec's `x-fixture` names it: `fixtures/seed/<file>`. */
  specRelativePath: string;
  /** The user the body is about (`data.userId`), when it has one. */
  userId: number | undefined;
  /** The file's text exactly as committed. */
  text: string;
  value: unknown;
}

/** The seed's real response bodies (`spec/fixtures/seed/*.json`), sorted by file name. */
export function seedFixtures(): SeedFixture[] {
  return readdirSync(seedFixturesDir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const text = readFileSync(path.join(seedFixturesDir, file), 'utf8');
      const value = JSON.parse(text) as { data?: { userId?: unknown } };
      const userId = typeof value.data?.userId === 'number' ? value.data.userId : undefined;
      return { file, specRelativePath: `fixtures/seed/${file}`, userId, text, value };
    });
}
