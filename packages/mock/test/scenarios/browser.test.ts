// The MSW face in a real browser: headless Chromium loads a page whose service worker (msw's mockServiceWorker.js)
// answers with the scenario engine. Everything is served from 127.0.0.1 on a free port.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { BASIC_AUTHORIZATION } from './support.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
let server: Server;
let origin: string;
let browser: Browser;

// The msw the page runs on: `msw`, or `msw2` in the project that tests the handlers on msw 2 (vitest.config.ts).
const msw = inject('mswPackage');

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [path.join(here, 'browser', 'page.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    ...(msw !== 'msw' && { alias: { msw } }),
  });
  const pageScript = bundle.outputFiles[0]!.text;
  const worker = readFileSync(createRequire(import.meta.url).resolve(`${msw}/mockServiceWorker.js`), 'utf8');
  const files: Record<string, [string, string]> = {
    '/': ['text/html', '<!doctype html><title>scenarios</title><script type="module" src="/page.js"></script>'],
    '/page.js': ['text/javascript', pageScript],
    '/mockServiceWorker.js': ['text/javascript', worker],
  };
  server = createServer((request, response) => {
    const file = files[request.url ?? ''];
    if (!file) return void response.writeHead(404).end('not served');
    response.writeHead(200, { 'content-type': file[0] }).end(file[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

test('in Chromium, through msw: user 999, noTargetGroups, an example, and reset as a failed fetch', async () => {
  const page = await browser.newPage();
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => (globalThis as { mockReady?: boolean }).mockReady === true, undefined, {
    timeout: 30_000,
  });
  const results = await page.evaluate(async (authorization) => {
    const ask = async (userId: number, prefer?: string) => {
      const response = await fetch(`/v3/users/${userId}/targetGroups?includeInactive=true`, {
        headers: { authorization, ...(prefer && { prefer }) },
      });
      return {
        status: response.status,
        requestId: response.headers.get('x-cap-requestid'),
        body: await response.json(),
      };
    };
    const reset = await fetch('/v3/users/1/targetGroups', {
      headers: { authorization, prefer: 'scenario=reset' },
    }).then(
      () => 'answered',
      (error: Error) => `${error.name}: ${error.message}`,
    );
    return {
      user: await ask(999),
      empty: await ask(999, 'scenario=noTargetGroups'),
      example: await ask(1, 'example=countTargetWithMilestones'),
      reset,
    };
  }, BASIC_AUTHORIZATION);
  expect(results.user.status).toBe(200);
  expect(results.user.body.data.userId).toBe(999);
  expect(results.user.requestId).toBeTruthy();
  expect(results.empty.body.data.targetGroups).toEqual([]);
  expect(results.example.body.data.userId).toBe(547528790);
  expect(results.reset).toBe('TypeError: Failed to fetch');
  await page.close();
}, 60_000);
