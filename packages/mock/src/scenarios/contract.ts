// What the scenario engine knows of the contract: the generated module (written at build from the spec reader) and
// the few questions the engine asks of it. Schemas arrive dereferenced, so nothing here follows a `$ref`.
import { contract, statusScenarios } from './generated/contract.js';

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  'x-extensible-enum'?: boolean;
  additionalProperties?: boolean | JsonSchema;
  pattern?: string;
  format?: string;
  default?: unknown;
  [key: string]: unknown;
};

export interface ContractParameter {
  name: string;
  in: string;
  required: boolean;
  schema: JsonSchema;
}

export interface ContractExample {
  name: string;
  status: number;
  value: unknown;
}

export interface ScenarioContract {
  operationId: string;
  method: string;
  pathTemplate: string;
  parameters: ContractParameter[];
  responses: Record<string, { schema: JsonSchema; description: string }>;
  securitySchemes: { name: string; type: string; scheme?: string; in?: string; headerName?: string }[];
  examples: ContractExample[];
}

export { contract };

/** The named example `name`, if the contract has one. */
export function exampleNamed(name: string): ContractExample | undefined {
  return contract.examples.find((example) => example.name === name);
}

/** The first named example declared under `status`: the body the engine answers that status with. */
export function exampleOfStatus(status: number): ContractExample | undefined {
  return contract.examples.find((example) => example.status === status);
}

/** Declared statuses other than 2xx, in the spec's order (each has its scenario). */
export const declaredErrorStatuses: number[] = Object.values(statusScenarios);

/** The object branch of a schema (`anyOf: [object, null]` → the object), or the schema itself. */
export function objectBranch(schema: JsonSchema): JsonSchema {
  return schema.anyOf?.find((branch) => branch.properties !== undefined) ?? schema;
}

/** Whether a schema admits `null`. */
export function allowsNull(schema: JsonSchema): boolean {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return types.includes('null') || (schema.anyOf?.some(allowsNull) ?? false);
}

/** The schema of the 200 answer's `data` object (`UserTargetGroups`). */
export const userSchema: JsonSchema = objectBranch(
  contract.responses['200']?.schema.properties?.data ?? ({} as JsonSchema),
);

/** The schema found by following property names (`[]` steps into array items) from `schema`. */
export function schemaAt(schema: JsonSchema, steps: string[]): JsonSchema {
  let at = schema;
  for (const step of steps) {
    const object = objectBranch(at);
    const next = step === '[]' ? object.items : object.properties?.[step];
    if (!next) throw new Error(`the contract has no schema at ${steps.join('.')}`);
    at = next;
  }
  return objectBranch(at);
}

/** The known values of an enum at `steps` under the user schema (`targetGroups.[].trackingType`, ...). */
export function enumAt(steps: string[]): string[] {
  const at = schemaAt(userSchema, steps);
  const values = at.enum ?? at.anyOf?.find((branch) => branch.enum)?.enum;
  if (!values?.length) throw new Error(`the contract has no enum at ${steps.join('.')}`);
  return values.filter((value): value is string => typeof value === 'string');
}
