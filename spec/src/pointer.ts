/** JSON pointers (RFC 6901) into a spec: how every tool names a place in the document. */
import { isObject } from './schema.js';

/** `a/b~c` → `a~1b~0c`: one key as a pointer token. */
export const escapeKey = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** `a~1b~0c` → `a/b~c`: a pointer token as the key it names. */
export const unescapeKey = (token: string): string => token.replace(/~1/g, '/').replace(/~0/g, '~');

/** The keys of a pointer: `/a~1b/0` → `['a/b', '0']`; `''` (the whole document) → `[]`. */
export function keysOf(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`not a JSON pointer: ${JSON.stringify(pointer)}`);
  return pointer.slice(1).split('/').map(unescapeKey);
}

/** The pointer of a list of keys: `['paths', '/v3/users/{userId}']` → `/paths/~1v3~1users~1{userId}`. */
export const pointerOf = (keys: readonly (string | number)[]): string =>
  keys.map((key) => `/${escapeKey(String(key))}`).join('');

/** The value a pointer names in a plain JSON value, or undefined when the document has nothing there. */
export function valueAt(document: unknown, pointer: string): unknown {
  let node = document;
  for (const key of keysOf(pointer)) {
    if (Array.isArray(node) && /^(0|[1-9]\d*)$/.test(key)) node = node[Number(key)];
    else if (isObject(node) && Object.hasOwn(node, key)) node = node[key];
    else return undefined;
  }
  return node;
}

/** The pointer of a local reference (`#/components/schemas/A%20B` → `/components/schemas/A B`), else undefined. */
export function pointerOfRef(ref: string): string | undefined {
  if (!ref.startsWith('#')) return undefined;
  let fragment = ref.slice(1);
  try {
    fragment = decodeURIComponent(fragment);
  } catch {
    // Not percent-encoded after all: read it as written.
  }
  return fragment === '' || fragment.startsWith('/') ? fragment : undefined;
}
