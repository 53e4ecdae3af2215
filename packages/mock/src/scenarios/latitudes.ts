// The latitude of the contract: each way a body may differ from the bodies seen so far and still be one the contract
// accepts, at each place of the answer's `data`. Walked from the spec's schemas (the generated contract), so a spec
// change changes the list:
//   null          a nullable property is null               absent        an optional property is missing
//   unknown-enum  an open enum has a value not listed       undocumented  an object has a property the spec lacks
//   empty         a list is empty                           no-current-period  a target group none of whose
//                                                            targets is in the current period (user 64035151's body)
// A place is a path from `data` with `[]` for the items of a list (`data.targetGroups[].targets[].milestones`): the
// same schema at two places is two places, since a consumer's code reads each with its own line.
import { type JsonSchema, allowsNull, schemaAt, userSchema } from './contract.js';

export type LatitudeKind = 'null' | 'absent' | 'unknown-enum' | 'undocumented' | 'empty' | 'no-current-period';

export interface Latitude {
  kind: LatitudeKind;
  /** Where, from the answer's `data`: `data.customer.profiles[].commChannels[].subscribed`. */
  path: string;
}

export const latitudeKey = ({ kind, path }: Latitude) => `${kind} ${path}`;

/** The only latitude about values rather than shapes; its place and flag are looked up in the spec. */
const PERIOD = { groups: 'targetGroups', targets: 'targets', flag: 'currentPeriod' } as const;
const GROUPS_PATH = `data.${PERIOD.groups}`;
if (schemaAt(userSchema, [PERIOD.groups, '[]', PERIOD.targets, '[]', PERIOD.flag]).type !== 'boolean')
  throw new Error(`the contract no longer has a boolean ${PERIOD.flag} on each target`);

/** The schema a non-null value is read against: `anyOf: [X, null]` → X. */
export function nonNull(schema: JsonSchema): JsonSchema {
  return schema.anyOf?.find((branch) => branch.type !== 'null') ?? schema;
}

export const isOpenEnum = (schema: JsonSchema) => schema['x-extensible-enum'] === true && Array.isArray(schema.enum);
const isList = (schema: JsonSchema) => schema.items !== undefined;
export const isObject = (schema: JsonSchema) => schema.properties !== undefined || isObjectType(schema);
const isObjectType = (schema: JsonSchema) =>
  Array.isArray(schema.type) ? schema.type.includes('object') : schema.type === 'object';
export const opensProperties = (schema: JsonSchema) => schema.additionalProperties !== false;
export const mayBeEmpty = (schema: JsonSchema) => !(typeof schema.minItems === 'number' && schema.minItems > 0);

/** Every latitude of the answer's `data` under `schema` (by default the contract's `UserTargetGroups`). */
export function declaredLatitudes(schema: JsonSchema = userSchema): Latitude[] {
  const found: Latitude[] = [];
  const walk = (at: JsonSchema, path: string) => {
    const s = nonNull(at);
    if (isOpenEnum(s)) found.push({ kind: 'unknown-enum', path });
    if (isList(s)) {
      if (mayBeEmpty(s)) found.push({ kind: 'empty', path });
      walk(s.items!, `${path}[]`);
      if (path === GROUPS_PATH) found.push({ kind: 'no-current-period', path: `${path}[]` });
    }
    if (isObject(s)) {
      if (opensProperties(s)) found.push({ kind: 'undocumented', path });
      const required = new Set(s.required ?? []);
      for (const [name, property] of Object.entries(s.properties ?? {})) {
        if (!required.has(name)) found.push({ kind: 'absent', path: `${path}.${name}` });
        if (allowsNull(property)) found.push({ kind: 'null', path: `${path}.${name}` });
        walk(property, `${path}.${name}`);
      }
    }
  };
  walk(schema, 'data');
  return found;
}

/** The latitudes one answer's `data` uses, as keys (`null data.targetGroups[].targets[].targetId`). */
export function latitudesOf(data: unknown, schema: JsonSchema = userSchema): Set<string> {
  const used = new Set<string>();
  const walk = (value: unknown, at: JsonSchema, path: string) => {
    const s = nonNull(at);
    if (typeof value === 'string') {
      if (isOpenEnum(s) && !s.enum!.includes(value)) used.add(`unknown-enum ${path}`);
    } else if (Array.isArray(value)) {
      if (value.length === 0) used.add(`empty ${path}`);
      for (const item of value) if (item !== null && s.items) walk(item, s.items, `${path}[]`);
      if (path === GROUPS_PATH && value.some(endedGroup)) used.add(`no-current-period ${path}[]`);
    } else if (typeof value === 'object' && value !== null && isObject(s)) {
      const body = value as Record<string, unknown>;
      const properties = s.properties ?? {};
      if (Object.keys(body).some((key) => !Object.hasOwn(properties, key))) used.add(`undocumented ${path}`);
      for (const [name, property] of Object.entries(properties)) {
        if (!Object.hasOwn(body, name)) used.add(`absent ${path}.${name}`);
        else if (body[name] === null) used.add(`null ${path}.${name}`);
        else walk(body[name], property, `${path}.${name}`);
      }
    }
  };
  walk(data, schema, 'data');
  return used;
}

/** A target group with targets, none of them in the current period. */
function endedGroup(group: unknown): boolean {
  const targets = (group as Record<string, unknown> | null)?.[PERIOD.targets];
  return (
    Array.isArray(targets) &&
    targets.length > 0 &&
    targets.every((target) => (target as Record<string, unknown> | null)?.[PERIOD.flag] !== true)
  );
}

/** Makes `group` one of user 64035151's kind: every target out of the current period (the window has ended). */
export function endGroup(group: Record<string, unknown>): Record<string, unknown> {
  const targets = group[PERIOD.targets];
  if (!Array.isArray(targets)) return group;
  return {
    ...group,
    [PERIOD.targets]: targets.map((target) => ({ ...(target as Record<string, unknown>), [PERIOD.flag]: false })),
  };
}

export { PERIOD as TARGET_PERIOD };
