import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectOutput,
  fixture,
  jsonReport,
  packageDir,
  runCli,
  seedFixtures,
  spec,
  expectNoCrash,
  runBuiltCli,
  type CliResult,
} from './helpers.js';

type Json = Record<string, unknown>;

let dir: string;
const file = (name: string, content: string | Buffer) => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};

function drifted(userId: string, change: (target: Json, body: Json) => void): Json {
  const body = fixture(userId);
  const target = (((body.data as Json).targetGroups as Json[])[0]!.targets as Json[])[0]!;
  change(target, body);
  return body;
}

function harEntry(url: string, status: number, text: string | undefined, encoding?: string, method = 'GET'): Json {
  const content: Json = { size: text?.length ?? 0, mimeType: 'application/json' };
  if (text !== undefined) content.text = text;
  if (encoding) content.encoding = encoding;
  return { request: { method, url, headers: [] }, response: { status, statusText: '', headers: [], content } };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'contract-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('check FILE', () => {
  it('a conforming JSON body (pretty-printed) exits 0', async () => {
    const result = await runCli(['check', file('ok.json', JSON.stringify(fixture('566881933'), null, 2))]);
    expect(result.code).toBe(0);
    await expectOutput(result, 'json-conforming', dir);
  });

  it('a body with an error exits 1 and names the pointer', async () => {
    const body = drifted('566881933', (t) => (t.targetValue = 'abc'));
    const result = await runCli(['check', file('bad.json', JSON.stringify(body))]);
    expect(result.code).toBe(1);
    await expectOutput(result, 'json-error', dir);
  });

  it('warnings only exit 0', async () => {
    const body = drifted('566881933', (t) => (t.newThing = 1));
    const result = await runCli(['check', '--format', 'json', file('warn.json', JSON.stringify(body))]);
    expect(result.code).toBe(0);
    const report = jsonReport(result);
    expect(report.files).toEqual([
      {
        file: path.join(dir, 'warn.json'),
        operation: 'getUserTargetGroups',
        valid: true,
        violations: [
          {
            pointer: '/data/targetGroups/0/targets/0/newThing',
            severity: 'warning',
            kind: 'undocumented-property',
            schemaPointer: '/components/schemas/Target',
            message: "undocumented property 'newThing' (not declared in the contract)",
          },
        ],
      },
    ]);
  });

  it('--status checks plain bodies against another response', async () => {
    const errorBody = { data: null, errors: [{ code: 310011, message: 'Invalid userId' }], warnings: null };
    const p = file('400.json', JSON.stringify(errorBody));
    expect((await runCli(['check', '--status', '400', p])).code).toBe(0);
    await expectOutput(await runCli(['check', '--status', '302', p]), 'json-undeclared-status', dir);
  });
});

describe('check NDJSON', () => {
  it('one entry per line named FILE:LINE, grouped by normalised pointer in the text report', async () => {
    const lines = [
      JSON.stringify(fixture('566881933')),
      JSON.stringify(drifted('566881933', (t) => (t.targetValue = '1'))),
      '',
      JSON.stringify(drifted('64035151', (t) => (t.targetValue = '2'))),
      JSON.stringify(
        drifted(
          '387035386',
          (_t, b) => ((((b.data as Json).targetGroups as Json[])[1]!.targets as Json[])[0]!.targetValue = '3'),
        ),
      ),
    ];
    const p = file('drift.ndjson', `${lines.join('\n')}\n`);
    const json = await runCli(['check', '--format', 'json', p]);
    expect(json.code).toBe(1);
    const report = jsonReport(json);
    expect(report.files.map((f) => [f.file, f.valid])).toEqual([
      [`${p}:1`, true],
      [`${p}:2`, false],
      [`${p}:4`, false],
      [`${p}:5`, false],
    ]);
    expect(report.files[3]!.violations).toMatchObject([
      {
        pointer: '/data/targetGroups/1/targets/0/targetValue',
        severity: 'error',
        message: 'expected number, got string "3"',
      },
    ]);
    const text = await runCli(['check', p]);
    expect(text.code).toBe(1);
    await expectOutput(text, 'ndjson-grouped', dir);
  });

  it('CRLF line endings and a trailing line without newline', async () => {
    const body = JSON.stringify(fixture('547528790'));
    const p = file('crlf.ndjson', `${body}\r\n${body}`);
    const report = jsonReport(await runCli(['check', '--format', 'json', p]));
    expect(report.files.map((f) => [f.file, f.valid])).toEqual([
      [`${p}:1`, true],
      [`${p}:2`, true],
    ]);
  });
});

