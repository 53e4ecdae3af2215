/**
 * What counts as a warning, in one place. A warning is drift that does not break a typed consumer: a property the
 * contract does not declare, or a value an open enum (`x-extensible-enum: true`) does not know yet. Both are encoded
 * as constraints in the copy of the schemas the validator compiles (objects without an `additionalProperties`
 * declaration are closed with `unevaluatedProperties: false`, open enums keep their `enum`), each marked so that the error it
 * raises is read back as a warning. One Ajv pass therefore answers every body: a conforming one passes, a drifted
 * one fails with errors and warnings alike, and no second walk over the body has to agree with the first.
 */
import { describesObjects, isObject, type JsonObject, typesOf } from '@target-groups/spec/portable';
import type { ErrorObject } from 'ajv';

export type Schema = JsonObject;

/** Set on each object schema the check closed, so that its `unevaluatedProperties` error is a warning. */
export const CLOSED_BY_CHECK = 'x-closed-by-contract-check';
export const OPEN_ENUM = 'x-extensible-enum';

const IN_PLACE_APPLICATORS = [
  'allOf',
  'anyOf',
  'oneOf',
  '$ref',
  '$dynamicRef',
  'if',
  'then',
  'else',
  'dependentSchemas',
];

export type DriftKind = 'undocumented-property' | 'open-enum-value';

/** The schema already says what its other properties may be, so an extra one is not drift. */
export function declaresOtherProperties(schema: Schema): boolean {
  return (
    schema.additionalProperties !== undefined ||
    schema.patternProperties !== undefined ||
    schema.unevaluatedProperties !== undefined
  );
}

/** Applied to a copied schema after its children are copied: closes it where an extra property is drift. */
export function closeForDrift(copy: Schema, open: boolean): void {
  if (!open && describesObjects(copy) && !declaresOtherProperties(copy)) {
    // Without parts (allOf, $ref, ...) both keywords mean the same, and additionalProperties is cheaper to evaluate.
    const hasParts = IN_PLACE_APPLICATORS.some((keyword) => copy[keyword] !== undefined);
    copy[hasParts ? 'unevaluatedProperties' : 'additionalProperties'] = false;
    copy[CLOSED_BY_CHECK] = true;
  }
  if (
    copy[OPEN_ENUM] === true &&
    Array.isArray(copy.enum) &&
    typesOf(copy).includes('null') &&
    !copy.enum.includes(null)
  )
    copy.enum = [...copy.enum, null];
}

/** The kind of drift an Ajv error stands for, or undefined when it is an error that breaks a typed consumer. */
export function driftOf(error: ErrorObject): DriftKind | undefined {
  const parent = error.parentSchema;
  if (!isObject(parent)) return undefined;
  if (
    (error.keyword === 'unevaluatedProperties' || error.keyword === 'additionalProperties') &&
    parent[CLOSED_BY_CHECK] === true
  )
    return 'undocumented-property';
  if (error.keyword === 'enum' && parent[OPEN_ENUM] === true) {
    // A value of another type than the known values is a type error (reported by `type`), not a new value.
    const known = parent.enum as unknown[];
    const value = error.data;
    if (value === null || !known.some((k) => k !== null && typeof k === typeof value)) return undefined;
    return 'open-enum-value';
  }
  return undefined;
}

/** True for an open-enum `enum` error that is covered by a `type` error of the same value. */
export function isSupersededOpenEnumError(error: ErrorObject): boolean {
  return (
    error.keyword === 'enum' &&
    isObject(error.parentSchema) &&
    error.parentSchema[OPEN_ENUM] === true &&
    driftOf(error) === undefined
  );
}
