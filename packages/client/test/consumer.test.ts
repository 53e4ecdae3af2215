// A consumer outside the workspace: the packed tarballs of @target-groups/types, @target-groups/validator and
// @target-groups/client installed with npm (openapi-fetch and ajv come from the registry), imported with ESM and CJS,
// and type-checked with moduleResolution node16 and bundler by the workspace's tsc. The README example is
// type-checked and run there too, and a drifted answer is reported by the installed drift monitor.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { packageDir, readmeExample, redirectFetchModule } from './support/readme.js';
import { seedFixtures } from '@target-groups/spec';
import { type ScenarioServer, startScenarioServer } from '@target-groups/mock/scenarios';
import { json } from './support/fakeVendor.js';

// npm install and two full tsc runs: minutes on a busy machine, not seconds.
vi.setConfig({ testTimeout: 180_000 });

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
const typesDir = path.resolve(packageDir, '../types');
const validatorDir = path.resolve(packageDir, '../validator');
const nodeTypesRoot = path.dirname(path.dirname(require.resolve('@types/node/package.json')));

// Only what npm needs: no pnpm/npm_* variables from the workspace run leak into the consumer's install.
const cleanEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir() };

let dir: string;
let server: ScenarioServer;
const seed = seedFixtures().find((s) => s.file === '566881933.json');
/** The seed answer with a new property, a `null` the contract has none for, and a new value of an open enum. */
const drifted = (() => {
  const body = structuredClone(seed?.value) as { data: { targetGroups: Record<string, unknown>[] } };
  const group = body.data.targetGroups[0] as Record<string, unknown>;
  Object.assign(group, { loyaltyTier: 'GOLD', name: null, targetEvaluationType: 'ROLLING_WINDOW' });
  return JSON.stringify(body);
})();

beforeAll(async () => {
  server = await startScenarioServer();
  server.handle((req, res) => json(res, 200, req.url?.startsWith('/v3/users/999/') ? drifted : (seed?.text ?? '')));
  dir = mkdtempSync(path.join(tmpdir(), 'target-groups-consumer-'));
  const tarballs = path.join(dir, 'tarballs');
  mkdirSync(tarballs);
  // pnpm pack rewrites workspace:* into the real version, as a publish would.
  for (const pkg of [typesDir, validatorDir, packageDir]) {
    await run('pnpm', ['pack', '--pack-destination', tarballs], { cwd: pkg, env: { ...process.env } });
  }
  const files = readdirSync(tarballs);
  const tarball = (prefix: string) => {
    const file = files.find((f) => f.startsWith(prefix));
    if (!file) throw new Error(`no ${prefix} tarball in ${files.join(', ')}`);
    return `file:./tarballs/${file}`;
  };
  const app = path.join(dir, 'app');
  mkdirSync(app);
  writeFileSync(
    path.join(app, 'package.json'),
    JSON.stringify({
      name: 'consumer-app',
      private: true,
      type: 'module',
      dependencies: {
        '@target-groups/types': tarball('target-groups-types-').replace('./', '../'),
        '@target-groups/validator': tarball('target-groups-validator-').replace('./', '../'),
        '@target-groups/client': tarball('target-groups-client-').replace('./', '../'),
      },
    }),
  );
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
    cwd: app,
    env: cleanEnv,
  });
}, 240_000);

afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const app = () => path.join(dir, 'app');

