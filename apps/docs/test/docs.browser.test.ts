// The built docs page in headless Chromium, with every request that leaves this machine aborted and recorded.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardNetwork, launchChromium, serveDirectory } from '../scripts/browser.mjs';
import { findExternalResources } from '../scripts/htmlResources.mjs';
import { identifyingValue, readExpectations } from './expectations.js';
import {
  clippedDiagrams,
  controlsOverText,
  horizontalOverflow,
  hydrated,
  type PageVisit,
  screenshot,
  visit,
  WIDTHS,
} from './pageChecks.js';

const distDir = fileURLToPath(new URL('../dist/', import.meta.url));
const resultsDir = fileURLToPath(new URL('../test-results/', import.meta.url));
const indexHtml = `${distDir}index.html`;
const expected = await readExpectations();

// The vendor names the replacement in its deprecation notice; the docs carry that name, linked to the vendor's
// documentation (the contract's info.contact.url: the sources name no page of the replacement itself).
const REPLACEMENT_API = 'Get Details of all Loyalty Promotions';
const VENDOR_DOCS = String((expected.spec.document.info.contact as { url?: string } | undefined)?.url);

if (!existsSync(indexHtml)) {
  throw new Error(`no ${indexHtml}: build the docs first (pnpm --filter @target-groups/docs build)`);
}

let browser: Browser;
let server: { url: string; close: () => Promise<void> };
let reader: PageVisit;
let page: Page;