describe('check HAR', () => {
  it('checks each call to the operation against the schema of its status', async () => {
    const ok = JSON.stringify(fixture('566881933'));
    const broken = JSON.stringify(drifted('64035151', (t) => delete t.periodId));
    const error400 = JSON.stringify({
      data: null,
      errors: [{ code: 310011, message: 'Invalid userId' }],
      warnings: null,
    });
    const har = {
      log: {
        version: '1.2',
        creator: { name: 'test', version: '1' },
        entries: [
          harEntry('https://eu.api.capillarytech.com/v3/users/566881933/targetGroups?includeInactive=false', 200, ok),
          harEntry('https://eu.api.capillarytech.com/v3/customers/get?id=1', 200, '{"other": "api"}'),
          harEntry(
            'https://eu.api.capillarytech.com/v3/users/abc/targetGroups',
            400,
            Buffer.from(error400).toString('base64'),
            'base64',
          ),
          harEntry('https://eu.api.capillarytech.com/v3/users/64035151/targetGroups', 200, broken),
          harEntry('https://eu.api.capillarytech.com/v3/users/1/targetGroups', 302, '{}'),
          harEntry(
            'https://eu.api.capillarytech.com/v3/users/2/targetGroups',
            200,
            ok.replace('"errors":null', '"errors":7'),
          ),
          harEntry('https://eu.api.capillarytech.com/api_gateway/intouch-api-v3/v3.1/users/3/targetGroups', 200, ok),
        ],
      },
    };
    const p = file('capture.har', JSON.stringify(har, null, 2));
    const result = await runCli(['check', '--format', 'json', p]);
    expect(result.code).toBe(1);
    const report = jsonReport(result);
    // #6 is the connected-orgs operation (/v3.1/...): checked against its own responses; #1 is another API, skipped.
    expect(report.files.map((f) => f.file)).toEqual([`${p}#0`, `${p}#2`, `${p}#3`, `${p}#4`, `${p}#5`, `${p}#6`]);
    const byName = Object.fromEntries(report.files.map((f) => [f.file.slice(p.length), f]));
    expect(byName['#0']!.violations).toEqual([]);
    expect(byName['#2']!.violations).toEqual([]);
    expect(byName['#3']!.violations).toMatchObject([
      {
        pointer: '/data/targetGroups/0/targets/0/periodId',
        severity: 'error',
        message: "required property 'periodId' is missing",
      },
    ]);
    expect(byName['#4']!.violations).toMatchObject([
      {
        pointer: '',
        severity: 'error',
        message: 'HTTP status 302 is not declared by the contract (declared: 200, 400, 401, 403, 404, 500)',
      },
    ]);
    expect(byName['#5']!.violations).toMatchObject([
      { pointer: '/errors', severity: 'error', message: 'expected array or null, got integer 7' },
    ]);
    expect(byName['#6']!.violations).toEqual([]);
    expect(report.summary.skippedEntries).toBe(1);
  });

  it('a browser export: the CORS preflight (OPTIONS) to the same URL is skipped and counted, not checked', async () => {
    const url = 'https://eu.api.capillarytech.com/v3/users/566881933/targetGroups?includeInactive=true';
    const ok = JSON.stringify(fixture('566881933'));
    const har = {
      log: {
        entries: [
          // What Chrome records for a preflight: 204, no content text (or an empty one).
          harEntry(url, 204, '', undefined, 'OPTIONS'),
          harEntry(url, 200, ok, undefined, 'GET'),
          harEntry(url, 200, ok, undefined, 'get'),
          harEntry(url, 405, undefined, undefined, 'POST'),
          harEntry('https://eu.api.capillarytech.com/v3/customers/get?id=1', 200, '{"other": "api"}', undefined, 'GET'),
        ],
      },
    };
    const p = file('browser.har', JSON.stringify(har));
    const json = await runCli(['check', '--format', 'json', p]);
    expect(json.code).toBe(0);
    const report = jsonReport(json);
    expect(report.files.map((f) => [f.file, f.valid])).toEqual([
      [`${p}#1`, true],
      [`${p}#2`, true],
    ]);
    expect(report.summary).toMatchObject({
      bodies: 2,
      problems: 0,
      skippedEntries: 3,
      skippedReason: 'other method or URL',
      skipped: '3 HAR entries skipped: other method or URL',
    });

    const text = await runCli(['check', p]);
    expect(text.code).toBe(0);
    await expectOutput(text, 'har-browser-export', dir);

    // --all-entries checks the preflight too (its empty body makes the run incomplete), and the call to another
    // API is drift against this operation's schema, which decides the exit code.
    const all = jsonReport(await runCli(['check', '--format', 'json', '--all-entries', p]));
    expect(all.files.map((f) => f.file)).toEqual([0, 1, 2, 3, 4].map((i) => `${p}#${i}`));
    expect(all.summary).toMatchObject({ skippedEntries: 0, problems: 2, withErrors: 1, exitCode: 1 });
    expect(all.summary.skipped).toBeUndefined();
  });

  it('only other methods to the operation: nothing checked, the run is incomplete and says why', async () => {
    const url = 'https://eu.api.capillarytech.com/v3/users/1/targetGroups';
    const p = file(
      'preflight-only.har',
      JSON.stringify({ log: { entries: [harEntry(url, 204, '', undefined, 'OPTIONS')] } }),
    );
    const result = await runCli(['check', p]);
    expect(result.code).toBe(2);
    await expectOutput(result, 'har-preflight-only', dir);
  });

  it('an entry without a recorded body makes the run incomplete (exit 2)', async () => {
    const har = {
      log: {
        entries: [
          harEntry('http://x/v3/users/1/targetGroups', 200, undefined),
          harEntry('http://x/v3/users/2/targetGroups', 0, ''),
        ],
      },
    };
    const result = await runCli(['check', file('nobody.har', JSON.stringify(har))]);
    expect(result.code).toBe(2);
    await expectOutput(result, 'har-without-bodies', dir);
    expectNoCrash(result);
  });
});

