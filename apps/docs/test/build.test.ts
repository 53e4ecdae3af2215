// The docs build: a spec it refuses (each reason its exit code and a message naming the place, nothing written),
// and the variant spec (variant.ts) that no docs code was written for, built once by the command (globalSetup.ts).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { specPath } from '@target-groups/spec';
import { startRecordingServer } from '@target-groups/spec/testing';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { parseDocument } from 'yaml';
import { buildDocs, DocsBuildError, EXIT } from '../scripts/build.mjs';
import { readExpectations } from './expectations.js';
import { PROTOTYPE_NAMES, SECOND_OPERATION, TAG_LIKE_TEXT } from './variant.js';

const work = mkdtempSync(join(tmpdir(), 'docs-build-'));
const original = readFileSync(specPath, 'utf8');
const expected = await readExpectations();
const variant = inject('variant');

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Builds `specText` (null: no spec file) in this process; resolves with the refusal, or fails the test if built. */
async function refusal(specText: string | null, name: string, changes?: object) {
  const spec = join(work, `${name}.yaml`);
  if (specText !== null) writeFileSync(spec, specText);
  const history = join(work, `${name}-history.json`);
  if (changes) writeFileSync(history, JSON.stringify(changes));
  const out = join(work, name, 'index.html');
  const error = await buildDocs({ spec, out, changes: changes && history }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DocsBuildError);
  expect(existsSync(join(work, name)), 'nothing is written').toBe(false);
  return error as DocsBuildError;
}

/** Replaces exactly one occurrence, so a planted defect cannot silently miss. */
function plant(text: string, find: string, replacement: string): string {
  const at = text.indexOf(find);
  if (at === -1 || text.indexOf(find, at + 1) !== -1) throw new Error(`expected exactly one "${find}" in the spec`);
  return text.slice(0, at) + replacement + text.slice(at + find.length);
}

// The v3 operation's 200 schema: the line with what follows it, as both operations answer with the same schema.
const RESPONSE_REF =
  "$ref: '#/components/schemas/TargetGroupsResponse'\n              examples:\n                fixed";
/** The spec with the v3 operation's 200 schema replaced by `ref`. */
const withResponseRef = (ref: string) =>
  plant(original, RESPONSE_REF, `$ref: '${ref}'\n              examples:\n                fixed`);

