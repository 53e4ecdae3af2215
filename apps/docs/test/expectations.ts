// What the docs tests expect, read from the spec through the spec reader, so that the expectations follow the
// contract.
import { type LoadedSpec, loadSpec } from '@target-groups/spec';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Node = { [key: string]: any };

export interface NamedExample {
  status: string;
  name: string;
  /** What Redoc shows for the example in its picker: the summary, else the name. */
  label: string;
  value: Json;
}

export interface DocsExpectations {
  spec: LoadedSpec;
  operationId: string;
  /** Redoc's route of the operation: `/<tag slug>/<operationId in lower case>`. */
  operationRoute: string;
  summary: string;
  path: string;
  parameters: Array<{ name: string; in: string }>;
  queryParameters: string[];
  statuses: string[];
  securitySchemes: string[];
  examples: NamedExample[];
  /** The operation's x-codeSamples: what the language picker shows, and the sample's source. */
  codeSamples: Array<{ label: string; source: string }>;
  /** Titles of the inline SVG diagrams in the tag descriptions (`<svg ...><title>...</title>`). */
  tagDiagrams: string[];
}

// Redoc's section ids: lower case, runs of anything but letters and digits become one hyphen.
const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export async function readExpectations(file?: string): Promise<DocsExpectations> {
  const spec = await loadSpec(file);
  const doc = spec.dereferenced as Node;
  const operations = Object.entries(doc.paths as Record<string, Node>).flatMap(([path, item]) =>
    Object.values(item)
      .filter((op: any) => op && typeof op === 'object' && typeof op.operationId === 'string')
      .map((op: any) => ({ path, op: op as Node })),
  );
  if (operations.length !== 1) throw new Error(`expected the spec to have one operation, found ${operations.length}`);
  const { path, op } = operations[0]!;
  const parameters = (op.parameters ?? []).map((p: Node) => ({ name: p.name as string, in: p.in as string }));
  return {
    spec,
    operationId: op.operationId,
    operationRoute: `/${slug(op.tags?.[0] ?? '')}/${String(op.operationId).toLowerCase()}`,
    summary: op.summary,
    path,
    parameters,
    queryParameters: parameters.filter((p: { in: string }) => p.in === 'query').map((p: { name: string }) => p.name),
    statuses: Object.keys(op.responses ?? {}),
    securitySchemes: Object.keys(doc.components?.securitySchemes ?? {}),
    examples: spec.examples.map((e) => ({
      status: e.status,
      name: e.name,
      label: e.summary ?? e.name,
      value: e.value as Json,
    })),
    codeSamples: (op['x-codeSamples'] ?? []).map((sample: Node) => ({
      label: sample.label ?? sample.lang,
      source: sample.source,
    })),
    tagDiagrams: (doc.tags ?? []).flatMap((tag: Node) =>
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