describe('check - (standard input)', () => {
  it('reads a JSON body', async () => {
    const result = await runCli(['check', '-'], { input: JSON.stringify(fixture('387043873'), null, 4) });
    expect(result.code).toBe(0);
    await expectOutput(result, 'stdin-json', dir);
  });

  it('reads NDJSON and names lines <stdin>:LINE', async () => {
    const input = seedFixtures()
      .map((f) => JSON.stringify(f.body))
      .join('\n');
    const bad = JSON.stringify(drifted('566881933', (t) => (t.enrolledOn = '2025-11-12 09:51:10')));
    const result = await runCli(['check', '--format', 'json', '-'], { input: `${input}\n${bad}\n` });
    expect(result.code).toBe(1);
    const report = jsonReport(result);
    expect(report.files).toHaveLength(seedFixtures().length + 1);
    const last = report.files.at(-1)!;
    expect(last.file).toBe(`<stdin>:${seedFixtures().length + 1}`);
    expect(last.violations[0]).toMatchObject({
      pointer: '/data/targetGroups/0/targets/0/enrolledOn',
      severity: 'error',
    });
    expect(last.violations[0]!.message).toMatch(/^legacy timestamp does not match/);
  });
});

describe('bad input is reported with its location, never crashes, and the run exits 2 (1 when drift is found too)', () => {
  it('a malformed NDJSON line; the other lines are still checked, and the drift among them decides the exit code', async () => {
    const good = JSON.stringify(fixture('566881933'));
    const bad = JSON.stringify(drifted('566881933', (t) => (t.targetValue = 'x')));
    const p = file('malformed.ndjson', `${good}\n{"data": {"userId": 1,\n${bad}\n`);
    const result = await runCli(['check', '--format', 'json', p]);
    expect(result.code).toBe(1);
    const report = jsonReport(result);
    expect(report.files.map((f) => [f.file, f.valid])).toEqual([
      [`${p}:1`, true],
      [`${p}:2`, false],
      [`${p}:3`, false],
    ]);
    expect(report.files[1]!.error).toMatch(/^not valid JSON/);
    expect(report.files[2]!.violations).toHaveLength(1);
    const text = await runCli(['check', p]);
    expect(text.code).toBe(1);
    await expectOutput(text, 'ndjson-malformed-line', dir);
    expectNoCrash(text);
  });

  it('a file that is not JSON', async () => {
    const result = await runCli(['check', file('page.html', '<html><body>502 Bad Gateway</body></html>')]);
    expect(result.code).toBe(2);
    await expectOutput(result, 'not-json', dir);
    expectNoCrash(result);
  });

  it('an empty file and a whitespace-only file', async () => {
    const result = await runCli(['check', file('empty.json', ''), file('blank.json', '  \n\n')]);
    expect(result.code).toBe(2);
    await expectOutput(result, 'empty-files', dir);
    expectNoCrash(result);
  });

  it('a binary file', async () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    const result = await runCli(['check', file('image.png', bytes)]);
    expect(result.code).toBe(2);
    await expectOutput(result, 'binary-file', dir);
    expectNoCrash(result);
  });

  it('a 50 MB body, alone and as one NDJSON line among good ones', async () => {
    const huge = JSON.stringify({ ...fixture('566881933'), padding: 'x'.repeat(50 * 1024 * 1024) });
    const alone = file('huge.json', huge);
    const good = JSON.stringify(fixture('64035151'));
    const mixed = file('huge.ndjson', `${good}\n${huge}\n${good}\n`);
    const result = await runCli(['check', '--format', 'json', alone, mixed]);
    expect(result.code).toBe(2);
    const report = jsonReport(result);
    expect(report.files.map((f) => [f.file, f.valid])).toEqual([
      [alone, false],
      [`${mixed}:1`, true],
      [`${mixed}:2`, false],
      [`${mixed}:3`, true],
    ]);
    expect(report.files[0]!.error).toMatch(/^body is 50\.0 MiB, larger than the body size limit of 16\.0 MiB/);
    expect(report.files[2]!.error).toMatch(/larger than the body size limit/);
    expectNoCrash(result);
  });

  it('a pretty-printed body larger than the limit', async () => {
    const big = JSON.stringify(
      { ...fixture('566881933'), padding: Array.from({ length: 2000 }, () => 'y'.repeat(1000)) },
      null,
      2,
    );
    const result = await runCli(['check', '--max-body-size', '1MiB', file('big-pretty.json', big)]);
    expect(result.code).toBe(2);
    await expectOutput(result, 'pretty-body-over-limit', dir);
  });

  it('a body nested 10,000 levels deep, alone and as an NDJSON line', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const deepObject = `{"data":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)},"errors":null,"warnings":null}`;
    const good = JSON.stringify(fixture('64035151'));
    const result = await runCli([
      'check',
      '--format',
      'json',
      file('deep.json', deep),
      file('deep.ndjson', `${good}\n${deepObject}\n${good}\n`),
    ]);
    expect(result.code).toBe(2);
    const report = jsonReport(result);
    expect(report.files.map((f) => f.valid)).toEqual([false, true, false, true]);
    expect(report.files[0]!.error).toMatch(/^body is nested deeper than 1000 levels \(line 1, column 1001\)/);
    expect(report.files[2]!.file).toBe(path.join(dir, 'deep.ndjson:2'));
    expect(report.files[2]!.error).toMatch(/nested deeper than 1000 levels/);
    expectNoCrash(result);
  });

  it('a missing file and a directory; the readable inputs are still checked', async () => {
    const ok = file('fine.json', JSON.stringify(fixture('64035151')));
    const sub = path.join(dir, 'a-directory');
    mkdirSync(sub, { recursive: true });
    const result = await runCli(['check', path.join(dir, 'nope.json'), sub, ok]);
    expect(result.code).toBe(2);
    await expectOutput(result, 'missing-file-and-directory', dir);
    expectNoCrash(result);
  });
});

