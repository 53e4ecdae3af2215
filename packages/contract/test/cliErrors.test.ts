// The CLI on bad input, its usage and report texts, its subcommands and its built-in contract.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  expectOutput,
  fixture,
  jsonReport,
  packageDir,
  runCli,
  spec,
  expectNoCrash,
  runBuiltCli,
  type CliResult,
} from './helpers.js';

import { drifted, harEntry, type Json, scratchFolder } from './cliScratch.js';

const scratch = scratchFolder('contract-cli-');
const { file } = scratch;

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
    await expectOutput(text, 'ndjson-malformed-line', scratch.dir);
    expectNoCrash(text);
  });

  it('a file that is not JSON', async () => {
    const result = await runCli(['check', file('page.html', '<html><body>502 Bad Gateway</body></html>')]);
    expect(result.code).toBe(2);
    await expectOutput(result, 'not-json', scratch.dir);
    expectNoCrash(result);
  });

  it('an empty file and a whitespace-only file', async () => {
    const result = await runCli(['check', file('empty.json', ''), file('blank.json', '  \n\n')]);
    expect(result.code).toBe(2);
    await expectOutput(result, 'empty-files', scratch.dir);
    expectNoCrash(result);
  });

  it('a binary file', async () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    const result = await runCli(['check', file('image.png', bytes)]);
    expect(result.code).toBe(2);
    await expectOutput(result, 'binary-file', scratch.dir);
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
    await expectOutput(result, 'pretty-body-over-limit', scratch.dir);
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
    expect(report.files[2]!.file).toBe(path.join(scratch.dir, 'deep.ndjson:2'));
    expect(report.files[2]!.error).toMatch(/nested deeper than 1000 levels/);
    expectNoCrash(result);
  });

  it('a missing file and a directory; the readable inputs are still checked', async () => {
    const ok = file('fine.json', JSON.stringify(fixture('64035151')));
    const sub = path.join(scratch.dir, 'a-directory');
    mkdirSync(sub, { recursive: true });
    const result = await runCli(['check', path.join(scratch.dir, 'nope.json'), sub, ok]);
    expect(result.code).toBe(2);
    await expectOutput(result, 'missing-file-and-directory', scratch.dir);
    expectNoCrash(result);
  });
});

describe('--format json: an input that could not be checked says why in its violations', () => {
  it('a missing file, a directory, a malformed NDJSON line and a file that is not JSON (exit 2)', async () => {
    const missing = path.join(scratch.dir, 'absent.json');
    const sub = path.join(scratch.dir, 'a-folder');
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
    await expectOutput(result, 'help', scratch.dir);
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
    const specFile = copy === undefined ? undefined : path.join(scratch.dir, copy);
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
    const absent = path.join(scratch.dir, 'absent.yaml');
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