describe('docs build on a spec it refuses', () => {
  it('a dangling $ref: exit 1, naming the reference and its line', async () => {
    const error = await refusal(withResponseRef('#/components/schemas/NoSuchSchema'), 'dangling');
    expect(error.exitCode).toBe(EXIT.SPEC);
    expect(error.message).toMatch(
      /dangling\.yaml:\d+:\d+: \$ref "#\/components\/schemas\/NoSuchSchema" .*names nothing/,
    );
  });

  it('a remote $ref: exit 1 before any Redocly run, naming it and its line; nothing is fetched', async () => {
    const server = await startRecordingServer();
    try {
      const error = await refusal(withResponseRef(`${server.url}/x.yaml`), 'remote-ref');
      expect(error.exitCode).toBe(EXIT.SPEC);
      expect(error.message).toMatch(/remote-ref\.yaml:\d+:\d+: \$ref "http:.*" at \/paths\/.*: a remote reference/);
      expect(server.requests).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('YAML that does not parse: exit 1, pointing at the line', async () => {
    const error = await refusal(plant(original, 'paths:\n', 'paths:\n  : [unclosed\n'), 'bad-yaml');
    expect(error.exitCode).toBe(EXIT.SPEC);
    expect(error.message).toMatch(/bad-yaml\.yaml:\d+:\d+: not valid YAML/);
  });

  it('a named example that contradicts its schema: exit 1 with the linter finding naming the example', async () => {
    // Every response is the envelope {data, errors, warnings}; `data` is never a string.
    const [example] = expected.landing.examples;
    const doc = parseDocument(original);
    doc.setIn(['components', 'examples', example!.name, 'value', 'data'], 'not the envelope data');
    const error = await refusal(doc.toString(), 'bad-example');
    expect(error.exitCode).toBe(EXIT.SPEC);
    expect(error.message).toContain('does not pass `redocly lint`');
    expect(error.message).toContain('no-invalid-media-type-examples');
    expect(error.message).toContain(example!.name);
  });

  it('Markdown that runs code, frames, embeds, submits or restyles: exit 1, each place named', async () => {
    const doc = parseDocument(original);
    const { path, method } = expected.landing.operation;
    const operation = ['paths', path, method];
    doc.setIn(
      [...operation, 'description'],
      `${doc.getIn([...operation, 'description'])}\n\n<iframe srcdoc="&lt;script&gt;parent.x=1&lt;/script&gt;"></iframe>\n<FORM action="/x"><button>Go</button></FORM>\n`,
    );
    doc.setIn(
      ['components', 'schemas', 'AuditUser', 'properties', 'code', 'description'],
      'Code. <style>body { display: none }</style> <object data="data:text/html,x"></object>',
    );
    doc.setIn(['info', 'description'], `${doc.getIn(['info', 'description'])}\n\n<embed src="data:text/html,x">\n`);
    const error = await refusal(doc.toString(), 'unsafe-html');
    expect(error.exitCode).toBe(EXIT.SPEC);
    expect(error.message).toContain('has HTML in its Markdown that the docs refuse (rule markdown-no-unsafe-html');
    const places = `${error.message}\n`;
    expect(places).toContain(`${expected.landing.operation.pointer}/description: "<iframe", "<FORM"\n`);
    expect(places).toContain('/components/schemas/AuditUser/properties/code/description: "<style", "<object"\n');
    expect(places).toContain('/info/description: "<embed"\n');
  });

  it('no spec file, or a malformed release history: exit 2 naming the fault', async () => {
    const missing = await refusal(null, 'missing');
    expect([missing.exitCode, missing.message]).toEqual([EXIT.USAGE, `no spec at ${join(work, 'missing.yaml')}`]);
    const change = { pointer: '/x', change: 'c', impact: 'maybe', message: 'm' };
    const history = { releases: [{ version: '1.0.0', date: '2026-11-01', changes: [change] }] };
    const malformed = await refusal(original, 'bad-history', history);
    expect(malformed.exitCode).toBe(EXIT.USAGE);
    expect(malformed.message).toContain('releases[0].changes[0] has impact "maybe"');
  });

  it('the command prints the refusal and exits with its code', async () => {
    const run = await new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile(
        process.execPath,
        [fileURLToPath(new URL('../scripts/build.mjs', import.meta.url)), '--spec', join(work, 'none.yaml'), '--bogus'],
        (error, _stdout, stderr) => resolve({ code: Number(error?.code ?? 0), stderr }),
      ),
    );
    expect(run.code).toBe(EXIT.USAGE);
    expect(run.stderr).toMatch(
      /^docs build: Unknown option '--bogus'.*\nusage: node scripts\/build\.mjs \[--spec PATH\]/,
    );
  });
});

describe('docs build of a spec no docs code was written for (variant.ts)', () => {
  const file = (name: string) => readFileSync(join(variant.dir, name), 'utf8');
  const html = () => file('index.html');
  const markup = () => html().slice(0, html().indexOf('<script type="module">'));

  it('builds it: the page, index.md and llms.txt, warning about __proto__, which Redoc cannot show, and the fields it adds without a migration entry', () => {
    const [proto, migration, ...rest] = variant.stderr.split(/\n(?=docs build: )/);
    expect(proto).toBe(
      'docs build: warning: /components/schemas/TargetGroupsResponse/properties/__proto__: Redoc cannot show an entry named __proto__ (it assigns names to plain objects, where this one sets the prototype); the HTML page leaves it out, index.md lists it',
    );
    // Every property the variant adds, and no other, lacks its entry: the section is left out rather than incomplete.
    const missing = [...(migration ?? '').matchAll(/^ {2}line \d+: (\S+) has no `x-replaced-by`/gm)].map((m) => m[1]);
    expect(migration).toMatch(
      /^docs build: warning: the migration map has 15 problem\(s\), so "Migrating to Loyalty Promotions" is left out:\n/,
    );
    expect(missing).toEqual([
      ...[...new Set(PROTOTYPE_NAMES)].map((name) => `TargetGroupsResponse.${name}`),
      'StreakSummary.userId',
      'StreakSummary.runningStreaks',
      'StreakSummary.completedStreaks',
    ]);
    expect(rest).toEqual([]);
    expect(file('index.md')).not.toContain('Migrating to Loyalty Promotions');
    expect(variant.status).toBe(0);
    expect(variant.stdout).toMatch(
      /index\.html \(\d+ bytes, \d+\.\d\d MB\), self-contained; index\.md and llms\.txt beside it\n$/,
    );
  });

  it('lands on the first operation, in the HTML before any script; the second is in the page Redoc renders', async () => {
    const variantExpected = await readExpectations(variant.spec);
    const second = variantExpected.operations.find((o) => o.operation.operationId === SECOND_OPERATION.operationId);
    expect(variantExpected.landing.route).toBe(expected.landing.route);
    expect(markup()).toContain(`data-section-id="${expected.landing.route}"`);
    expect(html()).toContain(JSON.stringify(SECOND_OPERATION.path));
    expect(second?.examples.map((e) => e.name)).toEqual(SECOND_OPERATION.examples);
  });

  it('shows every property named after an Object.prototype member, in the HTML and index.md', () => {
    const markdown = file('index.md');
    for (const name of PROTOTYPE_NAMES) {
      expect(markdown, name).toContain(`| \`${name}\` | string | no | optional | Property named ${name}. |`);
      if (name !== '__proto__') expect(markup(), name).toContain(`>${name}<`);
    }
  });

  it('keeps text that only looks like a tag, and lists the release history newest first', () => {
    const markdown = file('index.md');
    expect(markdown).toContain(TAG_LIKE_TEXT);
    const changes = markdown.slice(markdown.indexOf('## Changes'));
    expect(changes.indexOf('### 2.0.0 (2026-12-01)')).toBeGreaterThan(0);
    expect(changes.indexOf('### 2.0.0')).toBeLessThan(changes.indexOf('### 1.0.0'));
    expect(changes).toContain(
      '**breaking** `/components/schemas/Streak/properties/status` (type-changed): status became nullable',
    );
    expect(changes).toContain('**compatible** `/components/schemas/Target/properties/badge`');
    expect(html()).toContain('status became nullable');
  });
});