describe('--format json: an input that could not be checked says why in its violations', () => {
  it('a missing file, a directory, a malformed NDJSON line and a file that is not JSON (exit 2)', async () => {
    const missing = path.join(dir, 'absent.json');
    const sub = path.join(dir, 'a-folder');
    mkdirSync(sub, { recursive: true });
    const ndjson = file('half.ndjson', `${JSON.stringify(fixture('566881933'))}\n{"data": \n`);
    const html = file('gateway.html', '<html>502</html>');
    const result = await runCli(['check', '--format', 'json', missing, sub, ndjson, html]);
    expect(result.code).toBe(2);
    const report = jsonReport(result);
    const unchecked = report.files.filter((f) => f.error !== undefined);
    expect(unchecked.map((f) => f.file)).toEqual([missing, sub, `${ndjson}:2`, html]);
    for (const entry of unchecked) {
      expect(entry.valid).toBe(false);
      expect(entry.violations).toEqual([{ pointer: '', severity: 'error', kind: 'not-checked', message: entry.error }]);
    }
    expect(unchecked[0]!.error).toBe('cannot read: no such file');
    expect(unchecked[1]!.error).toBe('cannot read: is a directory');
    expect(unchecked[2]!.error).toMatch(/^not valid JSON/);
    // The added violation explains the entry; it is not a finding about a body.
    expect(report.summary).toMatchObject({ bodies: 1, problems: 4, distinctErrors: 0, exitCode: 2 });
    expect(report.files.find((f) => f.file === `${ndjson}:1`)).toEqual({
      file: `${ndjson}:1`,
      operation: 'getUserTargetGroups',
      valid: true,
      violations: [],
    });
  });
});

