/** JSON pointers (RFC 6901) and the plain JSON objects they walk. */
export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const escapeKey = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
export const unescapeKey = (key: string) => key.replace(/~1/g, '/').replace(/~0/g, '~');

/** The keys of a pointer: `/a~1b/0` → `['a/b', '0']`. */
export const keysOf = (pointer: string): string[] =>
  pointer === '' ? [] : pointer.split('/').slice(1).map(unescapeKey);
