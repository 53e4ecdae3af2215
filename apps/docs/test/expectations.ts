// What the docs tests expect, read from the spec through the spec reader, so that the expectations follow the
// spec: every operation, with Redoc's route for it.
import { type LoadedSpec, loadSpec, type Operation } from '@target-groups/spec';
import { landingOperation, redocRoute } from '../scripts/redocly.mjs';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface NamedExample {
  status: string;
  name: string;
  /** What Redoc shows for the example in its picker: the summary, else the name. */
  label: string;
  value: Json;
}

export interface OperationExpectations {
  operation: Operation;
  /** Redoc's route of the operation (its section id): `/<tag slug>/<operationId in lower case>`. */
  route: string;
  summary: string;
  path: string;
  parameters: Array<{ name: string; in: string }>;
  queryParameters: string[];
  statuses: string[];
  /** The named examples of this operation's responses. */
  examples: NamedExample[];
  /** The operation's x-codeSamples: what the language picker shows, and the sample's source. */
  codeSamples: Array<{ label: string; source: string }>;
}

export interface DocsExpectations {
  spec: LoadedSpec;
  operations: OperationExpectations[];
  /** The operation the page lands on. */
  landing: OperationExpectations;
  securitySchemes: string[];
  /** Titles of the inline SVG diagrams in the tag descriptions (`<svg ...><title>...</title>`). */
  tagDiagrams: string[];
}

function expectationsOf(operation: Operation): OperationExpectations {
  const route = redocRoute(operation);
  if (route === undefined) throw new Error(`${operation.id} has no tag or no operationId: Redoc routes it otherwise`);
  const parameters = operation.parameters.map((p) => ({ name: p.name, in: p.in }));
  const samples = operation.dereferenced['x-codeSamples'];
  return {
    operation,
    route,
    summary: operation.summary ?? '',
    path: operation.path,
    parameters,
    queryParameters: parameters.filter((p) => p.in === 'query').map((p) => p.name),
    statuses: operation.responses.map((r) => r.status),
    examples: operation.responses.flatMap((r) =>
      r.examples.map((e) => ({ status: e.status, name: e.name, label: e.summary ?? e.name, value: e.value as Json })),
    ),
    codeSamples: (Array.isArray(samples) ? samples : []).map((sample: any) => ({
      label: sample.label ?? sample.lang,
      source: sample.source,
    })),
  };
}

export async function readExpectations(file?: string): Promise<DocsExpectations> {
  const spec = await loadSpec(file);
  const operations = spec.operations.map(expectationsOf);
  const landing = operations.find((o) => o.operation === landingOperation(spec));
  if (landing === undefined) throw new Error(`${spec.path} has no operation to land on`);
  const tags = (Array.isArray(spec.document.tags) ? spec.document.tags : []) as Array<{ description?: unknown }>;
  return {
    spec,
    operations,
    landing,
    securitySchemes: Object.keys(spec.document.components.securitySchemes ?? {}),
    tagDiagrams: tags.flatMap((tag) =>
      [...String(tag.description ?? '').matchAll(/<svg\b[^>]*>\s*<title>([^<]+)<\/title>/g)].map((m) => m[1]!.trim()),
    ),
  };
}

/**
 * The first non-null scalar of a body in breadth-first order (a user id, an error code), printed the way Redoc's
 * JSON viewer prints it (`"userId": 566881933`): what tells one example from another on screen.
 */
export function identifyingValue(value: Json): string {
  let level: Array<[string | undefined, Json]> = [[undefined, value]];
  while (level.length > 0) {
    const next: Array<[string | undefined, Json]> = [];
    for (const [key, node] of level) {
      if (node === null) continue;
      if (typeof node !== 'object')
        return key === undefined ? JSON.stringify(node) : `${JSON.stringify(key)}: ${JSON.stringify(node)}`;
      if (Array.isArray(node)) next.push(...node.map((item): [undefined, Json] => [undefined, item]));
      else next.push(...Object.entries(node));
    }
    level = next;
  }
  throw new Error('an example without any scalar value cannot be told apart on screen');
}