describe('usage', () => {
  it.each([
    [[], 'missing command'],
    [['check'], 'check needs at least one FILE'],
    [['lint', 'x.json'], "unknown command 'lint'"],
    [['check', '--format', 'xml', 'x.json'], '--format must be text, json or sarif'],
    [['check', '--bogus', 'x.json'], "Unknown option '--bogus'"],
    [['check', '--status', '99', 'x.json'], "--status must be an HTTP status code (100-599), not '99'"],
    [['check', '--user-id', '1', 'x.json'], '--user-id only applies with --live'],
    [['check', '-', '-'], 'standard input (-) can be read only once'],
    [
      ['check', '--live', '--base-url', 'http://127.0.0.1:1', '--user-id', 'abc'],
      "--user-id must be a positive integer (a 64-bit user id), not 'abc'",
    ],
    [['check', '--live', '--user-id', '1'], '--live needs --base-url URL'],
  ])('%j exits 2: %s', async (args, message) => {
    const result = await runCli(args as string[]);
    expect(result.code).toBe(2);
    const [first, blank, ...usage] = result.stderr.split('\n');
    expect(first?.startsWith(`target-groups-contract: ${message}`), first).toBe(true);
    expect(blank).toBe('');
    expect(`${usage.join('\n')}`).toBe((await runCli(['--help'])).stdout);
    expectNoCrash(result);
  });

  it('the published bin (bin/target-groups-contract.mjs) runs the built CLI', async () => {
    const result = await new Promise<CliResult>((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(packageDir, 'bin', 'target-groups-contract.mjs'), '--help']);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe((await runBuiltCli(['--help'])).stdout);
  });

  it('--help exits 0 and prints the usage', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    await expectOutput(result, 'help', dir);
  });
});

