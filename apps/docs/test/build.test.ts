// The docs build refuses a broken spec, with the linter's own findings, instead of rendering an empty page.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { specPath } from '@target-groups/spec';
import { startRecordingServer } from '@target-groups/spec/testing';
import { readExpectations } from './expectations.js';

const buildScript = fileURLToPath(new URL('../scripts/build.mjs', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'docs-build-'));
const original = readFileSync(specPath, 'utf8');
const expected = await readExpectations();

afterAll(() => rmSync(work, { recursive: true, force: true }));

function buildWith(specText: string | null, name: string, extra: string[] = []) {
  const spec = join(work, `${name}.yaml`);
  if (specText !== null) writeFileSync(spec, specText);
  const out = join(work, name, 'index.html');
  const run = spawnSync(process.execPath, [buildScript, '--spec', spec, '--out', out, ...extra], { encoding: 'utf8' });
  return { status: run.status, stderr: run.stderr, stdout: run.stdout, built: existsSync(out), out };
}

/** A string as a regular expression that matches it literally. */
const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replaces exactly one occurrence, so a planted defect cannot silently miss. */
function plant(text: string, find: string, replacement: string): string {
  const at = text.indexOf(find);
  if (at === -1 || text.indexOf(find, at + 1) !== -1) throw new Error(`expected exactly one "${find}" in the spec`);
  return text.slice(0, at) + replacement + text.slice(at + find.length);
}

