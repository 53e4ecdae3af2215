// The page's Content-Security-Policy in headless Chromium. The built page (dist/): its policy, and a script that
// its own code did not bring does not run. Defence in depth: HTML that runs code, frames or embeds content,
// submits a form or pulls a stylesheet, planted in the operation's description (which the lint and the build
// refuse; see build.test.ts), rendered the way the build renders the page (renderPage: Redoc's server render and
// the policy): without the policy the planted code runs; with it, nothing planted runs, submits or fetches, and
// the page still works.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { valueAt } from '@target-groups/spec';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, serveDirectory } from '../scripts/browser.mjs';
import { changesMarkdown, NO_RELEASES } from '../scripts/releaseHistory.mjs';
import { renderPage } from '../scripts/redocly.mjs';
import { readExpectations } from './expectations.js';
import { hydrated, type PageVisit, visit } from './pageChecks.js';

const expected = await readExpectations();
const distDir = fileURLToPath(new URL('../dist/', import.meta.url));
if (!existsSync(`${distDir}index.html`)) {
  throw new Error(`no ${distDir}index.html: build the docs first (pnpm --filter @target-groups/docs build)`);
}
const work = mkdtempSync(join(tmpdir(), 'docs-injection-'));

// Another origin on this machine: anything planted that reaches it got past the policy. Every request to another
// host is aborted by the network guard and recorded as a remote attempt.
const sentinelHits: string[] = [];
const sentinel: Server = createServer((req, res) => {
  sentinelHits.push(req.url ?? '');
  res.writeHead(200, { 'content-type': 'text/css' }).end('');
});

/** What a planted piece posts to the page when it runs. */
const RAN = (what: string) => `top.postMessage('ran:${what}','*')`;

function planted(sentinelUrl: string): string {
  const dataPage = (what: string) => `data:text/html,${encodeURIComponent(`<script>${RAN(what)}</script>`)}`;
  return [
    `<iframe srcdoc="&lt;script&gt;${RAN('iframe')}&lt;/script&gt;"></iframe>`,
    `<iframe src="${sentinelUrl}frame"></iframe>`,
    `<object data="${dataPage('object')}"></object>`,
    `<embed src="${dataPage('embed')}">`,
    `<form action="${sentinelUrl}form" method="get"><input name="q" value="x"><button type="submit" id="planted-submit">Send</button></form>`,
    `<style>@import url("${sentinelUrl}style.css"); html { --planted: applied; }</style>`,
    `<img src="${sentinelUrl}image.png" alt="planted image">`,
  ].join('\n\n');
}

let browser: Browser;
let built: { url: string; close: () => Promise<void> };
let withPolicy: { url: string; close: () => Promise<void> };
let withoutPolicy: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  await new Promise<void>((resolve) => sentinel.listen(0, '127.0.0.1', resolve));
  const address = sentinel.address();
  if (address === null || typeof address === 'string') throw new Error('the sentinel has no TCP address');
  const document = structuredClone(expected.spec.document);
  const operation = valueAt(document, expected.landing.operation.pointer) as { description?: string };
  operation.description = `${operation.description}\n\n${planted(`http://127.0.0.1:${address.port}/`)}\n`;
  const html = await renderPage({
    document,
    changes: changesMarkdown(NO_RELEASES),
    serverRenderLocation: expected.landing.route,
    landingRoute: expected.landing.route,
  });
  const policy = /<meta http-equiv="Content-Security-Policy"[^>]*>/;
  expect(html).toMatch(policy);
  for (const [dir, text] of [
    ['with', html],
    ['without', html.replace(policy, '')],
  ] as const) {
    mkdirSync(join(work, dir));
    writeFileSync(join(work, dir, 'index.html'), text);
  }
  built = await serveDirectory(distDir);
  withPolicy = await serveDirectory(join(work, 'with'));
  withoutPolicy = await serveDirectory(join(work, 'without'));
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await built?.close();
  await withPolicy?.close();
  await withoutPolicy?.close();
  await new Promise((resolve) => sentinel.close(resolve));
  rmSync(work, { recursive: true, force: true });
});

