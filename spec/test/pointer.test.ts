import { describe, expect, it } from 'vitest';
import { escapeKey, keysOf, pointerOf, pointerOfRef, unescapeKey, valueAt } from '../src/index.ts';

describe('JSON pointers', () => {
  it.each([
    ['plain', 'plain'],
    ['a/b', 'a~1b'],
    ['a~b', 'a~0b'],
    ['~1', '~01'],
    ['/v3/users/{userId}', '~1v3~1users~1{userId}'],
  ])('escapes %j as %j and back', (key, token) => {
    expect(escapeKey(key)).toBe(token);
    expect(unescapeKey(token)).toBe(key);
  });

  it('splits a pointer into keys and joins keys into a pointer', () => {
    expect(keysOf('')).toEqual([]);
    expect(keysOf('/paths/~1v3~1x/get/responses/0')).toEqual(['paths', '/v3/x', 'get', 'responses', '0']);
    expect(pointerOf(['paths', '/v3/x', 'get', 0])).toBe('/paths/~1v3~1x/get/0');
    expect(keysOf(pointerOf(['a/b', '~', '']))).toEqual(['a/b', '~', '']);
    expect(() => keysOf('paths')).toThrow(/not a JSON pointer/);
  });

  it('finds the value a pointer names, and nothing where the document has nothing (prototype names too)', () => {
    const document = { a: { 'b/c': [10, { d: null }] } };
    expect(valueAt(document, '')).toBe(document);
    expect(valueAt(document, '/a/b~1c/0')).toBe(10);
    expect(valueAt(document, '/a/b~1c/1/d')).toBeNull();
    expect(valueAt(document, '/a/b~1c/2')).toBeUndefined();
    expect(valueAt(document, '/a/b~1c/01')).toBeUndefined();
    expect(valueAt(document, '/a/constructor')).toBeUndefined();
    expect(valueAt(document, '/a/__proto__')).toBeUndefined();
  });

  it('reads the pointer of a local reference, percent-encoding included, and nothing of another reference', () => {
    expect(pointerOfRef('#/components/schemas/Target')).toBe('/components/schemas/Target');
    expect(pointerOfRef('#/paths/~1v3~1users~1%7BuserId%7D')).toBe('/paths/~1v3~1users~1{userId}');
    expect(pointerOfRef('#')).toBe('');
    expect(pointerOfRef('other.yaml#/a')).toBeUndefined();
    expect(pointerOfRef('#anchor')).toBeUndefined();
  });
});
