// The built docs page in headless Chromium, with every request that leaves this machine aborted and recorded.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardNetwork, launchChromium, serveDirectory } from '../scripts/browser.mjs';
import { findExternalResources } from '../scripts/html-resources.mjs';
import { identifyingValue, readExpectations } from './spec.js';

const distDir = fileURLToPath(new URL('../dist/', import.meta.url));
const resultsDir = fileURLToPath(new URL('../test-results/', import.meta.url));
const indexHtml = `${distDir}index.html`;
const expected = readExpectations();

// The vendor names the replacement in its deprecation notice; the docs must carry that name.
const REPLACEMENT_API = 'Get Details of all Loyalty Promotions';

if (!existsSync(indexHtml)) {
  throw new Error(`no ${indexHtml}: build the docs first (pnpm --filter @target-groups/docs build)`);
}

let browser: Browser;
let context: BrowserContext;
let page: Page;
let server: { url: string; close: () => Promise<void> };
let remoteAttempts: string[];
const consoleErrors: string[] = [];

function operation(): Locator {
  return page.locator(`[data-section-id$="/${expected.operationId.toLowerCase()}"]`).first();
}

function responsePanel(): Locator {
  return operation()
    .locator('[data-testid="right-panel"]')
    .filter({ has: page.locator('[data-component-name="Panel/PanelHeaderTitle"]', { hasText: /^Response$/ }) })
    .first();
}

/**
 * Text of the overview section under the `## title` heading of info.description, its `###` subsections
 * included. Redoc mounts overview sections lazily, as they scroll into view, so each is scrolled to first.
 */
async function overviewSection(title: string): Promise<string> {
  const sections = page.locator('[data-section-id^="/section/"]');
  const texts: string[] = [];
  let inside = false;
  for (const section of await sections.all()) {
    await section.scrollIntoViewIfNeeded();
    const heading = section.locator('h2, h3').first();
    await heading.waitFor();
    const level = await heading.evaluate((h) => h.tagName);
    const name = (await heading.innerText()).trim();
    if (level === 'H2') {
      if (inside) break;
      inside = name === title;
    }
    if (inside) texts.push(await section.innerText());
  }
  if (texts.length === 0) throw new Error(`no overview section "${title}"`);
  return texts.join('\n');
}

