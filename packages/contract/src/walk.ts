/**
 * The warning walk: visits a body alongside its schema and reports what does not break a typed consumer but shows
 * drift: properties the schema does not declare, and values an open enum does not know yet. Ajv cannot say either
 * (it accepts both by design), so each schema gets a precomputed plan and the walk costs a map lookup per property.
 */
import { escapePointerToken, jsonType, openEnumMessage } from './messages.js';
import { KNOWN_VALUES, resolveComponentRef, type Schema, type SpecModel } from './specModel.js';
import type { Violation } from './types.js';

interface OpenEnum {
  known: Set<unknown>;
  list: unknown[];
  types: Set<string>;
  name: string | undefined;
}

interface Union {
  schemas: Schema[];
  branches: Plan[];
  /** The branch to walk for any non-null value, when every other branch is just `type: null`. */
  single: Plan | undefined;
  allowsNull: boolean;
  branchTypes: (string[] | undefined)[];
}

export interface Plan {
  openEnum: OpenEnum | undefined;
  props: Map<string, Plan> | undefined;
  patternProps: [RegExp, Plan][];
  additional: Plan | undefined;
  checkUndocumented: boolean;
  items: Plan | undefined;
  prefixItems: Plan[];
  union: Union | undefined;
}

export type BranchCheck = (schema: Schema, value: unknown) => boolean;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typesOf(schema: Schema): string[] | undefined {
  if (Array.isArray(schema.type)) return schema.type.map(String);
  if (typeof schema.type === 'string') return [schema.type];
  return undefined;
}

function isNullOnly(schema: Schema): boolean {
  const types = typesOf(schema);
  return types !== undefined && types.length === 1 && types[0] === 'null';
}

export class PlanBuilder {
  private readonly plans = new WeakMap<object, Plan>();

  constructor(private readonly model: SpecModel) {}

  /** The schema itself, its `$ref` target and its `allOf` members, flattened. */
  private parts(schema: Schema, seen = new Set<object>()): Schema[] {
    if (seen.has(schema)) return [];
    seen.add(schema);
    const out: Schema[] = [schema];
    if (typeof schema.$ref === 'string') {
      const target = resolveComponentRef(this.model, schema.$ref);
      if (isObject(target)) out.push(...this.parts(target, seen));
    }
    if (Array.isArray(schema.allOf)) {
      for (const member of schema.allOf) if (isObject(member)) out.push(...this.parts(member, seen));
    }
    return out;
  }

  /** Declared JSON types after following refs (undefined: any type). */
  declaredTypes(schema: Schema): string[] | undefined {
    for (const part of this.parts(schema)) {
      const types = typesOf(part);
      if (types) return types;
    }
    return undefined;
  }

  plan(schema: Schema | boolean): Plan {
    const source: Schema = typeof schema === 'boolean' ? {} : schema;
    const existing = this.plans.get(source);
    if (existing) return existing;
    const plan: Plan = {
      openEnum: undefined,
      props: undefined,
      patternProps: [],
      additional: undefined,
      checkUndocumented: false,
      items: undefined,
      prefixItems: [],
      union: undefined,
    };
    // Registered before it is filled, so recursive schemas end in a cycle of plans instead of endless recursion.
    this.plans.set(source, plan);

    const parts = this.parts(source);
    let objectLike = false;
    let declaresMore = false;
    for (const part of parts) {
      const known = part[KNOWN_VALUES];
      if (Array.isArray(known) && !plan.openEnum) {
        plan.openEnum = {
          known: new Set(known),
          list: known,
          types: new Set(known.map((v) => (typeof v === 'number' ? 'number' : typeof v))),
          name: this.model.names.get(part),
        };
      }
      if (typesOf(part)?.includes('object')) objectLike = true;
      if (isObject(part.properties)) {
        objectLike = true;
        plan.props ??= new Map();
        for (const [name, sub] of Object.entries(part.properties)) {
          if (!plan.props.has(name) && (isObject(sub) || typeof sub === 'boolean'))
            plan.props.set(name, this.plan(sub));
        }
      }
      if (isObject(part.patternProperties)) {
        declaresMore = true;
        for (const [pattern, sub] of Object.entries(part.patternProperties)) {
          if (isObject(sub) || typeof sub === 'boolean')
            plan.patternProps.push([new RegExp(pattern, 'u'), this.plan(sub)]);
        }
      }
      if (part.additionalProperties !== undefined) {
        declaresMore = true;
        if (isObject(part.additionalProperties) && !plan.additional)
          plan.additional = this.plan(part.additionalProperties);
      }
      if (part.unevaluatedProperties !== undefined) declaresMore = true;
      if ((isObject(part.items) || typeof part.items === 'boolean') && !plan.items) plan.items = this.plan(part.items);
      if (Array.isArray(part.prefixItems) && plan.prefixItems.length === 0) {
        plan.prefixItems = part.prefixItems
          .filter((s) => isObject(s) || typeof s === 'boolean')
          .map((s) => this.plan(s as Schema));
      }
      const alternatives = Array.isArray(part.anyOf) ? part.anyOf : Array.isArray(part.oneOf) ? part.oneOf : undefined;
      if (alternatives && !plan.union) {
        const schemas = alternatives.filter(isObject);
        const branches = schemas.map((s) => this.plan(s));
        const nonNull = schemas.filter((s) => !isNullOnly(s));
        plan.union = {
          schemas,
          branches,
          single: nonNull.length === 1 ? this.plan(nonNull[0]!) : undefined,
          allowsNull: schemas.some((s) => this.declaredTypes(s)?.includes('null') ?? true),
          branchTypes: schemas.map((s) => this.declaredTypes(s)),
        };
      }
    }
    if (objectLike) {
      plan.props ??= new Map();
      plan.checkUndocumented = !declaresMore;
    }
    return plan;
  }
}

