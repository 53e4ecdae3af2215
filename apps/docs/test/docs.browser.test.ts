// The built docs page of the contract (dist/) in headless Chromium, with every request that leaves this machine
// aborted and recorded. The pages of other specs, built by the same code: otherSpecs.browser.test.ts.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { migrationMapOf } from '@target-groups/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardNetwork, launchChromium, serveDirectory } from '../scripts/browser.mjs';
import { findExternalResources } from '../scripts/htmlResources.mjs';
import { readExpectations } from './expectations.js';
import {
  clippedDiagrams,
  controlsOverText,
  horizontalOverflow,
  hydrated,
  operationSection,
  type PageVisit,
  screenshot,
  scrolledTo,
  showsEachExample,
  visit,
  WIDTHS,
} from './pageChecks.js';

const distDir = fileURLToPath(new URL('../dist/', import.meta.url));
const resultsDir = fileURLToPath(new URL('../test-results/', import.meta.url));
const indexHtml = `${distDir}index.html`;
const expected = await readExpectations();
const { landing } = expected;

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

const operation = (on: Page = page, route = landing.route): Locator => operationSection(on, route);

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
      expect(await title.innerText()).toContain(landing.summary);
      expect(await op.getByText(landing.path, { exact: true }).first().isVisible()).toBe(true);
      for (const parameter of landing.parameters) {
        expect(await op.getByText(parameter.name, { exact: true }).first().isVisible(), parameter.name).toBe(true);
      }
      for (const status of landing.statuses) {
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
      }, `[data-section-id="${landing.route}"]`);
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
  // The reader's page is 1280 px wide already.
  beforeAll(async () => {
    at = width === 1280 ? reader : await visit(browser, server.url, width);
    await hydrated(at.page);
  });
  afterAll(() => (at === reader ? undefined : at?.close()));

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

// On the reader's page, as a reader moves through it; then the reader's tests below go on from where it left.
describe('navigation', () => {
  it('keeps the operation expanded while the reader visits an overview section and comes back', async () => {
    await page.locator('.menu-content').getByText('Authentication', { exact: true }).click();
    await expect.poll(() => page.url()).toContain('#/section/authentication');
    // Scrolling down from the overview reaches the operation as it was, parameters shown, nothing folded.
    await operation().scrollIntoViewIfNeeded();
    for (const name of landing.queryParameters) {
      await expect
        .poll(() => operation().getByText(name, { exact: true }).first().isVisible(), { message: name })
        .toBe(true);
    }
    expect(await operation().getByRole('heading', { level: 2 }).first().isVisible()).toBe(true);
    await page.goBack();
    await expect.poll(() => page.url()).toContain(`#${landing.route}`);
    expect(await operation().getByRole('heading', { level: 2 }).first().isVisible()).toBe(true);
  });

  it('opens deep links to the operation, each parameter and each response at their place', async () => {
    // Redoc's deep link to an element of the operation: `#<route>#<route without its slash>/<element>`.
    const link = (element: string) => ({
      id: `${landing.route.slice(1)}/${element}`,
      url: `${server.url}#${landing.route}#${landing.route.slice(1)}/${element}`,
    });
    const targets = [
      { id: landing.route.slice(1), url: `${server.url}#${landing.route}`, status: '' },
      // Redoc names the header parameters' group `headers` in its links (`in=headers`), the others by their `in`.
      ...landing.parameters.map((p) => ({
        ...link(`t=request&in=${p.in === 'header' ? 'headers' : p.in}&path=${p.name.toLowerCase()}`),
        status: '',
      })),
      ...landing.statuses.map((status) => ({ ...link(`response&c=${status}/body`), status })),
    ];
    const opens = async (tab: Page, target: (typeof targets)[number]) => {
      await scrolledTo(tab.locator(`[id="${target.id}"]`).first(), target.url);
      if (!target.status) return;
      const statusTab = operation(tab)
        .locator('[data-testid="middle-panel"]')
        .getByRole('tab', { name: target.status, exact: true })
        .first();
      await expect
        .poll(() => statusTab.getAttribute('aria-selected'), { message: `status ${target.status} selected` })
        .toBe('true');
    };
    // Arriving on a link (a fresh load), to the operation and to a response; then every link followed in the page.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      await guardNetwork(context);
      for (const target of [targets[0]!, targets.at(-1)!]) {
        const tab = await context.newPage();
        await tab.goto(target.url);
        await hydrated(tab);
        await opens(tab, target);
      }
    } finally {
      await context.close();
    }
    for (const target of targets) {
      await page.goto(target.url);
      await opens(page, target);
    }
  });
});

describe('the docs page, as a reader reads it', () => {
  it('shows the deprecation notice and links the replacement API to the vendor documentation', async () => {
    // The deprecated operation: Redoc lists it after the others of its tag, so the page may land on another.
    const deprecated = expected.operations.find((o) => o.operation.deprecated);
    expect(deprecated, 'the contract has a deprecated operation').toBeDefined();
    const section = operation(page, deprecated!.route);
    await section.scrollIntoViewIfNeeded();
    // The badge's text is lower case in the DOM and capitalised by CSS.
    expect(
      await section
        .getByText(/^deprecated$/i)
        .first()
        .isVisible(),
    ).toBe(true);
    const link = section.getByRole('link', { name: REPLACEMENT_API }).first();
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

  it('has the Migrating to Loyalty Promotions section: a row per field of the migration map, with its note', async () => {
    const text = await overviewSection('Migrating to Loyalty Promotions');
    const { entries } = migrationMapOf(expected.spec);
    expect(entries.length).toBeGreaterThan(90);
    for (const entry of entries)
      expect(text, `${entry.schema}.${entry.property}`).toContain(`${entry.schema}.${entry.property}`);
    expect(text).toContain('PromotionMilestone.trackingType');
    const progress = entries.find((e) => e.property === 'targetAchievedValue')!;
    expect(text).toContain(progress.note!.split('`')[0]);
  });

  it('lets each named example of each response be selected and shows it', async () => {
    await operation().scrollIntoViewIfNeeded();
    await showsEachExample(page, landing);
  });

  it('offers each code sample of the operation in the language picker and shows its source', async () => {
    expect(landing.codeSamples.length).toBeGreaterThanOrEqual(2);
    const panel = operation()
      .locator('[data-testid="right-panel"]')
      .filter({ has: page.locator('code[data-language]') })
      .first();
    const code = panel.locator('pre[data-testid="source-code"]').first();
    for (const [index, sample] of landing.codeSamples.entries()) {
      if (index > 0) {
        const current = landing.codeSamples[index - 1]!.label;
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
