import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { specDir } from './seedBodies.ts';

export const specPath = path.join(specDir, 'targetGroups.yaml');

// Only what the tests read of the OpenAPI document.
export interface ExampleObject {
  summary?: string;
  value: unknown;
  'x-fixture'?: string;
}
interface MediaType {
  schema: { $ref: string };
  examples?: Record<string, { $ref: string }>;
}
export interface SpecDocument {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, MediaType> }> }>>;
  components: { schemas: Record<string, unknown>; examples: Record<string, ExampleObject> };
}

export function loadSpec(file = specPath): SpecDocument {
  return parse(readFileSync(file, 'utf8')) as SpecDocument;
}

/** Every named example referenced from a response, with the schema of the response that references it. */
export function responseExamples(spec: SpecDocument) {
  const found: Array<{ name: string; status: string; schemaName: string }> = [];
  for (const item of Object.values(spec.paths)) {
    for (const operation of Object.values(item)) {
      for (const [status, response] of Object.entries(operation.responses)) {
        const media = response.content?.['application/json'];
        if (!media) continue;
        const schemaName = media.schema.$ref.replace('#/components/schemas/', '');
        for (const ref of Object.values(media.examples ?? {})) {
          found.push({ name: ref.$ref.replace('#/components/examples/', ''), status, schemaName });
        }
      }
    }
  }
  return found;
}

const SCHEMA_ID = 'urn:target-groups:spec';

/**
 * Compiles the spec's component schemas with a JSON Schema 2020-12 validator in strict mode. OpenAPI's
 * `#/components/schemas/X` refs are rewritten to `#/$defs/X` so the schemas form one plain JSON Schema document.
 */
export function schemaValidators(spec: SpecDocument): (schemaName: string) => ValidateFunction {
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
  // ajv-formats is CommonJS; its default export arrives wrapped under ESM.
  const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
    a: Ajv2020,
  ) => void;
  addFormats(ajv);
  // OpenAPI annotations that JSON Schema 2020-12 does not define; they carry no validation.
  ajv.addKeyword({ keyword: 'example' });
  ajv.addKeyword({ keyword: 'x-extensible-enum' });
  const defs = JSON.parse(
    JSON.stringify(spec.components.schemas).replaceAll('"#/components/schemas/', '"#/$defs/'),
  ) as Record<string, unknown>;
  ajv.addSchema({ $id: SCHEMA_ID, $defs: defs });
  return (schemaName) => {
    const validate = ajv.getSchema(`${SCHEMA_ID}#/$defs/${schemaName}`);
    if (!validate) throw new Error(`no schema ${schemaName} in the spec`);
    return validate;
  };
}