describe('installed from tarballs', () => {
  test('workspace:* was rewritten to a version and resolved from the tarball', async () => {
    const pkg = JSON.parse(
      (
        await run(process.execPath, ['-p', "JSON.stringify(require('@target-groups/client/package.json'))"], {
          cwd: app(),
        })
      ).stdout,
    );
    expect(pkg.dependencies['@target-groups/types']).toMatch(/^\d+\.\d+\.\d+/);
    expect(pkg.dependencies['openapi-fetch']).toBe('0.17.0');
  });

  test('ESM import works', async () => {
    writeFileSync(
      path.join(app(), 'esm.mjs'),
      `import { createTargetGroupsClient, TargetGroupsApiError, CLUSTER_BASE_URLS } from '@target-groups/client';
import { targetProgress } from '@target-groups/client/helpers';
const client = createTargetGroupsClient({ baseUrl: process.env.STAND_IN_URL, auth: { type: 'basic', username: 'u', password: 'p' } });
const data = await client.getTargetGroups(566881933);
console.log(JSON.stringify({ user: data.userId, ratio: targetProgress(data.targetGroups[0].targets[0]).ratio, error: typeof TargetGroupsApiError, eu: CLUSTER_BASE_URLS.eu }));
`,
    );
    const { stdout } = await run(process.execPath, ['esm.mjs'], {
      cwd: app(),
      env: { ...cleanEnv, STAND_IN_URL: server.url },
    });
    expect(JSON.parse(stdout)).toEqual({
      user: 566881933,
      ratio: 0.3,
      error: 'function',
      eu: 'https://eu.api.capillarytech.com',
    });
  });

  test('CJS require works', async () => {
    writeFileSync(
      path.join(app(), 'cjs.cjs'),
      `const { createTargetGroupsClient, TargetGroupsApiError } = require('@target-groups/client');
const { parseLegacyTimestamp } = require('@target-groups/client/helpers');
const client = createTargetGroupsClient({ baseUrl: process.env.STAND_IN_URL, auth: { type: 'basic', username: 'u', password: 'p' } });
client.getTargetGroups(566881933).then((data) => {
  console.log(JSON.stringify({ user: data.userId, at: parseLegacyTimestamp(data.targetGroups[0].targets[0].enrolledOn).toISOString(), error: typeof TargetGroupsApiError }));
});
`,
    );
    const { stdout } = await run(process.execPath, ['cjs.cjs'], {
      cwd: app(),
      env: { ...cleanEnv, STAND_IN_URL: server.url },
    });
    expect(JSON.parse(stdout)).toEqual({ user: 566881933, at: '2025-11-12T09:51:10.000Z', error: 'function' });
  });

  const usage = `import { createTargetGroupsClient, TargetGroupsApiError, type Target, type TrackingType, type UserTargetGroups } from '@target-groups/client';
import { targetProgress } from '@target-groups/client/helpers';
import type { TargetGroupsResponse } from '@target-groups/types';
const client = createTargetGroupsClient({ cluster: 'eu', auth: { type: 'oauth', key: 'k', secret: 's' }, retry: { attempts: 2 } });
export async function load(userId: number): Promise<UserTargetGroups | undefined> {
  try {
    return await client.getTargetGroups(userId, { includeInactive: true, targetRuleId: 2996 });
  } catch (error) {
    if (error instanceof TargetGroupsApiError && error.kind === 'api') return undefined;
    throw error;
  }
}
export const tracking: TrackingType = 'SOMETHING_NEW';
export const ratio = (t: Target): number => targetProgress(t).ratio;
export const data = (r: TargetGroupsResponse) => r.data?.targetGroups.length ?? 0;
// @ts-expect-error userId is a number or a numeric string
void client.getTargetGroups(true);
// @ts-expect-error a data scope is SELF, OTHER or ALL
void client.getTargetGroups(1, { dataScope: 'PARENT' });
`;
  const cjsUsage = `import { createTargetGroupsClient } from '@target-groups/client';
import type { Target } from '@target-groups/types';
export const client = createTargetGroupsClient({ baseUrl: 'https://eu.api.capillarytech.com', auth: { type: 'token', token: 't' } });
export type T = Target;
`;

  test.each([
    ['node16', { module: 'node16', moduleResolution: 'node16' }],
    ['bundler', { module: 'esnext', moduleResolution: 'bundler' }],
  ])('tsc with moduleResolution %s type-checks the README example and typed usage', async (name, options) => {
    writeFileSync(path.join(app(), 'readme.ts'), readmeExample());
    // The README's client of one's own: openapi-fetch's createClient with the exported fetch wrapper and middleware.
    writeFileSync(path.join(app(), 'own.ts'), readmeExample('createTargetGroupsMiddleware'));
    // The README's connected-organisations example: a data scope, typed from the generated paths.
    writeFileSync(path.join(app(), 'connected.ts'), readmeExample('dataScopeOrgs'));
    writeFileSync(path.join(app(), 'usage.ts'), usage);
    writeFileSync(path.join(app(), 'usage-cjs.cts'), cjsUsage);
    const config = `tsconfig.${name}.json`;
    writeFileSync(
      path.join(app(), config),
      JSON.stringify({
        compilerOptions: {
          ...options,
          target: 'es2022',
          lib: ['es2022', 'dom'],
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: ['node'],
          typeRoots: [nodeTypesRoot],
        },
        files: ['readme.ts', 'own.ts', 'connected.ts', 'usage.ts', ...(name === 'node16' ? ['usage-cjs.cts'] : [])],
      }),
    );
    const result = await run(process.execPath, [tsc, '-p', config], { cwd: app() }).catch(
      (e: { stdout: string; stderr: string }) => e,
    );
    expect(`${result.stdout}${result.stderr}`).toBe('');
  });

  test('the README example runs from the installed package', async () => {
    writeFileSync(
      path.join(app(), `tsconfig.emit.json`),
      JSON.stringify({
        compilerOptions: {
          module: 'node16',
          moduleResolution: 'node16',
          target: 'es2022',
          outDir: 'out',
          types: ['node'],
          typeRoots: [nodeTypesRoot],
          skipLibCheck: true,
        },
        files: ['readme.ts'],
      }),
    );
    writeFileSync(path.join(app(), 'readme.ts'), readmeExample());
    await run(process.execPath, [tsc, '-p', 'tsconfig.emit.json'], { cwd: app() });
    writeFileSync(path.join(app(), 'redirect.mjs'), redirectFetchModule());
    const { stdout } = await run(process.execPath, ['--import', './redirect.mjs', 'out/readme.js'], {
      cwd: app(),
      env: { ...cleanEnv, TILL_PASSWORD: 'x', STAND_IN_URL: server.url },
    });
    expect(stdout.trim()).toBe('JUSTIN 1 target(s) DEFAULT');
  });

  test('drift: onDrift names each pointer with its severity, the value is the body as sent, one deprecation warning', async () => {
    writeFileSync(
      path.join(app(), 'drift.mjs'),
      `import { createTargetGroupsClient, TargetGroupsApiError } from '@target-groups/client';
const warnings = [];
process.on('warning', (w) => warnings.push({ name: w.name, code: w.code }));
const reports = [];
const client = createTargetGroupsClient({
  baseUrl: process.env.STAND_IN_URL,
  auth: { type: 'basic', username: 'u', password: 'p' },
  drift: { sampleRate: 1, onDrift: (report) => reports.push(report) },
});
// Right after the first call returns: its check runs in a later task, so nothing can have been reported yet.
// (After the second call the first one's report may well be in: that is the check running off the caller's path.)
const first = await client.getTargetGroups(999);
const reportedBeforeReturn = reports.length;
const values = [first, await client.getTargetGroups(999)];
for (let waited = 0; reports.length === 0 && waited < 15000; waited += 50) await new Promise((r) => setTimeout(r, 50));
await new Promise((r) => setTimeout(r, 200));
// The OAuth token source is an entry of its own, with its own copy of the error class: instanceof still holds.
const oauth = createTargetGroupsClient({ baseUrl: process.env.STAND_IN_URL, auth: { type: 'oauth', key: 'k', secret: 's' } });
const tokenError = await oauth.getTargetGroups(999).catch((error) => error);
const oauthError = { isApiError: tokenError instanceof TargetGroupsApiError, operation: tokenError.operation };
console.log(JSON.stringify({ values, reports, reportedBeforeReturn, warnings, oauthError }));
`,
    );
    const { stdout, stderr } = await run(process.execPath, ['drift.mjs'], {
      cwd: app(),
      env: { ...cleanEnv, STAND_IN_URL: server.url },
    });
    const { values, reports, reportedBeforeReturn, warnings, oauthError } = JSON.parse(stdout);
    expect(oauthError).toEqual({ isApiError: true, operation: 'generateToken' });
    const expected = JSON.parse(drifted).data;
    expect(values).toEqual([expected, expected]);
    expect(reportedBeforeReturn).toBe(0);
    // Two identical drifted answers are one signal.
    expect(reports).toHaveLength(1);
    expect(reports[0].status).toBe(200);
    expect(
      Object.fromEntries(
        reports[0].violations.map((v: { pointer: string; severity: string }) => [v.pointer, v.severity]),
      ),
    ).toEqual({
      '/data/targetGroups/0/loyaltyTier': 'warning',
      '/data/targetGroups/0/name': 'error',
      '/data/targetGroups/0/targetEvaluationType': 'warning',
    });
    expect(warnings).toEqual([{ name: 'DeprecationWarning', code: 'TARGET_GROUPS_DEPRECATED' }]);
    expect(stderr.match(/TARGET_GROUPS_DEPRECATED/g)).toHaveLength(1);
  });
});
