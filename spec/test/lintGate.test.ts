import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promotionsSpecPath, specPath } from '../src/index.ts';
import { type RecordingServer, startRecordingServer } from '../src/testing.ts';
import { aliasBombText } from '../src/testing.ts';

const specDir = path.dirname(specPath);

const execFileAsync = promisify(execFile);
const lintScript = path.join(specDir, 'scripts', 'lint.mjs');
const resolver = path.join(specDir, 'scripts', 'spectralResolver.cjs');
const binDir = path.join(specDir, 'node_modules', '.bin');
const lintEnv = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };

// Copies live inside the repository (not in the OS temp dir) and keep the file name targetGroups.yaml: the
// ruleset's per-path overrides match `**/targetGroups.yaml#...` relative to the ruleset, and Spectral's globs skip
// dot-directories. A copy anywhere else would fail for reasons unrelated to the planted defect.
const workDir = path.join(specDir, 'test-results', `lint-gate-${process.pid}`);
let server: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(async () => {
  rmSync(workDir, { recursive: true, force: true });
  await server.close();
});

async function run(command: string, args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await execFileAsync(command, args, { env: { ...lintEnv, ...env } });
    return { code: 0, stdout, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, output: e.stdout + e.stderr };
  }
}

async function runLint(file: string, nodeOptions: string[] = []) {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [...nodeOptions, lintScript, file], {
      env: lintEnv,
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

function plant(caseName: string, edit: (text: string) => string): string {
  const original = readFileSync(specPath, 'utf8');
  const planted = edit(original);
  expect(planted, `planting "${caseName}" changed nothing`).not.toBe(original);
  const file = path.join(workDir, caseName, 'targetGroups.yaml');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, planted);
  return file;
}

describe.concurrent('lint gate', () => {
  it('passes the real spec with zero findings from spectral', async () => {
    const { stdout } = await execFileAsync(
      path.join(binDir, 'spectral'),
      ['lint', specPath, '--ruleset', path.join(specDir, '..', '.spectral.yaml'), '--format=json', '--quiet'],
      { env: lintEnv },
    ).catch((e: { stdout: string }) => ({ stdout: e.stdout }));
    expect(JSON.parse(stdout)).toEqual([]);
  });

  it('passes the real spec with zero findings from redocly', async () => {
    const { stdout } = await execFileAsync(
      path.join(binDir, 'redocly'),
      ['lint', specPath, '--config', path.join(specDir, '..', 'redocly.yaml'), '--format=json'],
      { env: lintEnv },
    ).catch((e: { stdout: string }) => ({ stdout: e.stdout }));
    const report = JSON.parse(stdout) as {
      totals: { errors: number; warnings: number; ignored: number };
      problems: unknown[];
    };
    expect(report.problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0, ignored: 0 });
  });

  it('the lint script with no argument lints both specs, each clean', async () => {
    const { code, stdout } = await run(process.execPath, [lintScript]);
    expect(stdout).toContain('lint: clean (0 errors, 0 warnings from spectral and redocly) on targetGroups.yaml');
    expect(stdout).toContain('lint: clean (0 errors, 0 warnings from spectral and redocly) on promotions.yaml');
    expect(code).toBe(0);
  });

  it('fails when the second spec has a finding though the first is clean, naming the one at fault', async () => {
    const original = readFileSync(promotionsSpecPath, 'utf8');
    const planted = original.replace('          description: Name of the cycle, `Cycle_1` for the first.\n', '');
    expect(planted).not.toBe(original);
    const file = path.join(workDir, 'promotions-undescribed', 'promotions.yaml');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, planted);
    const { code, output } = await run(process.execPath, [lintScript, specPath, file]);
    expect(output).toMatch(/property-description\s+Property `cycle\b/);
    expect(output).toMatch(/lint: FAILED \(spectral\) on .*promotions\.yaml/);
    expect(output).toContain('on targetGroups.yaml');
    expect(code).toBe(1);
  });

  // Six defects planted in one copy, linted once: each must be reported under its own rule at a severity that fails
  // the gate (error or warning: the warning-only case below shows a warning alone fails it), so that a rule that
  // stopped failing would fail its test though the other five keep the exit code at 1.
  const spectral = (rule: string, message = '') => new RegExp(`\\b(?:error|warning)\\s+${rule}\\s+${message}`);
  const redocly = (rule: string) => new RegExp(`(?:Error|Warning) was generated by the ${rule} rule`);
  const DEFECTS: [string, (text: string) => string, (output: string) => void][] = [
    [
      'a property without a description',
      (text) =>
        text.replace(
          "          description: Name of the milestone's trigger, for example `3` or `targetAchieved`.\n",
          '',
        ),
      (output) => expect(output).toMatch(spectral('property-description', 'Property `triggerName\\b')),
    ],
    [
      'an example that contradicts its schema (both linters)',
      (text) => text.replace('"targetValue": 10000.000,', '"targetValue": "10000",'),
      (output) => {
        expect(output).toMatch(spectral('oas3-valid-media-example', '"targetValue" property type must be number'));
        expect(output).toMatch(redocly('no-invalid-media-type-examples'));
      },
    ],
    [
      'a deprecated field that does not name its replacement',
      (text) => text.replace('Deprecated; replaced by `enrolledOnISO`.', 'Deprecated.'),
      (output) => expect(output).toMatch(spectral('deprecated-property-names-replacement')),
    ],
    [
      'a property name that is not camelCase',
      (text) => text.replace('        eventName:\n', '        event_name:\n'),
      (output) => expect(output).toMatch(spectral('property-names-camel-case', 'Property name `event_name`')),
    ],
    [
      'HTML in a description that frames, embeds, submits or restyles (the docs refuse it too)',
      (text) =>
        text.replace(
          'Description of the admin user or till; often an empty string, `null` when unknown.',
          'Description of the admin user or till. <iframe srcdoc="&lt;script&gt;parent.x=1&lt;/script&gt;"></iframe>',
        ),
      (output) =>
        expect(output).toMatch(
          spectral('markdown-no-unsafe-html', '`#/components/schemas/AuditUser/properties/description/description`'),
        ),
    ],
    [
      'a response without named examples',
      (text) =>
        text.replace(
          "              examples:\n                accessDenied:\n                  $ref: '#/components/examples/accessDenied'\n",
          '',
        ),
      (output) => expect(output).toMatch(spectral('response-examples')),
    ],
  ];
  let planted: Promise<{ code: number; output: string }> | undefined;
  const lintPlanted = () => {
    planted ??= (async () => {
      const file = plant('six-defects', (text) => {
        let edited = text;
        for (const [name, edit] of DEFECTS) {
          const next = edit(edited);
          expect(next, `planting "${name}" changed nothing`).not.toBe(edited);
          edited = next;
        }
        return edited;
      });
      return runLint(file);
    })();
    return planted;
  };

  it.each(DEFECTS)('fails on %s, under its own rule', async (_name, _edit, reported) => {
    const { code, output } = await lintPlanted();
    expect(code).toBe(1);
    reported(output);
  });

  it('fails on malformed YAML', async () => {
    const file = plant('malformed-yaml', (text) =>
      text.replace('  title: Get Associated Target Groups of a User\n', '  title: [unclosed\n'),
    );
    const { code, output } = await runLint(file);
    expect(code).toBe(3);
    expect(output).toMatch(/targetGroups\.yaml:\d+:\d+: not valid YAML: /);
  });

  it('exits 3 on YAML that is not an OpenAPI document', async () => {
    const file = plant('not-openapi', () => 'just: a map\nof: values\n');
    const { code, output } = await runLint(file);
    expect(code).toBe(3);
    expect(output).toContain('not an OpenAPI document');
  });

  it('exits 2 when the path is a directory', async () => {
    mkdirSync(workDir, { recursive: true });
    const { code, output } = await runLint(workDir);
    expect(code).toBe(2);
    expect(output).toContain('not a file');
  });

  it('fails on a finding that is only a warning (an unused example)', async () => {
    const file = plant('warning-only', (text) =>
      text.replace(
        '\n  examples:\n',
        '\n  examples:\n    unusedExample:\n      summary: Not referenced anywhere\n      value: {}\n',
      ),
    );
    const { code, output } = await runLint(file);
    expect(code).toBe(1);
    expect(output).toMatch(/warning\s+oas3-unused-component/);
  });

  it('exits 2 with a clear message when the spec file does not exist', async () => {
    const { code, output } = await runLint(path.join(workDir, 'missing', 'targetGroups.yaml'));
    expect(code).toBe(2);
    expect(output).toContain('spec file not found');
  });

  it('exits 4 on a YAML alias bomb, refused at parse (48 MiB heap): no linter runs', async () => {
    const file = plant('alias-bomb', () => aliasBombText());
    const { code, output } = await runLint(file, ['--max-old-space-size=48']);
    expect(code).toBe(4);
    expect(output).toMatch(/targetGroups\.yaml:7:\d+: refused: .*alias bomb/);
    expect(output).not.toContain('── spectral');
  });

  it('exits 4 on a remote $ref inside an example, naming the ref and its line; nothing is fetched', async () => {
    const ref = `${server.url}/lint-gate.yaml`;
    const file = plant('remote-ref', (text) =>
      text.replace('          example: Invalid userId\n', `          example: {"$ref": "${ref}"}\n`),
    );
    const line = readFileSync(file, 'utf8').split('\n').indexOf(`          example: {"$ref": "${ref}"}`) + 1;
    const { code, output } = await runLint(file);
    expect(code).toBe(4);
    expect(output).toContain(`targetGroups.yaml:${line}:21: $ref "${ref}" at /components/schemas/ErrorItem`);
    expect(output).toContain('a remote reference');
    expect(server.requests).toEqual([]);
  });

  it("exits 4 on a $ref to a file outside the spec's directory", async () => {
    const file = plant('out-of-tree-ref', (text) =>
      text.replace("$ref: '#/components/schemas/ErrorItem'", "$ref: '../../../package.json'"),
    );
    const { code, output } = await runLint(file);
    expect(code).toBe(4);
    expect(output).toContain(`$ref "../../../package.json"`);
    expect(output).toContain("outside the spec's directory");
  });

  it("Spectral's resolver refuses a remote $ref as an invalid-ref finding that names it; nothing is fetched", async () => {
    const ref = `${server.url}/spectral.yaml`;
    const file = plant('spectral-remote-ref', (text) =>
      text.replace('          example: Invalid userId\n', `          example: {"$ref": "${ref}"}\n`),
    );
    const { output } = await run(
      path.join(binDir, 'spectral'),
      ['lint', file, '--ruleset', path.join(specDir, '..', '.spectral.yaml'), '--resolver', resolver],
      { TARGET_GROUPS_SPEC_DIR: path.dirname(file) },
    );
    expect(output).toMatch(
      new RegExp(`invalid-ref\\s+\\$ref ${ref.replace(/[.]/g, '\\.')} refused: a remote reference`),
    );
    expect(output).toContain('components.schemas.ErrorItem.properties.message.example.$ref');
    expect(server.requests).toEqual([]);
  });

  it("Spectral's resolver reads a file inside the spec's directory and refuses one outside it", async () => {
    const file = plant('spectral-file-refs', (text) =>
      text
        .replace("$ref: '#/components/schemas/ErrorItem'", "$ref: './errorItem.yaml'")
        .replace("$ref: '#/components/schemas/WarningItem'", "$ref: '../outside.yaml'"),
    );
    writeFileSync(path.join(path.dirname(file), 'errorItem.yaml'), 'type: object\n');
    writeFileSync(path.join(path.dirname(file), '..', 'outside.yaml'), 'type: object\n');
    const { output } = await run(
      path.join(binDir, 'spectral'),
      ['lint', file, '--ruleset', path.join(specDir, '..', '.spectral.yaml'), '--resolver', resolver],
      { TARGET_GROUPS_SPEC_DIR: path.dirname(file) },
    );
    expect(output).toMatch(
      /invalid-ref\s+\$ref \S*outside\.yaml refused: a reference to a file outside the spec's directory/,
    );
    expect(output).not.toMatch(/invalid-ref\s+\$ref \S*errorItem\.yaml/);
  });

  it('Redocly, with the root redocly.yaml, does not fetch a remote $ref inside an example', async () => {
    const ref = `${server.url}/redocly.yaml`;
    const file = plant('redocly-remote-ref', (text) =>
      text.replace('          example: Invalid userId\n', `          example: {"$ref": "${ref}"}\n`),
    );
    const { stdout } = await run(path.join(binDir, 'redocly'), [
      'lint',
      file,
      '--config',
      path.join(specDir, '..', 'redocly.yaml'),
      '--format=json',
    ]);
    expect(JSON.parse(stdout).problems).toContainEqual(
      expect.objectContaining({ ruleId: 'no-invalid-schema-examples' }),
    );
    expect(server.requests).toEqual([]);
  });
});
