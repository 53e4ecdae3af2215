// What a body carries is data, never a credential or a reference in the spec: a value that looks like a credential
// (a gateway that echoes request headers) becomes a neutral placeholder, an example that holds a `$ref` key is
// dropped, and the report says so; an enum value or a property name that looks like a credential is refused.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appendFileSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { type Json, propose, proposeJson, type ProposeJson, readerSchemas, seed, workspace } from './proposeSupport.js';

const BASIC = 'Basic dXNlcjo1ZjRkY2MzYjVhYTc2NWQ2MWQ4MzI3ZGViODgyY2Y5OQ==';
const MD5 = '5f4dcc3b5aa765d61d8327deb882cf99';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXBhcnQ';
const OAUTH = 'q8Zt4-opaque-capillary-token';
const SECRETS = [BASIC, BASIC.slice(6), MD5, JWT, OAUTH, 'dXNlcjpwYXNz'];

/** Every `$ref` string anywhere in a parsed document. */
function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refsIn(item, found);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') found.push(item);
      else refsIn(item, found);
    }
  }
  return found;
}

describe('propose: values from traffic', () => {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.end('type: object\n');
  });
  let url = '';
  let ran: Awaited<ReturnType<typeof propose>>;
  let text: Awaited<ReturnType<typeof propose>>;
  let report: ProposeJson;
  let ws: ReturnType<typeof workspace>;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x.yaml`;
    const body = seed();
    const group = body.data.targetGroups[0];
    const target: Json = group.targets[0];
    target.authHeader = BASIC;
    target.passwordHash = MD5;
    target.session = `Bearer ${JWT}`;
    target.echo = { authorization: BASIC, 'x-cap-api-oauth-token': OAUTH, agent: 'curl/8' };
    target.headers = [{ name: 'X-CAP-API-OAUTH-TOKEN', value: OAUTH }];
    target.requestLine = `GET /v3/users/1/targetGroups HTTP/1.1\r\nAuthorization: ${BASIC}`;
    target.links = [{ $ref: url }];
    target.files = [[{ $ref: '../../etc/passwd' }], [{ $ref: `${url}#/a` }]];
    target.tags = ['beta'];
    target[JWT] = 1;
    group.trackingType = 'Basic dXNlcjpwYXNz';
    ws = workspace([body]);
    // A line that is not JSON, whose parser message may quote it.
    appendFileSync(ws.input, `{"authorization": "${BASIC}" oops}\n`);
    ran = await propose(['--spec', ws.spec, '--write', '--format', 'json', ws.input], ws.dir);
    report = proposeJson(ran);
    const other = workspace([body]);
    text = await propose(['--spec', other.spec, other.input], other.dir);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('no credential in the spec written, in the report or in the diff', () => {
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(1);
    expect(report.problems).toEqual([{ name: 'capture.ndjson:2', message: expect.stringMatching(/not valid JSON/) }]);
    const written = readFileSync(ws.spec, 'utf8');
    for (const secret of SECRETS) {
      expect(written).not.toContain(secret);
      expect(ran.stdout).not.toContain(secret);
      expect(text.stdout).not.toContain(secret);
    }
  });

  test('each such example is a placeholder, and the report says so', async () => {
    const { Target } = await readerSchemas(ws.spec);
    expect(Target.properties.authHeader.example).toBe('[redacted]');
    expect(Target.properties.passwordHash.example).toBe('[redacted]');
    expect(Target.properties.session.example).toBe('[redacted]');
    expect(Target.properties.requestLine.example).toBe('[redacted]');
    expect(Target.properties.echo.properties.authorization.example).toBe('[redacted]');
    expect(Target.properties.echo.properties['x-cap-api-oauth-token'].example).toBe('[redacted]');
    expect(Target.properties.echo.properties.agent.example).toBe('curl/8');
    expect(Target.properties.headers.example).toEqual([{ name: 'X-CAP-API-OAUTH-TOKEN', value: '[redacted]' }]);
    for (const name of ['authHeader', 'passwordHash', 'session', 'requestLine', 'headers'])
      expect(
        report.notes.find((n) => n.pointer === `/components/schemas/Target/properties/${name}`)?.message,
        name,
      ).toMatch(/credential.*\[redacted\]/);
  });

  test('an enum value or a property name that looks like a credential is refused, not quoted', () => {
    const reasons = report.refused.map((r) => `${r.pointer}: ${r.reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/components\/schemas\/TrackingType\/enum: .*credential/),
        expect.stringMatching(/^\/components\/schemas\/Target\/properties: .*credential/),
      ]),
    );
    expect(report.changes.filter((c) => c.pointer.startsWith('/components/schemas/TrackingType'))).toEqual([]);
  });

  test('no $ref from a body is written; propose itself fetched nothing', () => {
    const written = parse(readFileSync(ws.spec, 'utf8'));
    const before = parse(ws.before);
    expect(refsIn(written).filter((ref) => !refsIn(before).includes(ref))).toEqual([]);
    for (const ref of refsIn(written)) expect(ref).toMatch(/^#\/components\//);
    expect(written.components.schemas.Target.properties.links).toMatchObject({ type: 'array' });
    expect(written.components.schemas.Target.properties.links).not.toHaveProperty('example');
    expect(report.notes.find((n) => n.pointer.endsWith('/Target/properties/links'))?.message).toMatch(/\$ref/);
    expect(written.components.schemas.Target.properties.tags.example).toEqual(['beta']);
    expect(requests).toEqual([]);
  });
});

describe('propose --write: characters from traffic that a reviewer could not see', () => {
  // A bidirectional override reorders what a diff shows (Trojan Source); a C1 control or a line separator acts on a
  // terminal or ends a line for some readers; a zero-width, soft-hyphen, byte-order-mark or tag character shows as
  // nothing (a tag character, two UTF-16 units, can spell hidden text). In the YAML written they appear only as escapes.
  const HIDDEN = ['\u202e', '\u2066', '\u200f', '\u0085', '\u009b', '\u2028', '\u001b'];
  const INVISIBLE = ['\u200b', '\u00ad', '\u2060', '\ufeff', '\u{e0041}'];
  const VALUE = `admin\u202e } \u2066if (ok)\u2069 \u0085next\u009b[2J\u2028\u001b[31m ${INVISIBLE.join('x')}`;

  test('are written as escapes and read back as they came', async () => {
    const body = seed();
    const target: Json = body.data.targetGroups[0].targets[0];
    target.label = VALUE;
    target.notes = { 'key\u202eevil': 'x\u0085y' };
    target.trackingTypes = ['beta', `gamma\u200f`];
    const ws = workspace([body]);
    const ran = await propose(['--spec', ws.spec, '--write', ws.input], ws.dir);
    expect(ran.stderr).toBe('');
    const written = readFileSync(ws.spec, 'utf8');
    for (const c of [...HIDDEN, ...INVISIBLE]) {
      const name = `U+${c.codePointAt(0)!.toString(16)}`;
      expect(written.includes(c), name).toBe(false);
      expect(ran.stdout.includes(c), `${name} in the report`).toBe(false);
    }
    expect(written).toContain(String.raw`\u200bx\u00adx\u2060x\ufeffx\udb40\udc41`);
    const { Target } = await readerSchemas(ws.spec);
    expect(Target.properties.label.example).toBe(VALUE);
    expect(Target.properties.notes.properties[`key\u202eevil`].example).toBe(`x\u0085y`);
    expect(Target.properties.trackingTypes.example).toEqual(['beta', `gamma\u200f`]);
  });
});
