// Checks of one docs page in headless Chromium that every built page must pass, at every screen width: shared
// by the browser test of dist/ and the test of the versioned site.
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { guardNetwork } from '../scripts/browser.mjs';
import { identifyingValue, type OperationExpectations } from './expectations.js';

export const WIDTHS = [390, 1280] as const;

export interface PageVisit {
  page: Page;
  remoteAttempts: string[];
  consoleErrors: string[];
  /** Content-Security-Policy violations in the page and its frames. */
  cspViolations: string[];
  close: () => Promise<void>;
}

/**
 * Records every Content-Security-Policy violation in the context's pages and frames, as
 * "directive blocked-URI (source:line)", filled as the pages run.
 */
async function recordCspViolations(context: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  await context.exposeFunction('__recordCspViolation', (text: string) => violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const where = event.sourceFile ? ` (${event.sourceFile}:${event.lineNumber})` : '';
      const record = (window as unknown as { __recordCspViolation?: (text: string) => void }).__recordCspViolation;
      record?.(`${event.effectiveDirective} ${event.blockedURI || '(inline)'}${where}`);
    });
  });
  return violations;
}

/**
 * Opens `url` in a fresh context of `width` px, with the network guard, CSP violation and console capture on;
 * `prepare` runs on the page before it loads.
 */
export async function visit(
  browser: Browser,
  url: string,
  width: number,
  javaScript = true,
  prepare?: (page: Page) => Promise<void>,
): Promise<PageVisit> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: javaScript });
  const remoteAttempts = await guardNetwork(context);
  const cspViolations = await recordCspViolations(context);
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  await prepare?.(page);
  await page.goto(url);
  return { page, remoteAttempts, consoleErrors, cspViolations, close: () => context.close() };
}

/** An operation's section: Redoc's route of it is its section id. */
export const operationSection = (page: Page, route: string): Locator =>
  page.locator(`[data-section-id="${route}"]`).first();

/** Selects each named example of the operation's responses in Redoc's pickers and finds it shown. */
export async function showsEachExample(on: Page, o: OperationExpectations): Promise<void> {
  expect(o.examples.length).toBeGreaterThan(0);
  const panel = operationSection(on, o.route)
    .locator('[data-testid="right-panel"]')
    .filter({ has: on.locator('[data-component-name="Panel/PanelHeaderTitle"]', { hasText: /^Response$/ }) })
    .first();
  const viewer = panel.locator('[data-testid="json-viewer"]');
  for (const example of o.examples) {
    await panel.getByRole('button', { name: example.status, exact: true }).click();
    const siblings = o.examples.filter((e) => e.status === example.status);
    const picker = panel.getByRole('button', { name: 'Example' });
    if (siblings.length > 1) {
      await picker.click();
      await on.getByRole('menuitem', { name: example.label, exact: true }).click();
      await expect.poll(() => picker.innerText(), { message: `picker label for ${example.name}` }).toBe(example.label);
    } else {
      expect(await picker.count(), `no picker for the only example of ${example.status}`).toBe(0);
    }
    const shown = identifyingValue(example.value);
    await expect
      .poll(() => viewer.innerText(), { message: `${example.status} ${example.name} shows ${shown}` })
      .toContain(shown);
  }
}

/** Waits until the element is on screen near the top, where a deep link puts it. */
export async function scrolledTo(element: Locator, message: string): Promise<void> {
  await expect.poll(() => element.isVisible(), { message }).toBe(true);
  await expect
    .poll(async () => (await element.boundingBox())?.y ?? -1, { message: `${message} scrolled to` })
    .toBeLessThan(200);
}

/**
 * Waits until Redoc has taken the page over: the overview (route "/"), which the first render leaves out when the
 * page opens on the operation, is there.
 */
export async function hydrated(page: Page): Promise<void> {
  await page.locator('[data-section-id="/"]').first().waitFor({ state: 'attached', timeout: 30_000 });
}

// The checks below read the layout as it is; right after Redoc takes over, sections are still mounting, so the
// tests poll them until the page has settled (a lasting fault still fails).

/** How far the page is wider than the screen (0: no horizontal overflow). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));
}

/**
 * Diagrams that do not fit: wider than their column or the screen, or drawn beyond their own box (a diagram that
 * does not scale is cut off at its right edge): each as "title: the problem".
 */
export function clippedDiagrams(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<SVGSVGElement>('.api-content svg[role="img"]')].flatMap((svg) => {
      const title = svg.querySelector('title')?.textContent;
      const box = svg.getBoundingClientRect();
      const column = svg.parentElement?.getBoundingClientRect();
      const available = Math.min(window.innerWidth, column?.width ?? window.innerWidth);
      if (box.width > available + 1 || box.right > window.innerWidth + 1) {
        return [`${title}: ${Math.round(box.width)} px wide in ${Math.round(available)} px`];
      }
      const drawn = [...svg.querySelectorAll('rect, text')].map((shape) => shape.getBoundingClientRect());
      const right = Math.max(...drawn.map((r) => r.right));
      const bottom = Math.max(...drawn.map((r) => r.bottom));
      return right > box.right + 1 || bottom > box.bottom + 1
        ? [
            `${title}: drawn to ${Math.round(right - box.left)}×${Math.round(bottom - box.top)} in a ${Math.round(box.width)}×${Math.round(box.height)} box`,
          ]
        : [];
    }),
  );
}

/**
 * Buttons and links in the page's flow (a floating control that moves with the screen is not in the flow) that
 * lie on top of text other than their own: each as "control: the text it covers".
 */
export function controlsOverText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const controls = [...document.querySelectorAll<HTMLElement>('.api-content button, .api-content [role="button"]')]
      .filter((c) => {
        const box = c.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && getComputedStyle(c).visibility !== 'hidden';
      })
      .filter((c) => !['fixed', 'sticky'].includes(getComputedStyle(c).position));
    const found: string[] = [];
    const walker = document.createTreeWalker(
      document.querySelector('.api-content') ?? document.body,
      NodeFilter.SHOW_TEXT,
    );
    const texts: Array<{ node: Text; rects: DOMRect[] }> = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent?.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      if (rects.length > 0) texts.push({ node: node as Text, rects });
    }
    for (const control of controls) {
      const box = control.getBoundingClientRect();
      for (const { node, rects } of texts) {
        if (control.contains(node) || node.parentElement?.closest('button, [role="button"], [role="menu"]')) continue;
        const hit = rects.some(
          (r) =>
            Math.min(r.right, box.right) - Math.max(r.left, box.left) > 2 &&
            Math.min(r.bottom, box.bottom) - Math.max(r.top, box.top) > 2,
        );
        if (hit) {
          found.push(
            `${control.getAttribute('aria-label') ?? control.innerText.trim()}: "${node.textContent?.trim().slice(0, 40)}"`,
          );
          break;
        }
      }
    }
    return found;
  });
}

export async function screenshot(page: Page, dir: string, name: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: `${dir}${name}.png` });
}
