/**
 * `loadSpec`: a spec read once, with the answers every tool needs computed once. The text is parsed and its
 * references checked (./read.ts); Redocly's bundler (`@redocly/openapi-core`, as openapi-typescript and Redocly CLI
 * load specs) then resolves them, from the already parsed files, through a resolver that refuses what the check
 * refused, so no URL is fetched and no file outside the spec's directory is read even if the check missed one.
 */
import path from 'node:path';
import { BaseResolver, bundle, createConfig, type Document, ResolveError, Source } from '@redocly/openapi-core';
import type { OpenApiDocument } from './document.js';
import { SpecReadError, type SpecReadErrorKind } from './errors.js';
import { withoutMigrationKeys } from './migration.js';
import { matchOperation, type NamedExample, type Operation, type OperationMatch, operationsOf } from './operations.js';
import { parseSpecText } from './parse.js';
import { readSpecFiles, type SpecInput } from './read.js';
import { refTarget, refusalOf, type SpecFiles } from './references.js';
import { valueAt } from './pointer.js';
import { isObject, type JsonObject } from './schema.js';
import type { SourcePosition } from './sourceMap.js';
import { specPath } from './fixtures.js';

export interface LoadedSpec {
  /** Absolute path of the file read, or the name given with a spec's text. */
  path: string;
  /** The spec's text as read. */
  text: string;
  /** Bundled: one document, internal `$ref`s kept (what openapi-typescript, Prism and Redoc read). */
  document: OpenApiDocument;
  /** Fully dereferenced: every `$ref` replaced by what it points at (what a walker of values reads). */
  dereferenced: OpenApiDocument;
  /** Every operation, in the order of `paths` and methods. */
  operations: Operation[];
  /** Every named example of every response of every operation, in the spec's order. */
  examples: NamedExample[];
  /** The component schemas by name, dereferenced. */
  schemas: Record<string, JsonObject>;
  /** The operation with this `operationId` (or `GET /path` id), if the spec has it. */
  operation(id: string): Operation | undefined;
  /** The operation a request is, by method and URL or path ({@link matchOperation}). */
  match(method: string, url: string): OperationMatch | undefined;
  /** Where the node at a JSON pointer (into the spec's own text) is written. */
  locate(pointer: string): SourcePosition;
  /** The component schema a dereferenced schema node is a copy of, when it is one (compared by content). */
  componentOf(schema: JsonObject): string | undefined;
}

/** Set where the guarded resolver refuses, so the bundler's problem is read back as the refusal it is. */
const REFUSED = 'refused by the spec reader: ';

class GuardedResolver extends BaseResolver {
  constructor(private readonly files: SpecFiles) {
    super();
  }

  override async loadExternalRef(absoluteRef: string): Promise<Source> {
    const refusal = refusalOf(refTarget(absoluteRef, this.files.tree), this.files.tree);
    if (refusal) throw new ResolveError(new Error(`${REFUSED}${absoluteRef}: ${refusal}`));
    return super.loadExternalRef(absoluteRef);
  }

  override parseDocument(source: Source, isRoot = false): Document {
    const known =
      source.absoluteRef === this.files.root.file ? this.files.root : this.files.files.get(source.absoluteRef);
    if (known) return { source, parsed: structuredClone(known.value) };
    // A file the bundler reads as text (a Markdown description, say): not a document, nothing to expand.
    if (!isRoot && !/\.(ya?ml|json)$/i.test(source.absoluteRef) && !/(json|yaml|openapi)/.test(source.mimeType ?? ''))
      return { source, parsed: source.body };
    return { source, parsed: parseSpecText(source.body, source.absoluteRef).value };
  }
}

// An empty ruleset: bundling only resolves references; linting is the lint gate's job (spec/scripts/lint.mjs).
// Example values are data: a `$ref` inside one is refused by the reference check, never resolved.
let bundleConfig: ReturnType<typeof createConfig> | undefined;

function problemKind(message: string): SpecReadErrorKind {
  if (!message.includes(REFUSED)) return 'unresolved-ref';
  return /remote reference/.test(message) ? 'remote-ref' : 'out-of-tree-ref';
}

