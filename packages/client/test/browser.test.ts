// The drift path in a browser: the built client, its drift entry and the validator bundled for the browser by
// esbuild (as an app's bundler would, following the client's import() of its own entries), run in headless Chromium
// against a drifted answer handed over by the client's `fetch` option; and the same page under a Content Security
// Policy without 'unsafe-eval', which the validator compiled at build time runs under.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { seedFixtures } from '@target-groups/spec';
import { afterAll, beforeAll, expect, test } from 'vitest';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

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

const DRIFT = {
  '/data/targetGroups/0/loyaltyTier': 'warning',
  '/data/targetGroups/0/name': 'error',
  '/data/targetGroups/0/targetEvaluationType': 'warning',
};

/** The app: the client with drift sampling every answer; it puts its result in `window.result`. */
async function appBundle(): Promise<string> {
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
await client.drift.flush();
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
  return code;
}

type Result = { same: boolean; reports: { violations: { pointer: string; severity: string }[] }[] };

test('a browser bundle reports drift through onDrift, returns the body unchanged, and warns nothing', async () => {
  const code = await appBundle();
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => problems.push(message.text()));
  await page.setContent('<!doctype html><title>drift</title>');
  await page.addScriptTag({ content: code, type: 'module' });
  await page.waitForFunction(() => 'result' in window, undefined, { timeout: 20_000 });
  const result = (await page.evaluate(() => (window as unknown as { result: unknown }).result)) as Result;
  expect(result.same).toBe(true);
  expect(result.reports).toHaveLength(1);
  expect(Object.fromEntries(result.reports[0]!.violations.map((v) => [v.pointer, v.severity]))).toEqual(DRIFT);
  expect(problems).toEqual([]);
}, 60_000);

test("under a Content Security Policy without 'unsafe-eval' the drift monitor works, and nothing is evaluated", async () => {
  const code = await appBundle();
  const page = await browser.newPage();
  // A site of its own, served by the test: the policy allows the page's own scripts and nothing else.
  const policy = "default-src 'none'; script-src 'self'";
  // control.js records the policy's refusals, then does what the policy forbids (code from a string, as Ajv's
  // compiler does at run time): one refusal, its own; the app after it must add none.
  const control = `window.refused = [];
document.addEventListener('securitypolicyviolation', (event) => window.refused.push(event.violatedDirective));
try { window.evaluated = new Function('return "evaluated"')(); } catch (error) { window.evaluated = error.name; }`;
  const scripts: Record<string, string> = { '/control.js': control, '/app.js': code };
  await page.route('http://app.test/**', (route) => {
    const script = scripts[new URL(route.request().url()).pathname];
    return route.fulfill(
      script !== undefined
        ? { contentType: 'text/javascript', body: script }
        : {
            contentType: 'text/html',
            headers: { 'content-security-policy': policy },
            body: '<!doctype html><title>drift under CSP</title><script src="/control.js"></script><script type="module" src="/app.js"></script>',
          },
    );
  });
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => problems.push(message.text()));
  await page.goto('http://app.test/');
  await page.waitForFunction(() => 'result' in window, undefined, { timeout: 20_000 });
  const result = (await page.evaluate(() => (window as unknown as { result: unknown }).result)) as Result;
  expect(result.same).toBe(true);
  expect(Object.fromEntries(result.reports[0]!.violations.map((v) => [v.pointer, v.severity]))).toEqual(DRIFT);
  expect(problems).toEqual([]);
  const seen = (await page.evaluate(() => ({ ...window }))) as unknown as { evaluated: string; refused: string[] };
  expect(seen.evaluated).toBe('EvalError');
  expect(seen.refused).toEqual(['script-src']);
}, 60_000);
