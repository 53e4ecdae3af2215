// The latitude of a schema: each way a body may differ from the bodies seen so far and still be one the contract
// accepts, at each place of it, walked from the spec's schemas (so a spec change changes the list):
//   null          a nullable property is null               absent        an optional property is missing
//   unknown-enum  an open enum has a value not listed       undocumented  an object has a property the spec lacks
//   empty         a list is empty
// A place is a path with `[]` for the items of a list (`data.targetGroups[].targets[].milestones`): the same schema
// at two places is two places, since a consumer's code reads each with its own line.
import { describesObjects, isNullable, isObject, type JsonObject, withoutNull } from '@target-groups/spec/portable';

export type LatitudeKind = 'null' | 'absent' | 'unknown-enum' | 'undocumented' | 'empty' | 'no-current-period';

export interface Latitude {
  kind: LatitudeKind;
  /** Where, from the root: `data.customer.profiles[].commChannels[].subscribed`. */
  path: string;
}

export const latitudeKey = ({ kind, path }: Latitude) => `${kind} ${path}`;

export const isOpenEnum = (schema: JsonObject) => schema['x-extensible-enum'] === true && Array.isArray(schema.enum);
export const opensProperties = (schema: JsonObject) => schema.additionalProperties !== false;
export const mayBeEmpty = (schema: JsonObject) => !(typeof schema.minItems === 'number' && schema.minItems > 0);
const propertiesOf = (schema: JsonObject): Record<string, JsonObject> =>
  isObject(schema.properties) ? (schema.properties as Record<string, JsonObject>) : {};

/** Every latitude under `schema`, its places named from `root`. */
export function declaredLatitudes(schema: JsonObject, root: string): Latitude[] {
  const found: Latitude[] = [];
  const walk = (at: JsonObject, path: string) => {
    const s = withoutNull(at).schema;
    if (isOpenEnum(s)) found.push({ kind: 'unknown-enum', path });
    if (isObject(s.items)) {
      if (mayBeEmpty(s)) found.push({ kind: 'empty', path });
      walk(s.items, `${path}[]`);
    }
    if (describesObjects(s)) {
      if (opensProperties(s)) found.push({ kind: 'undocumented', path });
      const required = new Set(Array.isArray(s.required) ? s.required : []);
      for (const [name, property] of Object.entries(propertiesOf(s))) {
        if (!required.has(name)) found.push({ kind: 'absent', path: `${path}.${name}` });
        if (isNullable(property)) found.push({ kind: 'null', path: `${path}.${name}` });
        walk(property, `${path}.${name}`);
      }
    }
  };
  walk(schema, root);
  return found;
}

/** The latitudes one value under `schema` uses, as keys (`null data.targetGroups[].targets[].targetId`). */
export function latitudesOf(value: unknown, schema: JsonObject, root: string): Set<string> {
  const used = new Set<string>();
  const walk = (item: unknown, at: JsonObject, path: string) => {
    const s = withoutNull(at).schema;
    if (typeof item === 'string') {
      if (isOpenEnum(s) && !(s.enum as unknown[]).includes(item)) used.add(`unknown-enum ${path}`);
    } else if (Array.isArray(item)) {
      if (item.length === 0) used.add(`empty ${path}`);
      for (const element of item) if (element !== null && isObject(s.items)) walk(element, s.items, `${path}[]`);
    } else if (isObject(item) && describesObjects(s)) {
      const properties = propertiesOf(s);
      if (Object.keys(item).some((key) => !Object.hasOwn(properties, key))) used.add(`undocumented ${path}`);
      for (const [name, property] of Object.entries(properties)) {
        if (!Object.hasOwn(item, name)) used.add(`absent ${path}.${name}`);
        else if (item[name] === null) used.add(`null ${path}.${name}`);
        else walk(item[name], property, `${path}.${name}`);
      }
    }
  };
  walk(value, schema, root);
  return used;
}