/** Path of the value being walked; the JSON pointer is built only when something is reported. */
type Path = (string | number)[];

function pointerOf(path: Path, key?: string): string {
  let out = '';
  for (const token of path) out += `/${typeof token === 'number' ? token : escapePointerToken(token)}`;
  return key === undefined ? out : `${out}/${escapePointerToken(key)}`;
}

function chooseBranch(union: Union, value: unknown, check: BranchCheck): Plan | undefined {
  if (union.single && value !== null) return union.single;
  for (let i = 0; i < union.schemas.length; i++) {
    if (check(union.schemas[i]!, value)) return union.branches[i];
  }
  // Nothing matches (an error is reported already): still walk the branch of the value's type for warnings.
  const type = jsonType(value);
  const index = union.branchTypes.findIndex(
    (t) => !t || t.includes(type) || (type === 'integer' && t.includes('number')),
  );
  return index >= 0 ? union.branches[index] : undefined;
}

export function walk(value: unknown, plan: Plan, path: Path, out: Violation[], check: BranchCheck): void {
  const openEnum = plan.openEnum;
  if (openEnum !== undefined && !openEnum.known.has(value) && openEnum.types.has(typeof value)) {
    out.push({
      pointer: pointerOf(path),
      severity: 'warning',
      message: openEnumMessage(value, openEnum.list, openEnum.name),
    });
  }
  if (plan.union !== undefined) {
    if (!(value === null && plan.union.allowsNull)) {
      const branch = chooseBranch(plan.union, value, check);
      if (branch) walk(value, branch, path, out, check);
    }
  }
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    const prefix = plan.prefixItems;
    const items = plan.items;
    for (let i = 0; i < value.length; i++) {
      const itemPlan = i < prefix.length ? prefix[i] : items;
      if (itemPlan === undefined) continue;
      const item: unknown = value[i];
      if (
        (item === null || typeof item !== 'object') &&
        itemPlan.openEnum === undefined &&
        itemPlan.union === undefined
      )
        continue;
      path.push(i);
      walk(item, itemPlan, path, out, check);
      path.pop();
    }
    return;
  }
  const props = plan.props;
  if (props === undefined) return;
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const child = record[key];
    let childPlan = props.get(key);
    if (childPlan === undefined) {
      for (const [re, p] of plan.patternProps) {
        if (re.test(key)) {
          childPlan = p;
          break;
        }
      }
    }
    if (childPlan === undefined) {
      childPlan = plan.additional;
      if (childPlan === undefined) {
        if (plan.checkUndocumented) {
          out.push({
            pointer: pointerOf(path, key),
            severity: 'warning',
            message: `undocumented property '${key}' (not declared in the contract)`,
          });
        }
        continue;
      }
    }
    if (
      (child === null || typeof child !== 'object') &&
      childPlan.openEnum === undefined &&
      childPlan.union === undefined
    )
      continue;
    path.push(key);
    walk(child, childPlan, path, out, check);
    path.pop();
  }
}