async function bundled(files: SpecFiles, dereference: boolean): Promise<OpenApiDocument> {
  bundleConfig ??= createConfig({ resolve: { doNotResolveExamples: true } });
  const config = await bundleConfig;
  const { root, tree } = files;
  // Relative references resolve from the root's place: its file, or the directory given with its text.
  const absoluteRef =
    tree === undefined || path.isAbsolute(root.file) ? root.file : path.join(tree, path.basename(root.file));
  const doc = { source: new Source(absoluteRef, root.text), parsed: structuredClone(root.value) };
  const result = await bundle({ doc, config, dereference, externalRefResolver: new GuardedResolver(files) });
  const missing = result.problems.find((problem) => /can't resolve|could not resolve/i.test(problem.message));
  if (missing) {
    const location = missing.location[0];
    const pointer = location?.pointer?.replace(/^#/, '') ?? '';
    const inRoot = location?.source.absoluteRef === absoluteRef;
    const holder = inRoot ? valueAt(root.value, pointer) : undefined;
    const ref = isObject(holder) && typeof holder.$ref === 'string' ? holder.$ref : undefined;
    const place = inRoot ? root.source.locate(ref === undefined ? pointer : `${pointer}/$ref`) : undefined;
    const reason = missing.message.replace(REFUSED, '').replace(/^Can't resolve \$ref$/, 'names nothing');
    throw new SpecReadError(
      problemKind(missing.message),
      inRoot ? root.file : (location?.source.absoluteRef ?? root.file),
      `${ref === undefined ? '$ref' : `$ref ${JSON.stringify(ref)}`} at ${pointer || '/'}: ${reason}`,
      place && { line: place.line, column: place.column, pointer },
      ref,
    );
  }
  return result.bundle.parsed as OpenApiDocument;
}

function assertOpenApi(value: unknown, file: string): void {
  if (!isObject(value))
    throw new SpecReadError('not-openapi', file, 'not an OpenAPI document (the file is not a YAML mapping)');
  if (typeof value.openapi !== 'string' || !isObject(value.paths))
    throw new SpecReadError('not-openapi', file, 'not an OpenAPI document (no `openapi` version or no `paths`)');
  const components = value.components;
  if (!isObject(components) || !isObject(components.schemas))
    throw new SpecReadError('not-openapi', file, 'declares no `components.schemas`');
}

/**
 * Reads a spec (by default the contract, `spec/targetGroups.yaml`): a file path, or `{ text, name }` for a spec's
 * text. Throws {@link SpecReadError} with a kind per reason when it cannot be read.
 */
export async function loadSpec(input: SpecInput = specPath): Promise<LoadedSpec> {
  const files = readSpecFiles(input);
  const { root } = files;
  assertOpenApi(root.value, root.file);
  const [document, dereferencedWithMap] = await Promise.all([bundled(files, false), bundled(files, true)]);
  // The migration map annotates properties as written, `$ref`s included; merged into a dereferenced copy of a
  // component it would make the copy unrecognisable as that component (componentOf), so it is read from `document`.
  const dereferenced = withoutMigrationKeys(dereferencedWithMap);
  assertOpenApi(document, root.file);
  const locate = (pointer: string) => root.source.locate(pointer);
  const operations = operationsOf(document, dereferenced, locate);
  const byId = new Map(operations.map((operation) => [operation.id, operation]));
  const byContent = new Map<string, string>();
  for (const [name, schema] of Object.entries(dereferenced.components.schemas))
    if (!byContent.has(JSON.stringify(schema))) byContent.set(JSON.stringify(schema), name);
  const componentOfNode = new WeakMap<object, string | null>();
  return {
    path: root.file,
    text: root.text,
    document,
    dereferenced,
    operations,
    examples: operations.flatMap((operation) => operation.responses.flatMap((response) => response.examples)),
    schemas: dereferenced.components.schemas,
    operation: (id) => byId.get(id),
    match: (method, url) => matchOperation(operations, method, url),
    locate,
    componentOf: (schema) => {
      let name = componentOfNode.get(schema);
      if (name === undefined) {
        name = byContent.get(JSON.stringify(schema)) ?? null;
        componentOfNode.set(schema, name);
      }
      return name ?? undefined;
    },
  };
}