beforeAll(async () => {
  server = await serveDirectory(distDir);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  remoteAttempts = await guardNetwork(context);
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  await page.goto(server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the docs page, as a reader opens it', () => {
  it('shows the operation by its summary, with method and path, without a click', async () => {
    const title = operation().getByRole('heading', { level: 2 }).first();
    await expect.poll(() => title.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await title.innerText()).toContain(expected.summary);
    expect(await operation().getByText(expected.path, { exact: true }).first().isVisible()).toBe(true);

    // What a reader sees on arrival, and the operation itself with its parameters.
    mkdirSync(resultsDir, { recursive: true });
    await page.screenshot({ path: `${resultsDir}docs.png` });
    await title.evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: `${resultsDir}docs-operation.png` });
    await page.evaluate(() => window.scrollTo(0, 0));
  });

  it('draws the diagrams of the tag description into the page', async () => {
    expect(expected.tagDiagrams.length).toBeGreaterThan(0);
    for (const title of expected.tagDiagrams) {
      const diagram = page.locator('svg', { has: page.locator('title', { hasText: title }) }).first();
      expect(await diagram.isVisible(), `diagram "${title}"`).toBe(true);
      const box = await diagram.boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(200);
      expect(await diagram.locator('rect').count()).toBeGreaterThan(1);
    }
  });

  it('shows every query parameter of the operation', async () => {
    expect(expected.queryParameters.length).toBeGreaterThan(0);
    for (const name of expected.queryParameters) {
      const parameter = operation().getByText(name, { exact: true }).first();
      expect(await parameter.isVisible(), `query parameter ${name}`).toBe(true);
    }
  });

  it('shows the deprecation notice and names the replacement API', async () => {
    // The badge's text is lower case in the DOM and capitalised by CSS.
    expect(
      await operation()
        .getByText(/^deprecated$/i)
        .first()
        .isVisible(),
    ).toBe(true);
    expect(await operation().getByText(REPLACEMENT_API).first().isVisible()).toBe(true);
  });

  it('has an authentication section covering both schemes and the token header', async () => {
    const text = await overviewSection('Authentication');
    expect(text).toMatch(/md5sum/);
    expect(text).toContain('X-CAP-API-OAUTH-TOKEN');
    expect(text).toContain('300');
    for (const scheme of expected.securitySchemes) {
      expect(await operation().getByText(scheme).first().isVisible(), `security scheme ${scheme}`).toBe(true);
    }
  });

  it('lets each named example of each response be selected and shows it', async () => {
    expect(expected.examples.length).toBeGreaterThan(0);
    const panel = responsePanel();
    const viewer = panel.locator('[data-testid="json-viewer"]');
    for (const example of expected.examples) {
      await panel.getByRole('button', { name: example.status, exact: true }).click();
      const siblings = expected.examples.filter((e) => e.status === example.status);
      const picker = panel.getByRole('button', { name: 'Example' });
      if (siblings.length > 1) {
        await picker.click();
        await page.getByRole('menuitem', { name: example.label, exact: true }).click();
        await expect
          .poll(() => picker.innerText(), { message: `picker label for ${example.name}` })
          .toBe(example.label);
      } else {
        expect(await picker.count(), `no picker for the only example of ${example.status}`).toBe(0);
      }
      const shown = identifyingValue(example.value);
      await expect
        .poll(() => viewer.innerText(), { message: `${example.status} ${example.name} shows ${shown}` })
        .toContain(shown);
    }
  });

  it('offers each code sample of the operation in the language picker and shows its source', async () => {
    expect(expected.codeSamples.length).toBeGreaterThanOrEqual(2);
    const panel = operation()
      .locator('[data-testid="right-panel"]')
      .filter({ has: page.locator('code[data-language]') })
      .first();
    const code = panel.locator('pre[data-testid="source-code"]').first();
    for (const [index, sample] of expected.codeSamples.entries()) {
      if (index > 0) {
        const current = expected.codeSamples[index - 1]!.label;
        await panel.getByRole('button', { name: current, exact: true }).click();
        await page.getByRole('menuitem', { name: sample.label, exact: true }).click();
      }
      const shown = (await code.innerText()).replace(/\s+/g, ' ').trim();
      for (const line of sample.source.split('\n').filter((l) => l.trim() !== '')) {
        expect(shown, `${sample.label} sample`).toContain(line.replace(/\s+/g, ' ').trim());
      }
    }
  });

  it('names every example the contract mock can be asked for', async () => {
    // Redoc shows examples by their summaries; `Prefer: example=NAME` needs the names, which the docs list.
    const text = await overviewSection('Working with this contract');
    for (const example of expected.examples) expect(text, `example ${example.name}`).toContain(example.name);
  });

  it('fetches nothing from another host and logs no console error', async () => {
    // Let late work (lazy sections, idle callbacks) run before judging.
    await page.waitForTimeout(500);
    expect(remoteAttempts).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});

describe('the offline guarantees themselves', () => {
  it('the built HTML references no resource on another host', () => {
    expect(findExternalResources(readFileSync(indexHtml, 'utf8'))).toEqual([]);
  });

  it('the network guard records and aborts a request to another host', async () => {
    const probeContext = await browser.newContext();
    try {
      const attempts = await guardNetwork(probeContext);
      const probe = await probeContext.newPage();
      await probe.goto(`${server.url}network-guard-probe`);
      const outcome = await probe.evaluate(() =>
        fetch('https://example.com/beacon').then(
          () => 'fetched',
          () => 'blocked',
        ),
      );
      expect(outcome).toBe('blocked');
      expect(attempts).toContain('https://example.com/beacon');
    } finally {
      await probeContext.close();
    }
  });
});
