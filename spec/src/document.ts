/** The OpenAPI document as the reader returns it, and the local references inside it. */
import { keysOf, pointerOfRef, valueAt } from './pointer.js';
import { isObject, type JsonObject } from './schema.js';

/** An OpenAPI 3.x document as plain JSON. Typed loosely: each reader narrows what it walks. */
export interface OpenApiDocument extends JsonObject {
  openapi: string;
  info: JsonObject;
  paths: Record<string, JsonObject>;
  components: JsonObject & {
    schemas: Record<string, JsonObject>;
    examples?: Record<string, JsonObject>;
    securitySchemes?: Record<string, JsonObject>;
  };
}

/** The name of the component a local reference names (`#/components/schemas/Target` → `Target` for `schemas`). */
export function componentName(ref: unknown, kind: string): string | undefined {
  const pointer = typeof ref === 'string' ? pointerOfRef(ref) : undefined;
  const keys = pointer === undefined ? [] : keysOf(pointer);
  return keys.length === 3 && keys[0] === 'components' && keys[1] === kind ? keys[2] : undefined;
}

/**
 * The object a local reference (`#/components/KIND/NAME`) of a bundled document points at, or undefined. For a
 * reader that walks the bundled document to keep component names (the docs' Markdown links schemas by name).
 */
export function resolveLocalRef(document: OpenApiDocument, ref: string): JsonObject | undefined {
  const pointer = pointerOfRef(ref);
  const keys = pointer === undefined ? [] : keysOf(pointer);
  if (keys.length !== 3 || keys[0] !== 'components') return undefined;
  const group = document.components[keys[1]!];
  const target = isObject(group) && Object.hasOwn(group, keys[2]!) ? group[keys[2]!] : undefined;
  return isObject(target) ? target : undefined;
}

/**
 * A node of the bundled document with its local `$ref`s followed (a response or a path item written as a `$ref` to
 * a component), or undefined when the reference leads nowhere, or in a circle.
 */
export function followLocalRefs(document: OpenApiDocument, node: unknown): JsonObject | undefined {
  let current = node;
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string'; hops++) {
    const pointer = pointerOfRef(current.$ref);
    if (pointer === undefined || hops === 32) return undefined;
    current = valueAt(document, pointer);
  }
  return isObject(current) ? current : undefined;
}