/** Opens the page, records what planted code posts, presses the planted button, and reports what happened. */
async function plantedRun(url: string): Promise<{ tab: PageVisit; ran: string[]; styled: string }> {
  sentinelHits.length = 0;
  const ran: string[] = [];
  const tab = await visit(browser, url, 1280, true, async (page) => {
    await page.exposeFunction('__ran', (what: string) => ran.push(what));
    await page.addInitScript(() =>
      window.addEventListener('message', (event) => {
        if (typeof event.data === 'string' && event.data.startsWith('ran:')) {
          (window as unknown as { __ran: (what: string) => void }).__ran(event.data);
        }
      }),
    );
  });
  await hydrated(tab.page);
  // Pressed from script: the planted frames around it may cover it on screen.
  const submit = tab.page.locator('#planted-submit').first();
  await Promise.all([
    tab.page.waitForURL(/form\?q=x/, { timeout: 1_500 }).catch(() => undefined),
    submit.evaluate((button: HTMLButtonElement) => button.click()),
  ]);
  await tab.page.waitForTimeout(500);
  const styled = await tab.page.evaluate(() =>
    getComputedStyle(document.documentElement).getPropertyValue('--planted').trim(),
  );
  return { tab, ran: [...new Set(ran)].sort(), styled };
}

describe('HTML planted in a description', () => {
  it('runs, frames and submits without the policy (the test can tell)', async () => {
    const { tab, ran } = await plantedRun(withoutPolicy.url);
    try {
      expect(ran).toContain('ran:iframe');
      expect(sentinelHits.some((hit) => hit.startsWith('/form?q=x'))).toBe(true);
      expect(sentinelHits).toContain('/image.png');
      expect(sentinelHits).toContain('/frame');
    } finally {
      await tab.close();
    }
  });

  it('runs nothing, embeds nothing, submits nothing and fetches nothing under the policy', async () => {
    const { tab, ran, styled } = await plantedRun(withPolicy.url);
    try {
      expect(ran).toEqual([]);
      expect(sentinelHits).toEqual([]);
      expect(tab.remoteAttempts).toEqual([]);
      expect(tab.page.url()).toBe(`${withPolicy.url}#${expected.landing.route}`);
      // Blocked by the policy, not missed: each planted piece shows up as a violation.
      const directives = new Set(tab.cspViolations.map((v) => v.split(' ')[0]));
      // (The srcdoc frame inherits the policy: its script is refused as script-src-elem.)
      for (const directive of [
        'frame-src',
        'script-src-elem',
        'object-src',
        'form-action',
        'img-src',
        'style-src-elem',
      ]) {
        expect(directives, directive).toContain(directive);
      }
      // A planted <style> still applies (styles are inline by nature): the build refuses it, the policy does not.
      expect(styled).toBe('applied');
    } finally {
      await tab.close();
    }
  });

  it('leaves the page working under the policy: the operation on screen, navigation, no error but the refusals', async () => {
    const tab = await visit(browser, withPolicy.url, 1280);
    try {
      await hydrated(tab.page);
      const operation = tab.page.locator(`[data-section-id="${expected.landing.route}"]`).first();
      expect(await operation.getByRole('heading', { level: 2 }).first().innerText()).toContain(
        expected.landing.summary,
      );
      await tab.page.locator('.menu-content').getByText('Authentication', { exact: true }).click();
      await expect.poll(() => tab.page.url()).toContain('#/section/authentication');
      expect(tab.consoleErrors.filter((e) => !/Content Security Policy/.test(e))).toEqual([]);
    } finally {
      await tab.close();
    }
  });
});

describe("the built page's policy", () => {
  it("runs only the page's own inline scripts, by hash, and allows no frame, object, form or remote image", () => {
    const html = readFileSync(`${distDir}index.html`, 'utf8');
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    const directives = new Map(
      policy.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'none'"]);
    const scripts = directives.get('script-src') ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const source of scripts) expect(source).toMatch(/^'sha256-[A-Za-z0-9+/]+=*'$/);
    expect(directives.get('frame-src')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:']);
    // The policy comes before anything it governs.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.search(/<(script|style|link)\b/i));
  });

  it("stops a script that the page's own code did not bring", async () => {
    const tab = await visit(browser, built.url, 1280);
    try {
      await hydrated(tab.page);
      const ran = await tab.page.evaluate(async () => {
        const w = window as unknown as { __injected?: boolean };
        const script = document.createElement('script');
        script.textContent = 'window.__injected = true';
        document.body.append(script);
        await new Promise((resolve) => setTimeout(resolve, 100));
        return w.__injected === true;
      });
      expect(ran).toBe(false);
      expect(tab.cspViolations).toEqual([expect.stringMatching(/^script-src-elem inline/)]);
    } finally {
      await tab.close();
    }
  });
});