describe('the text report says where to fix', () => {
  const nullEventName = () =>
    JSON.stringify(
      drifted('566881933', (target) => {
        target.eventName = null;
      }),
    );

  it.each([
    ['the built-in contract, as spec/targetGroups.yaml', undefined],
    ['a --spec file, as named', 'copy.yaml'],
  ])('each group names its component and the line that declares the place: %s', async (_, copy) => {
    const specFile = copy === undefined ? undefined : path.join(dir, copy);
    if (specFile) copyFileSync(spec.path, specFile);
    const body = file('null-event.json', nullEventName());
    const result = await runCli(['check', ...(specFile ? ['--spec', specFile] : []), body]);
    expect(result.code).toBe(1);
    // The built-in contract is named as such, with the CLI's version; a file given is named as given.
    const edit = /^ {10}edit Target at (.+?):(\d+)( \(built-in contract \S+\))?$/m.exec(result.stdout);
    expect(edit, result.stdout).not.toBeNull();
    expect(edit![1]).toBe(specFile ?? 'spec/targetGroups.yaml');
    expect(edit![3] !== undefined).toBe(specFile === undefined);
    const lines = readFileSync(specFile ?? spec.path, 'utf8').split('\n');
    expect(lines[Number(edit![2]) - 1]).toMatch(/^ {8}eventName:$/);
  });

  it('a HAR entry shows its request and status beside the finding', async () => {
    const url = 'https://eu.api.capillarytech.com/v3/users/566881933/targetGroups?includeInactive=true';
    const har = file('drift.har', JSON.stringify({ log: { entries: [harEntry(url, 200, nullEventName())] } }));
    const result = await runCli(['check', har]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`in ${har}#0 at /data/targetGroups/0/targets/0/eventName\n`);
    expect(result.stdout).toContain(`request GET ${url} → HTTP 200\n`);
  });
});

describe('subcommands', () => {
  it.each(['check', 'diff', 'propose'])('%s is in the usage, and takes --spec PATH', async (name) => {
    expect((await runCli(['--help'])).stdout).toMatch(new RegExp(`^  target-groups-contract ${name} `, 'm'));
    const absent = path.join(dir, 'absent.yaml');
    const body = file('one.json', JSON.stringify(fixture('566881933')));
    const result = await runCli([name, '--spec', absent, name === 'diff' ? spec.path : body]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^target-groups-contract[^\n]*absent\.yaml[^\n]*no such file[^\n]*\n$/);
  });
});

describe('the built-in contract is compiled ahead of time', () => {
  it('check runs where generating code from strings is forbidden (a page CSP without unsafe-eval); --spec cannot', async () => {
    const body = drifted('566881933', (t, b) => {
      t.targetValue = 'abc';
      (((b.data as Json).targetGroups as Json[])[0] as Json).loyaltyTier = 'GOLD';
    });
    const input = file('no-eval.json', JSON.stringify(body));
    const nodeOptions = ['--disallow-code-generation-from-strings'];
    const builtIn = await runCli(['check', '--format', 'json', input], { nodeOptions });
    expect(builtIn.stderr).toBe('');
    expect(builtIn.code).toBe(1);
    const found = jsonReport(builtIn).files[0]!.violations.map((v: Json) => [v.pointer, v.severity]);
    expect(Object.fromEntries(found)).toEqual({
      '/data/targetGroups/0/targets/0/targetValue': 'error',
      '/data/targetGroups/0/loyaltyTier': 'warning',
    });
    // The same spec given as a file is compiled by Ajv at run time: the flag stops it, so the flag is in force.
    const compiled = await runCli(['check', '--spec', spec.path, input], { nodeOptions });
    expect(compiled.stderr).toContain('Code generation from strings disallowed');
  });
});
