import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectOutput, fixture, jsonReport, runCli, seedFixtures, expectNoCrash } from './helpers.js';
import { drifted, harEntry, type Json, scratchFolder } from './cliScratch.js';

const scratch = scratchFolder('contract-cli-');
const { file } = scratch;

describe('check FILE', () => {
  it('a conforming JSON body (pretty-printed) exits 0', async () => {
    const result = await runCli(['check', file('ok.json', JSON.stringify(fixture('566881933'), null, 2))]);
    expect(result.code).toBe(0);
    await expectOutput(result, 'json-conforming', scratch.dir);
  });

  it('a body with an error exits 1 and names the pointer', async () => {
    const body = drifted('566881933', (t) => (t.targetValue = 'abc'));
    const result = await runCli(['check', file('bad.json', JSON.stringify(body))]);
    expect(result.code).toBe(1);
    await expectOutput(result, 'json-error', scratch.dir);
  });

  it('warnings only exit 0', async () => {
    const body = drifted('566881933', (t) => (t.newThing = 1));
    const result = await runCli(['check', '--format', 'json', file('warn.json', JSON.stringify(body))]);
    expect(result.code).toBe(0);
    const report = jsonReport(result);
    expect(report.files).toEqual([
      {
        file: path.join(scratch.dir, 'warn.json'),
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
    await expectOutput(await runCli(['check', '--status', '302', p]), 'json-undeclared-status', scratch.dir);
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
    await expectOutput(text, 'ndjson-grouped', scratch.dir);
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
    await expectOutput(text, 'har-browser-export', scratch.dir);

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
    await expectOutput(result, 'har-preflight-only', scratch.dir);
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
    await expectOutput(result, 'har-without-bodies', scratch.dir);
    expectNoCrash(result);
  });
});

describe('check - (standard input)', () => {
  it('reads a JSON body', async () => {
    const result = await runCli(['check', '-'], { input: JSON.stringify(fixture('387043873'), null, 4) });
    expect(result.code).toBe(0);
    await expectOutput(result, 'stdin-json', scratch.dir);
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