const operationSelector = `[data-section-id="${expected.operationRoute}"]`;
const operation = (on: Page = page): Locator => on.locator(operationSelector).first();
/** Redoc's deep link to an element of the operation: `#<route>#<route without its slash>/<element>`. */
const deepLink = (element: string) =>
  `${server.url}#${expected.operationRoute}#${expected.operationRoute.slice(1)}/${element}`;

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
  await page.evaluate(() => window.scrollTo(0, 0));
  const sections = page.locator('[data-section-id^="/section/"]');
  await sections.first().waitFor({ state: 'attached' });
  const texts: string[] = [];
  let inside = false;
  // Counted again on every step: sections further down mount as the ones above scroll into view.
  for (let i = 0; i < (await sections.count()); i++) {
    const section = sections.nth(i);
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
  reader = await visit(browser, server.url, 1280);
  page = reader.page;
  await hydrated(page);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the operation at first paint', () => {
  it('is in the HTML itself: summary, path, every parameter and every response status, without any script', async () => {
    const noScript = await visit(browser, server.url, 1280, false);
    try {
      const op = operation(noScript.page);
      const title = op.getByRole('heading', { level: 2 }).first();
      expect(await title.isVisible()).toBe(true);
      expect(await title.innerText()).toContain(expected.summary);
      expect(await op.getByText(expected.path, { exact: true }).first().isVisible()).toBe(true);
      for (const parameter of expected.parameters) {
        expect(await op.getByText(parameter.name, { exact: true }).first().isVisible(), parameter.name).toBe(true);
      }
      for (const status of expected.statuses) {
        expect(await op.getByRole('button', { name: status, exact: true }).first().isVisible(), status).toBe(true);
      }
      // On screen, not below the fold: the page lands on the operation.
      const box = await title.boundingBox();
      expect(box?.y ?? Number.POSITIVE_INFINITY).toBeLessThan(300);
      await screenshot(noScript.page, resultsDir, 'docs-first-paint');
    } finally {
      await noScript.close();
    }
  });

  it('is taken over by Redoc in place: the same heading element, at the same place, throughout', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      await guardNetwork(context);
      // Before any of the page's scripts: follow the heading on every frame from the parsed HTML onwards.
      await context.addInitScript((selector: string) => {
        const w = window as unknown as { __frames: Array<[number, boolean]>; __first?: Element };
        w.__frames = [];
        document.addEventListener('DOMContentLoaded', () => {
          w.__first = document.querySelector(`${selector} h2`) ?? undefined;
          const frame = () => {
            const heading = document.querySelector(`${selector} h2`);
            w.__frames.push([Math.round(heading?.getBoundingClientRect().top ?? -1), heading === w.__first]);
            if (w.__frames.length < 600) requestAnimationFrame(frame);
          };
          frame();
        });
      }, operationSelector);
      const tab = await context.newPage();
      await tab.goto(server.url);
      await hydrated(tab);
      await tab.waitForTimeout(300);
      const frames = await tab.evaluate(() => (window as unknown as { __frames: Array<[number, boolean]> }).__frames);
      expect(frames.length).toBeGreaterThan(1);
      const [firstTop] = frames[0]!;
      expect(firstTop).toBeGreaterThanOrEqual(0);
      // A jump moves the heading by a line or more; a pixel is rounding.
      expect(frames.filter(([top, same]) => Math.abs(top - firstTop) > 2 || !same)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe.each(WIDTHS)('at %i px wide', (width) => {
  let at: PageVisit;
  beforeAll(async () => {
    at = await visit(browser, server.url, width);
    await hydrated(at.page);
  });
  afterAll(() => at?.close());

  it('shows the operation on arrival, with no horizontal overflow, diagrams that fit and no control over text', async () => {
    const title = operation(at.page).getByRole('heading', { level: 2 }).first();
    expect(await title.isVisible()).toBe(true);
    await screenshot(at.page, resultsDir, `docs-${width}`);
    await expect.poll(() => horizontalOverflow(at.page), { timeout: 5_000 }).toBe(0);
    await expect.poll(() => controlsOverText(at.page), { timeout: 5_000 }).toEqual([]);

    expect(expected.tagDiagrams.length).toBeGreaterThan(0);
    for (const diagramTitle of expected.tagDiagrams) {
      const diagram = at.page.locator('svg', { has: at.page.locator('title', { hasText: diagramTitle }) }).first();
      await diagram.scrollIntoViewIfNeeded();
      expect(await diagram.isVisible(), `diagram "${diagramTitle}"`).toBe(true);
      expect((await diagram.boundingBox())?.width ?? 0).toBeGreaterThan(200);
      expect(await diagram.locator('rect').count()).toBeGreaterThan(1);
    }
    await expect.poll(() => clippedDiagrams(at.page), { timeout: 5_000 }).toEqual([]);
    await screenshot(at.page, resultsDir, `docs-${width}-diagram`);

    const code = operation(at.page).locator('pre[data-testid="source-code"]').first();
    await code.scrollIntoViewIfNeeded();
    await screenshot(at.page, resultsDir, `docs-${width}-code-sample`);
    await expect.poll(() => horizontalOverflow(at.page), { timeout: 5_000 }).toBe(0);
  });

  it('fetches nothing from another host, logs no console error and breaks none of its CSP', async () => {
    await at.page.waitForTimeout(300);
    expect(at.remoteAttempts).toEqual([]);
    expect(at.consoleErrors).toEqual([]);
    expect(at.cspViolations).toEqual([]);
  });
});

describe('navigation', () => {
  it('keeps the operation expanded while the reader visits an overview section and comes back', async () => {
    const tab = await visit(browser, server.url, 1280);
    try {
      await hydrated(tab.page);
      await tab.page.locator('.menu-content').getByText('Authentication', { exact: true }).click();
      await expect.poll(() => tab.page.url()).toContain('#/section/authentication');
      // Scrolling down from the overview reaches the operation as it was, parameters shown, nothing folded.
      await operation(tab.page).scrollIntoViewIfNeeded();
      for (const name of expected.queryParameters) {
        await expect
          .poll(() => operation(tab.page).getByText(name, { exact: true }).first().isVisible(), { message: name })
          .toBe(true);
      }
      expect(await operation(tab.page).getByRole('heading', { level: 2 }).first().isVisible()).toBe(true);
      await tab.page.goBack();
      await expect.poll(() => tab.page.url()).toContain(`#${expected.operationRoute}`);
      expect(await operation(tab.page).getByRole('heading', { level: 2 }).first().isVisible()).toBe(true);
      expect(tab.consoleErrors).toEqual([]);
      expect(tab.cspViolations).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  it('opens deep links to the operation, each parameter and each response at their place', async () => {
    const targets = [
      { url: `${server.url}#${expected.operationRoute}`, id: expected.operationRoute.slice(1), status: undefined },
      ...expected.parameters.map((p) => {
        const element = `t=request&in=${p.in}&path=${p.name.toLowerCase()}`;
        return { url: deepLink(element), id: `${expected.operationRoute.slice(1)}/${element}`, status: undefined };
      }),
      ...expected.statuses.map((status) => {
        const element = `response&c=${status}/body`;
        return { url: deepLink(element), id: `${expected.operationRoute.slice(1)}/${element}`, status };
      }),
    ];
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      await guardNetwork(context);
      for (const target of targets) {
        const tab = await context.newPage();
        await tab.goto(target.url);
        await hydrated(tab);
        const element = tab.locator(`[id="${target.id}"]`).first();
        await expect.poll(() => element.isVisible(), { message: target.url }).toBe(true);
        await expect
          .poll(async () => (await element.boundingBox())?.y ?? -1, { message: `${target.url} scrolled to` })
          .toBeLessThan(200);
        if (target.status) {
          const statusTab = operation(tab)
            .locator('[data-testid="middle-panel"]')
            .getByRole('tab', { name: target.status, exact: true })
            .first();
          expect(await statusTab.getAttribute('aria-selected'), `status ${target.status} selected`).toBe('true');
        }
        await tab.close();
      }
    } finally {
      await context.close();
    }
  });
});

describe('the docs page, as a reader reads it', () => {
  it('shows the deprecation notice and links the replacement API to the vendor documentation', async () => {
    // The badge's text is lower case in the DOM and capitalised by CSS.
    expect(
      await operation()
        .getByText(/^deprecated$/i)
        .first()
        .isVisible(),
    ).toBe(true);
    const link = operation().getByRole('link', { name: REPLACEMENT_API }).first();
    expect(await link.isVisible()).toBe(true);
    expect(await link.getAttribute('href')).toBe(VENDOR_DOCS);
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

  it('has a Changes section', async () => {
    const text = await overviewSection('Changes');
    expect(text).toContain('No releases yet: the first release will be listed here.');
  });

  it('lets each named example of each response be selected and shows it', async () => {
    await operation().scrollIntoViewIfNeeded();
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

  it('switches colour mode, layout and copies a code sample under its CSP', async () => {
    const colourMode = page.getByRole('button', { name: /^(light|dark)$/ }).first();
    const before = await page.evaluate(() => document.documentElement.className);
    await colourMode.click();
    await expect.poll(() => page.evaluate(() => document.documentElement.className)).not.toBe(before);
    await colourMode.click();
    await expect.poll(() => page.evaluate(() => document.documentElement.className)).toBe(before);
    await operation().locator('pre[data-testid="source-code"]').first().scrollIntoViewIfNeeded();
    await operation().getByRole('button', { name: 'Copy' }).first().click();
  });

  it('fetches nothing from another host, logs no console error and breaks none of its CSP', async () => {
    // Let late work (lazy sections, idle callbacks) run before judging.
    await page.waitForTimeout(500);
    expect(reader.remoteAttempts).toEqual([]);
    expect(reader.consoleErrors).toEqual([]);
    expect(reader.cspViolations).toEqual([]);
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
