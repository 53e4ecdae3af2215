// What the docs tests expect, read from the spec itself so that the expectations follow the contract.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const specPath = fileURLToPath(new URL('../../../spec/targetGroups.yaml', import.meta.url));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Doc = { [key: string]: any };

export interface NamedExample {
  status: string;
  name: string;
  /** What Redoc shows for the example in its picker: the summary, else the name. */
  label: string;
  value: Json;
}

export interface DocsExpectations {
  operationId: string;
  summary: string;
  path: string;
  queryParameters: string[];
  securitySchemes: string[];
  examples: NamedExample[];
  /** The operation's x-codeSamples: what the language picker shows, and the sample's source. */
  codeSamples: Array<{ label: string; source: string }>;
  /** Titles of the inline SVG diagrams in the tag descriptions (`<svg ...><title>...</title>`). */
  tagDiagrams: string[];
}

function resolve(doc: Doc, node: any): any {
  if (node && typeof node.$ref === 'string' && node.$ref.startsWith('#/')) {
    const target = node.$ref
      .slice(2)
      .split('/')
      .map((part: string) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((at: any, key: string) => at?.[key], doc);
    if (target === undefined) throw new Error(`unresolved $ref ${node.$ref} in ${specPath}`);
    return resolve(doc, target);
  }
  return node;
}

export function readExpectations(): DocsExpectations {
  const doc = parse(readFileSync(specPath, 'utf8')) as Doc;
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]: [string, any]) =>
    Object.values(item ?? {})
      .filter((op: any) => op && typeof op === 'object' && typeof op.operationId === 'string')
      .map((op: any) => ({ path, op })),
  );
  if (operations.length !== 1) throw new Error(`expected the spec to have one operation, found ${operations.length}`);
  const { path, op } = operations[0]!;

  const examples: NamedExample[] = [];
  for (const [status, responseNode] of Object.entries(op.responses ?? {})) {
    const response = resolve(doc, responseNode);
    for (const media of Object.values(response.content ?? {}) as any[]) {
      for (const [name, exampleNode] of Object.entries(media.examples ?? {})) {
        const example = resolve(doc, exampleNode);
        examples.push({ status, name, label: example.summary ?? name, value: example.value });
      }
    }
  }

  return {
    operationId: op.operationId,
    summary: op.summary,
    path,
    queryParameters: (op.parameters ?? [])
      .map((p: any) => resolve(doc, p))
      .filter((p: any) => p.in === 'query')
      .map((p: any) => p.name),
    securitySchemes: Object.keys(doc.components?.securitySchemes ?? {}),
    examples,
    codeSamples: (op['x-codeSamples'] ?? []).map((sample: any) => ({
      label: sample.label ?? sample.lang,
      source: sample.source,
    })),
    tagDiagrams: (doc.tags ?? []).flatMap((tag: any) =>
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
