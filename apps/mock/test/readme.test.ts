// The READMEs' recipes name examples and statuses; they must be ones the spec has, or a reader's curl gets
// Prism's 404 instead of what the page promises.
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { loadCatalog, pathFor } from '../src/catalog.mjs';
import { BASIC } from './support/helpers.js';

const specPath = inject('specPath');
const catalog = loadCatalog(specPath);
const readmes = {
  'apps/mock/README.md': readFileSync(new URL('../README.md', import.meta.url), 'utf8'),
  'packages/mock/README.md': readFileSync(new URL('../../../packages/mock/README.md', import.meta.url), 'utf8'),
  'README.md': readFileSync(new URL('../../../README.md', import.meta.url), 'utf8'),
};

/** Every `Prefer:` value quoted in a README, e.g. `code=404, example=resourceNotFound`. */
function preferValues(text: string): string[] {
  return [...text.matchAll(/Prefer: ([^'"`|\n]+?)\s*['"`|]/g)].map((m) => m[1]!.trim());
}

describe.each(Object.entries(readmes))('%s', (_file, text) => {
  // Concrete recipes only (not placeholders such as `example=NAME`).
  const values = preferValues(text).filter(
    (v) => /^(code=\d{3}|example=\w+)(,\s*(code=\d{3}|example=\w+))*$/.test(v) && !v.includes('NAME'),
  );

  it('quotes Prefer recipes', () => {
    expect(values.length).toBeGreaterThan(0);
  });

  it.each(values.map((v) => [v]))('Prefer: %s selects what the spec has', async (prefer) => {
    const name = /example=(\w+)/.exec(prefer)?.[1];
    const code = /code=(\d{3})/.exec(prefer)?.[1];
    const expected = name ? catalog.examples.find((e) => e.name === name) : undefined;
    if (name) expect(expected, `no example named ${name}`).toBeDefined();
    const status = code ? Number(code) : (expected?.status ?? 200);
    expect(catalog.statuses).toContain(status);

    const res = await fetch(`${inject('mockUrl')}${pathFor(catalog, 566881933)}`, {
      headers: { authorization: BASIC, prefer },
    });
    expect(res.status).toBe(status);
    if (expected) expect(await res.json()).toEqual(expected.value);
  });
});
