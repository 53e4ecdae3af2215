// The client as its package.json promises it to a consumer, beyond its README's journeys: ESM and CJS entries,
// types under moduleResolution node16 and bundler (the README's client blocks and typed usage), and the drift
// monitor of the installed package. Registered by consumer.test.ts, so that it uses the one consumer project.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import type { ScenarioServer } from '@target-groups/mock/scenarios';
import { afterEach, describe, expect, test } from 'vitest';
import type { ConsumerProject } from './consumerProject.js';
import { tsconfig } from './consumerRun.js';
import { seedBody } from './inputs.js';
import type { Journey } from './journeys.js';
import { run, transcript } from './run.js';

/** The seed answer with a new property, a `null` the contract has none for, and a new value of an open enum. */
function drifted() {
  const body = seedBody(566881933);
  Object.assign(body.data.targetGroups[0], { loyaltyTier: 'GOLD', name: null, targetEvaluationType: 'ROLLING_WINDOW' });
  return body;
}

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
`;
const cjsUsage = `import { createTargetGroupsClient } from '@target-groups/client';
import type { Target } from '@target-groups/types';
export const client = createTargetGroupsClient({ baseUrl: 'https://eu.api.capillarytech.com', auth: { type: 'token', token: 't' } });
export type T = Target;
`;

const driftScript = `import { createTargetGroupsClient, TargetGroupsApiError } from '@target-groups/client';
const warnings = [];
process.on('warning', (w) => warnings.push({ name: w.name, code: w.code }));
const reports = [];
const client = createTargetGroupsClient({
  baseUrl: process.env.VENDOR_URL,
  auth: { type: 'basic', username: 'u', password: 'p' },
  drift: { sampleRate: 1, onDrift: (report) => reports.push(report) },
});
// Right after the first call returns: its check runs in a later task, so nothing can have been reported yet.
const first = await client.getTargetGroups(999);
const reportedBeforeReturn = reports.length;
const values = [first, await client.getTargetGroups(999)];
await client.drift.flush();
// The OAuth token source is an entry of its own, with its own copy of the error class: instanceof still holds.
const oauth = createTargetGroupsClient({ baseUrl: process.env.VENDOR_URL, auth: { type: 'oauth', key: 'k', secret: 's' } });
const tokenError = await oauth.getTargetGroups(999).catch((error) => error);
const oauthError = { isApiError: tokenError instanceof TargetGroupsApiError, operation: tokenError.operation };
console.log(JSON.stringify({ values, reports, reportedBeforeReturn, warnings, oauthError }));
`;

/** A whole JSON answer of a test's own handler, as the vendor sends it. */
function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json;charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function packagingTests(
  get: () => { project: ConsumerProject; vendor: ScenarioServer },
  clientModules: () => Journey[],
) {
  describe('the installed client, beyond its README', () => {
    const node = async (file: string, text: string) => {
      const { project, vendor } = get();
      writeFileSync(path.join(project.dir, file), text);
      const ran = await run(process.execPath, [file], { cwd: project.dir, env: project.env });
      expect(ran.code, transcript(ran)).toBe(0);
      return { ...ran, vendor };
    };
    afterEach(() => get().vendor.handle());

    test('ESM import works', async () => {
      const { stdout } = await node(
        'esm.mjs',
        `import { createTargetGroupsClient, TargetGroupsApiError, CLUSTER_BASE_URLS } from '@target-groups/client';
import { targetProgress } from '@target-groups/client/helpers';
const client = createTargetGroupsClient({ baseUrl: process.env.VENDOR_URL, auth: { type: 'basic', username: 'store.till', password: process.env.TILL_PASSWORD } });
const data = await client.getTargetGroups(566881933);
console.log(JSON.stringify({ user: data.userId, ratio: targetProgress(data.targetGroups[0].targets[0]).ratio, error: typeof TargetGroupsApiError, eu: CLUSTER_BASE_URLS.eu }));
`,
      );
      expect(JSON.parse(stdout)).toEqual({
        user: 566881933,
        ratio: 0.3,
        error: 'function',
        eu: 'https://eu.api.capillarytech.com',
      });
    });

    test('CJS require works', async () => {
      const { stdout } = await node(
        'cjs.cjs',
        `const { createTargetGroupsClient, TargetGroupsApiError } = require('@target-groups/client');
const { parseLegacyTimestamp } = require('@target-groups/client/helpers');
const client = createTargetGroupsClient({ baseUrl: process.env.VENDOR_URL, auth: { type: 'basic', username: 'store.till', password: process.env.TILL_PASSWORD } });
client.getTargetGroups(566881933).then((data) => {
  console.log(JSON.stringify({ user: data.userId, at: parseLegacyTimestamp(data.targetGroups[0].targets[0].enrolledOn).toISOString(), error: typeof TargetGroupsApiError }));
});
`,
      );
      expect(JSON.parse(stdout)).toEqual({ user: 566881933, at: '2025-11-12T09:51:10.000Z', error: 'function' });
    });

    test.each([
      ['node16', { module: 'node16', moduleResolution: 'node16' }],
      ['bundler', { module: 'esnext', moduleResolution: 'bundler' }],
    ])('tsc with moduleResolution %s type-checks the README client blocks and typed usage', async (name, options) => {
      const { project } = get();
      const files = ['usage.ts', ...(name === 'node16' ? ['usage-cjs.cts'] : [])];
      writeFileSync(path.join(project.dir, 'usage.ts'), usage);
      writeFileSync(path.join(project.dir, 'usage-cjs.cts'), cjsUsage);
      for (const [i, journey] of clientModules().entries()) {
        writeFileSync(path.join(project.dir, `readme${i}.ts`), Object.values(journey.files)[0]!);
        files.push(`readme${i}.ts`);
      }
      expect(files.length).toBeGreaterThan(2);
      const config = `tsconfig.${name}.json`;
      const settings = tsconfig(files, false, { ...options, skipLibCheck: false, noUncheckedIndexedAccess: false });
      writeFileSync(path.join(project.dir, config), JSON.stringify(settings));
      const ran = await run('tsc', ['-p', config], { cwd: project.dir, env: project.env });
      expect(`${ran.stdout}${ran.stderr}`).toBe('');
    });

    test('drift: onDrift names each pointer with its severity, the value is the body as sent, one deprecation warning', async () => {
      const body = drifted();
      get().vendor.handle((req, res) =>
        json(res, 200, req.url?.startsWith('/v3/users/999/') ? body : seedBody(566881933)),
      );
      const { stdout, stderr } = await node('drift.mjs', driftScript);
      const { values, reports, reportedBeforeReturn, warnings, oauthError } = JSON.parse(stdout);
      expect(oauthError).toEqual({ isApiError: true, operation: 'generateToken' });
      expect(values).toEqual([body.data, body.data]);
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
}
