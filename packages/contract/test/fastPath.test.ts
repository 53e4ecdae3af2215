import { describe, expect, it } from 'vitest';
import { createValidator } from '../src/index.js';
import { seedFixtures } from './helpers.js';

// Conforming bodies are answered by a closed copy of the schemas in one fail-fast pass. These tests make sure that
// shortcut never hides a violation: on many mutated bodies, results with and without it must be identical.

type Json = Record<string, unknown>;

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function containers(value: unknown, out: (Json | unknown[])[] = []): (Json | unknown[])[] {
  if (value && typeof value === 'object') {
    out.push(value as Json | unknown[]);
    for (const child of Object.values(value)) containers(child, out);
  }
  return out;
}

const REPLACEMENTS: unknown[] = [
  null,
  'abc',
  42,
  1.5,
  true,
  [],
  {},
  'ROLLING_WINDOW',
  '2025-11-12T09:51:10Z',
  '2025-13-01',
  '2024-06-10T13:57:58.000+0000',
];

function mutate(body: Json, next: () => number): string {
  const nodes = containers(body);
  const node = nodes[Math.floor(next() * nodes.length)]!;
  const keys = Object.keys(node);
  const choice = next();
  if (choice < 0.15 || keys.length === 0) {
    if (Array.isArray(node)) node.push('extra');
    else node[`extra${Math.floor(next() * 100)}`] = 1;
    return 'add';
  }
  const key = keys[Math.floor(next() * keys.length)]!;
  if (choice < 0.3 && !Array.isArray(node)) {
    delete (node as Json)[key];
    return `delete ${key}`;
  }
  const value = REPLACEMENTS[Math.floor(next() * REPLACEMENTS.length)];
  (node as Json)[key] = value;
  return `set ${key}=${JSON.stringify(value)}`;
}

describe('the fail-fast shortcut gives the same answer as the full check', () => {
  const fast = createValidator(undefined, { fastPath: true });
  const full = createValidator(undefined, { fastPath: false });

  it('on the seed bodies', () => {
    for (const { body } of seedFixtures()) expect(fast.validate(body)).toEqual(full.validate(body));
  });

  it('on 3,000 mutated bodies (fixed seed)', () => {
    const next = random(20251125);
    const fixtures = seedFixtures();
    let withViolations = 0;
    for (let i = 0; i < 3000; i++) {
      const body = structuredClone(fixtures[i % fixtures.length]!.body);
      const changes = [mutate(body, next)];
      if (next() < 0.3) changes.push(mutate(body, next));
      const expected = full.validate(body);
      if (expected.length > 0) withViolations++;
      expect(fast.validate(body), `${fixtures[i % fixtures.length]!.name}: ${changes.join(', ')}`).toEqual(expected);
    }
    // The mutations must mostly break something, or the comparison proves little.
    expect(withViolations).toBeGreaterThan(2000);
  });
});
