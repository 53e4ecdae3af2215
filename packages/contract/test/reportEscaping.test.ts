// What traffic sends reaches a report as text, never as terminal control: control characters (ESC, BEL, OSC 8,
// newlines, C1, bidirectional overrides) are escaped as JSON escapes them, so a key cannot forge a line.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { check } from '../src/commands/check/index.js';
import { run as diff } from '../src/commands/diff/index.js';
import { editedSpec, runCommand, S, tempDir } from './diffSupport.js';
import { fixture } from './helpers.js';
import { propose, workspace } from './proposeSupport.js';

type Json = Record<string, any>;

/**
 * Characters a terminal acts on: C0 (newline, ESC, BEL), DEL, C1 (CSI 0x9b), line separators, bidi overrides; and
 * those that show as nothing: zero-width characters, the soft hyphen, a byte-order mark, tag characters.
 */
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters to find
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|\udb40[\udc00-\udc7f]/;
const FORGED = 'Summary: forged line. Exit code 0.';
/** OSC 8 (a hyperlink), a colour and a bell in one key; a newline that starts a forged summary line. */
const HOSTILE_KEY = `\u001b]8;;https://evil.example/\u0007click\u001b]8;;\u0007\u001b[31mred\u0007`;
const FORGING_KEY = `x\n${FORGED}\n`;
const HOSTILE_VALUE = `\u009b2J\u202eevil\u200b\u{e0041}\u2028${FORGED}`;

function hostileBody(): Json {
  const body = fixture('64035151') as Json;
  body.data[HOSTILE_KEY] = 1;
  body.data[FORGING_KEY] = 2;
  body.data.targetGroups[0].trackingType = HOSTILE_VALUE;
  body.data.targetGroups[0].targets[0].eventName = null;
  return body;
}

/** Every line of a text output, checked: nothing a terminal acts on, and no line that a key forged. */
function expectInert(text: string): void {
  for (const line of text.split('\n')) expect(line).not.toMatch(UNSAFE);
  expect(text.split('\n').filter((line) => line === FORGED)).toEqual([]);
}

describe('text reports escape what traffic sends', () => {
  const dir = tempDir();
  const ndjson = path.join(dir, 'hostile.ndjson');
  writeFileSync(ndjson, `${JSON.stringify(hostileBody())}\n{"not json\u001b[2J\n`);

  test('check: the text report, its summary and the lines of unreadable input', async () => {
    const ran = await runCommand(check.run, [ndjson]);
    expect(ran.code).toBe(1);
    expectInert(ran.stdout);
    expect(ran.stdout).toContain('\\u001b]8;;https://evil.example/\\u0007click');
    expect(ran.stdout).toContain('x\\nSummary: forged line. Exit code 0.\\n');
    expect(ran.stdout).toContain('\\u009b2J\\u202eevil\\u200b\\udb40\\udc41\\u2028Summary');
    // One summary line, the last one, and it is the check's own.
    expect(ran.stdout.trimEnd().split('\n').at(-1)).toMatch(/^Summary: 1 body checked: .* Exit code 1\.$/);
  });

  test('check --coverage and --format sarif: the coverage text and the lines on standard error', async () => {
    const coverage = await runCommand(check.run, ['--coverage', ndjson]);
    expectInert(coverage.stdout);
    expect(coverage.stdout).toContain('\\u009b2J');
    expectInert(coverage.stderr);
    // A problem that quotes traffic: the HAR entry's content encoding.
    const capture = path.join(dir, 'encoding.har');
    writeFileSync(
      capture,
      JSON.stringify({
        log: {
          entries: [
            {
              request: { method: 'GET', url: 'https://eu.api.capillarytech.com/v3/users/1/targetGroups' },
              response: { status: 200, content: { text: '{}', encoding: `\u009b2J\u202e${FORGED}` } },
            },
          ],
        },
      }),
    );
    const sarif = await runCommand(check.run, ['--format', 'sarif', capture]);
    expect(sarif.stderr).toMatch(/unsupported encoding/);
    expectInert(sarif.stderr);
    expect(sarif.stderr).toContain('\\u009b2J\\u202eSummary');
  });

  test('check --format json and sarif: no C1 control or bidi override in the JSON either', async () => {
    for (const format of ['json', 'sarif']) {
      const ran = await runCommand(check.run, ['--format', format, ndjson]);
      expectInert(ran.stdout);
      expect(ran.stdout).toContain('\\u009b2J\\u202eevil\\u200b\\udb40\\udc41\\u2028');
      expect(() => JSON.parse(ran.stdout)).not.toThrow();
    }
    const json = JSON.parse((await runCommand(check.run, ['--format', 'json', ndjson])).stdout) as Json;
    // Escaped in the text, the same value in the data.
    expect(JSON.stringify(json.files[0].violations)).toContain(JSON.stringify(HOSTILE_VALUE).slice(1, -1));
  });

  test('diff: a spec key with control characters is escaped in the text report and the changeset', async () => {
    const base = editedSpec(() => {});
    const head = editedSpec((d) =>
      d.setIn([...S, 'Milestone', 'properties', FORGING_KEY], d.createNode({ type: 'string', description: 'x' })),
    );
    for (const format of ['text', 'changeset', 'json']) {
      const ran = await runCommand(diff, ['--format', format, base, head]);
      expect(ran.code).toBe(0);
      expectInert(ran.stdout);
      expect(ran.stdout).toContain('x\\nSummary: forged line');
    }
  });

  test('propose: the proposed diff, the changes and the notes, in text; the JSON without C1 or bidi', async () => {
    const body = hostileBody();
    // A value propose quotes in a note and a name it adds: both from traffic.
    body.data.targetGroups[0].targets[0][HOSTILE_KEY] = HOSTILE_VALUE;
    const { dir, input } = workspace([body]);
    const ran = await propose(['--spec', 'targetGroups.yaml', path.basename(input)], dir);
    expect(ran.code).toBe(1);
    expectInert(ran.stdout);
    expectInert(ran.stderr);
    expect(ran.stdout).toContain('\\u001b]8;;https://evil.example/\\u0007click');
    expect(ran.stdout).toContain('x\\nSummary: forged line. Exit code 0.');
    // The diff keeps its own lines: a forged key does not end the patch.
    expect(ran.stdout).toMatch(/^--- a\/targetGroups\.yaml$/m);
    const json = await propose(['--spec', 'targetGroups.yaml', '--format', 'json', path.basename(input)], dir);
    expectInert(json.stdout);
    // Escaped in the text, the same value in the data.
    expect(json.stdout).toContain('\\u009b2J\\u202eevil\\u200b\\udb40\\udc41\\u2028');
    expect(JSON.stringify(JSON.parse(json.stdout))).toContain(JSON.stringify(HOSTILE_VALUE).slice(1, -1));
  });
});
