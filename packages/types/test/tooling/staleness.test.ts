// The generator's staleness check (scripts/generate.mjs --check), the gate of `pnpm lint` and `pnpm build`: the
// committed files pass, a spec changed after generation fails them naming `pnpm generate`, and a remote `$ref` is
// refused before openapi-typescript reads it.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { promotionsSpecPath, specPath } from '@target-groups/spec';
import { startRecordingServer } from '@target-groups/spec/testing';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('staleness check', () => {
  const script = path.join(packageDir, 'scripts/generate.mjs');
  test('a spec with a remote $ref is refused before openapi-typescript reads it; nothing is fetched', async () => {
    const server = await startRecordingServer();
    const ref = `${server.url}/x.yaml`;
    const dir = mkdtempSync(path.join(tmpdir(), 'types-remote-'));
    try {
      const spec = path.join(dir, 'spec.yaml');
      writeFileSync(
        spec,
        readFileSync(specPath, 'utf8').replace("$ref: '#/components/schemas/Target'", `$ref: '${ref}'`),
      );
      const out = path.join(dir, 'schema.ts');
      const failure = await promisify(execFile)(process.execPath, [script, '--spec', spec, '--out', out]).then(
        () => undefined,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failure?.code).toBe(2);
      expect(failure?.stderr).toContain(`$ref "${ref}" at /components/schemas/`);
      expect(failure?.stderr).toContain('a remote reference');
      expect(server.requests).toEqual([]);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
  /** Runs `check` on a copy of a spec (`from`, as `name`) edited by `edit`, in a scratch folder removed afterwards. */
  function withChangedSpec(
    edit: [RegExp, string],
    expected: string,
    check: (spec: string, dir: string) => void,
    { from = specPath, name = 'spec.yaml' } = {},
  ) {
    const dir = mkdtempSync(path.join(tmpdir(), 'types-stale-'));
    try {
      const changed = readFileSync(from, 'utf8').replace(...edit);
      expect(changed).toContain(expected);
      writeFileSync(path.join(dir, name), changed);
      check(path.join(dir, name), dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  test('passes for the committed files, of both specs', () => {
    const out = execFileSync(process.execPath, [script, '--check'], { cwd: packageDir, encoding: 'utf8' });
    expect(out).toContain('src/generated/schema.ts is up to date');
    expect(out).toContain('src/generated/enums.ts is up to date');
    expect(out).toContain('src/generated/promotions/schema.ts is up to date');
    expect(out).toContain('src/generated/promotions/enums.ts is up to date');
  });
  test('a change of the promotions spec makes its committed files stale, the contract files untouched', () => {
    withChangedSpec(
      [/(\n {4}PromotionStatus:\n(?:.*\n)*? {6}enum:\n)/, '$1        - ARCHIVED\n'],
      '- ARCHIVED',
      (spec) => {
        const run = spawnSync(process.execPath, [script, '--check', '--promotions-spec', spec], {
          cwd: packageDir,
          encoding: 'utf8',
        });
        expect(run.status).toBe(1);
        expect(run.stderr).toMatch(/src\/generated\/promotions\/schema\.ts is stale.*Run `pnpm generate`/);
        expect(run.stderr).toMatch(/src\/generated\/promotions\/enums\.ts is stale/);
        expect(run.stdout + run.stderr).not.toContain('src/generated/schema.ts');
      },
      { from: promotionsSpecPath, name: 'promotions.yaml' },
    );
  });
  test('a new value of an open enum makes the committed enums.ts stale too', () => {
    withChangedSpec(
      [/(\n {4}TrackingType:\n(?:.*\n)*? {6}enum:\n)/, '$1        - ROLLING\n'],
      '- ROLLING',
      (spec, dir) => {
        const run = spawnSync(process.execPath, [script, '--check', '--spec', spec], {
          cwd: packageDir,
          encoding: 'utf8',
        });
        expect(run.status).toBe(1);
        expect(run.stderr).toMatch(/src\/generated\/enums\.ts is stale.*Run `pnpm generate`/);
        const out = path.join(dir, 'enums.ts');
        execFileSync(process.execPath, [
          script,
          '--spec',
          spec,
          '--out',
          path.join(dir, 'schema.ts'),
          '--enums-out',
          out,
        ]);
        expect(readFileSync(out, 'utf8')).toMatch(/TRACKING_TYPES = Object\.freeze\(\["ROLLING", "DEFAULT",/);
      },
    );
  });
  // The gate is `pnpm lint` (so `pnpm test`) and `pnpm build` (its check-generated task); `build` itself compiles what
  // is committed, so a tool that builds first (`pnpm contract` after `propose --write`) runs on a spec ahead of it.
  test.each(['check-generated', 'lint'])(
    '`%s` fails, naming `pnpm generate`, when the spec changed after generation',
    (name) => {
      withChangedSpec(
        [/(\n {4}Milestone:\n(?:.*\n)*? {6}properties:\n)/, '$1        probeField:\n          type: string\n'],
        'probeField',
        (spec) => {
          // The package's own script, its spec swapped: it stops at the check, before anything else runs.
          const scripts = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')).scripts;
          const command = scripts[name] as string;
          expect(command).toContain('generate.mjs --check');
          expect(scripts.build).not.toContain('--check');
          const run = spawnSync('sh', ['-c', command.replace('--check', `--check --spec ${spec}`)], {
            cwd: packageDir,
            encoding: 'utf8',
            env: { ...process.env, PATH: `${path.join(packageDir, 'node_modules', '.bin')}:${process.env.PATH}` },
          });
          expect(run.status).toBe(1);
          expect(run.stderr).toMatch(/stale.*Run `pnpm generate`/);
          expect(run.stdout).not.toMatch(/publint|Build success/);
        },
      );
    },
  );
});
