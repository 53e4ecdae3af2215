// The drift path in a browser: the built client, its drift entry and the validator bundled for the browser by
// esbuild (as an app's bundler would, following the client's import() of its own entries), run in headless Chromium
// against a drifted answer handed over by the client's `fetch` option.
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { seedFixtures } from '@target-groups/spec';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { packageDir } from './support/readme.js';

const seed = seedFixtures().find((fixture) => fixture.file === '566881933.json');
if (!seed) throw new Error('seed body 566881933.json not found');
const body = structuredClone(seed.value) as { data: { targetGroups: Record<string, unknown>[] } };
Object.assign(body.data.targetGroups[0] as object, { loyaltyTier: 'GOLD', name: null, targetEvaluationType: 'X_NEW' });

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

test('a browser bundle reports drift through onDrift, returns the body unchanged, and warns nothing', async () => {
  const entry = `import { createTargetGroupsClient } from '@target-groups/client';
const text = ${JSON.stringify(JSON.stringify(body))};
const reports = [];
const client = createTargetGroupsClient({
  baseUrl: 'https://eu.api.capillarytech.com',
  auth: { type: 'basic', username: 'store.till', passwordMd5: '5ebe2294ecd0e0f08eab7690d2a6ee69' },
  fetch: async () => new Response(text, { headers: { 'content-type': 'application/json' } }),
  drift: { sampleRate: 1, onDrift: (report) => reports.push(report) },
});
const data = await client.getTargetGroups(566881933);
while (reports.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
window.result = { same: JSON.stringify(data) === JSON.stringify(JSON.parse(text).data), reports };
`;
  const bundle = await build({
    stdin: { contents: entry, resolveDir: packageDir, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    // The app's node_modules would hold the package under its name; here it is the package directory itself.
    alias: { '@target-groups/client': packageDir },
    logLevel: 'silent',
  });
  const code = bundle.outputFiles[0]!.text;
  expect(code).not.toMatch(/from ?["']node:/);
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => problems.push(message.text()));
  await page.setContent('<!doctype html><title>drift</title>');
  await page.addScriptTag({ content: code, type: 'module' });
  await page.waitForFunction(() => 'result' in window, undefined, { timeout: 20_000 });
  const result = (await page.evaluate(() => (window as unknown as { result: unknown }).result)) as {
    same: boolean;
    reports: { violations: { pointer: string; severity: string }[] }[];
  };
  expect(result.same).toBe(true);
  expect(result.reports).toHaveLength(1);
  expect(Object.fromEntries(result.reports[0]!.violations.map((v) => [v.pointer, v.severity]))).toEqual({
    '/data/targetGroups/0/loyaltyTier': 'warning',
    '/data/targetGroups/0/name': 'error',
    '/data/targetGroups/0/targetEvaluationType': 'warning',
  });
  expect(problems).toEqual([]);
}, 60_000);