describe('docs build on a broken spec', () => {
  it('fails on a dangling $ref with the linter message and writes no page', () => {
    const broken = plant(
      original,
      "$ref: '#/components/schemas/TargetGroupsResponse'",
      "$ref: '#/components/schemas/NoSuchSchema'",
    );
    const result = buildWith(broken, 'dangling-ref');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Can't resolve $ref");
    expect(result.stderr).toContain('does not pass `redocly lint`');
    expect(result.built).toBe(false);
  });

  it('refuses a remote $ref before any Redocly run, naming the ref and its line; nothing is fetched', async () => {
    const server = await startRecordingServer();
    const ref = `${server.url}/x.yaml`;
    try {
      const planted = plant(original, "$ref: '#/components/schemas/TargetGroupsResponse'", `$ref: '${ref}'`);
      // Not buildWith: a synchronous run would keep this process's server from answering the build.
      const spec = join(work, 'remote-ref.yaml');
      writeFileSync(spec, planted);
      const out = join(work, 'remote-ref', 'index.html');
      const result = await new Promise<{ status: number | null; stderr: string; built: boolean }>((resolve) => {
        execFile(process.execPath, [buildScript, '--spec', spec, '--out', out], (error, _stdout, stderr) =>
          resolve({ status: error ? (error.code as number) : 0, stderr, built: existsSync(out) }),
        );
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/remote-ref\.yaml:\d+:\d+: \$ref "http:.*" at \/paths\/.*: a remote reference/);
      expect(result.built).toBe(false);
      expect(server.requests).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('fails on a named example that contradicts its schema, naming the example', () => {
    // Every response is the envelope {data, errors, warnings}; `data` is never a string.
    const [example] = expected.examples;
    const doc = parseDocument(original);
    doc.setIn(['components', 'examples', example!.name, 'value', 'data'], 'not the envelope data');
    const result = buildWith(doc.toString(), 'bad-example');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('no-invalid-media-type-examples');
    expect(result.stderr).toContain(example!.name);
    expect(result.built).toBe(false);
  });

  it('fails on YAML that does not parse, pointing at the line', () => {
    const broken = plant(original, 'paths:\n', 'paths:\n  : [unclosed\n');
    const result = buildWith(broken, 'bad-yaml');
    expect(result.status).toBe(1);
    expect(result.stderr.toLowerCase()).toMatch(/yaml|parse|flow/);
    expect(result.built).toBe(false);
  });

  it('exits 2 with a clear message when there is no spec file', () => {
    const result = buildWith(null, 'missing');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('no spec at');
    expect(result.built).toBe(false);
  });
});

describe('docs build on unsafe HTML in the Markdown', () => {
  it('refuses elements that run code, frame, embed, submit or restyle, naming each place, and writes nothing', () => {
    const doc = parseDocument(original);
    const operation = ['paths', expected.path, 'get'];
    const schema = ['components', 'schemas', 'AuditUser', 'properties', 'code', 'description'];
    doc.setIn(
      [...operation, 'description'],
      `${doc.getIn([...operation, 'description'])}\n\n<iframe srcdoc="&lt;script&gt;parent.x=1&lt;/script&gt;"></iframe>\n<FORM action="/x"><button>Go</button></FORM>\n`,
    );
    doc.setIn(schema, 'Code. <style>body { display: none }</style> <object data="data:text/html,x"></object>');
    doc.setIn(['info', 'description'], `${doc.getIn(['info', 'description'])}\n\n<embed src="data:text/html,x">\n`);
    const result = buildWith(doc.toString(), 'unsafe-html');
    expect(result.stderr).toContain('has HTML in its Markdown that the docs refuse (rule markdown-no-unsafe-html');
    const pointer = `/paths/${expected.path.replace(/\//g, '~1')}/get/description`;
    expect(result.stderr).toMatch(new RegExp(`${literally(pointer)}: "<iframe", "<FORM"\n`));
    expect(result.stderr).toMatch(
      /\/components\/schemas\/AuditUser\/properties\/code\/description: "<style", "<object"\n/,
    );
    expect(result.stderr).toMatch(/\/info\/description: "<embed"\n/);
    expect(result.status).toBe(1);
    expect(result.built).toBe(false);
    expect(existsSync(join(dirname(result.out), 'index.md'))).toBe(false);
  });

  it('builds text that only looks like a tag: code such as `<base64>`, entities, words such as "only="', () => {
    const doc = parseDocument(original);
    doc.setIn(
      ['components', 'schemas', 'AuditUser', 'properties', 'code', 'description'],
      'Code; send `<base64>` or &lt;iframe&gt; as text, set only=true, a <formula> is not a form.',
    );
    const result = buildWith(doc.toString(), 'tag-like-text');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(readFileSync(join(dirname(result.out), 'index.md'), 'utf8')).toContain('a <formula> is not a form');
  });
});

describe('docs build on properties named after Object.prototype members', () => {
  it('builds the page and index.md with each name, __proto__ listed in index.md and named in a warning', () => {
    const names = [...Object.getOwnPropertyNames(Object.prototype), '__proto__'];
    const doc = parseDocument(original);
    const properties = ['components', 'schemas', 'TargetGroupsResponse', 'properties'];
    for (const name of names) {
      doc.setIn([...properties, name], doc.createNode({ type: 'string', description: `Property named ${name}.` }));
    }
    const result = buildWith(doc.toString(), 'prototype-names');
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(
      'docs build: warning: /components/schemas/TargetGroupsResponse/properties/__proto__: Redoc cannot show an entry named __proto__ (it assigns names to plain objects, where this one sets the prototype); the HTML page leaves it out, index.md lists it\n',
    );
    const markdown = readFileSync(join(dirname(result.out), 'index.md'), 'utf8');
    const html = readFileSync(result.out, 'utf8');
    const markup = html.slice(0, html.indexOf('<script type="module">'));
    for (const name of names) {
      expect(markdown, name).toContain(`| \`${name}\` | string | no | optional | Property named ${name}. |`);
      if (name !== '__proto__') expect(markup, name).toContain(`>${name}<`);
    }
  });
});

describe('docs build on the real spec', () => {
  it('writes a self-contained page with the operation in its HTML, index.md and llms.txt, and the given release history', () => {
    const history = join(work, 'history.json');
    writeFileSync(
      history,
      JSON.stringify({
        releases: [
          { version: '1.0.0', date: '2026-11-01', changes: [] },
          {
            version: '2.0.0',
            date: '2026-12-01',
            changes: [
              {
                pointer: '/components/schemas/Streak/properties/status',
                change: 'type-changed',
                impact: 'breaking',
                message: 'status became nullable',
              },
              {
                pointer: '/components/schemas/Target/properties/badge',
                change: 'property-added',
                impact: 'compatible',
                message: 'new optional property badge',
              },
            ],
          },
        ],
      }),
    );
    const result = buildWith(original, 'real', ['--changes', history]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.built).toBe(true);
    expect(result.stdout).toMatch(/\d+ bytes, \d+\.\d\d MB\), self-contained/);

    const html = readFileSync(result.out, 'utf8');
    const markup = html.slice(0, html.indexOf('<script type="module">'));
    expect(markup).toContain(`data-section-id="${expected.operationRoute}"`);
    expect(markup).toContain(expected.path);

    const markdown = readFileSync(join(dirname(result.out), 'index.md'), 'utf8');
    const changes = markdown.slice(markdown.indexOf('## Changes'));
    expect(changes.indexOf('### 2.0.0 (2026-12-01)')).toBeGreaterThan(0);
    expect(changes.indexOf('### 2.0.0')).toBeLessThan(changes.indexOf('### 1.0.0'));
    expect(changes).toContain(
      '**breaking** `/components/schemas/Streak/properties/status` (type-changed): status became nullable',
    );
    expect(changes).toContain('**compatible** `/components/schemas/Target/properties/badge`');
    expect(html).toContain('status became nullable');
    expect(readFileSync(join(dirname(result.out), 'llms.txt'), 'utf8')).toContain('(index.md)');
  });

  it('exits 2 naming the fault when the release history is malformed', () => {
    const history = join(work, 'bad-history.json');
    writeFileSync(
      history,
      JSON.stringify({
        releases: [
          {
            version: '1.0.0',
            date: '2026-11-01',
            changes: [{ pointer: '/x', change: 'c', impact: 'maybe', message: 'm' }],
          },
        ],
      }),
    );
    const result = buildWith(original, 'bad-history', ['--changes', history]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('releases[0].changes[0] has impact "maybe"');
    expect(result.built).toBe(false);
  });
});
