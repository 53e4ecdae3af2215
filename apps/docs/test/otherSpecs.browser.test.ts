// The pages of other specs in headless Chromium, built by the same code as the contract's (docs.browser.test.ts),
// with every request that leaves this machine aborted and recorded: the variant that no docs code was written for
// (variant.ts), and the contract of the replacement, which `pnpm build` writes to dist/promotions/.
import { fileURLToPath } from 'node:url';
import { promotionsSpecPath } from '@target-groups/spec';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, serveDirectory } from '../scripts/browser.mjs';
import { readExpectations } from './expectations.js';
import {
  hydrated,
  operationSection as operation,
  type PageVisit,
  scrolledTo,
  showsEachExample,
  visit,
} from './pageChecks.js';

const distDir = fileURLToPath(new URL('../dist/', import.meta.url));
const expected = await readExpectations();
const variant = inject('variant');

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const otherPages = [
  {
    name: 'a spec with a second operation (variant.ts)',
    dir: variant.dir,
    built: await readExpectations(variant.spec),
    operationCount: expected.operations.length + 1,
  },
  {
    name: 'the promotions contract (dist/promotions/)',
    dir: `${distDir}promotions/`,
    built: await readExpectations(promotionsSpecPath),
    operationCount: 2,
  },
];

describe.each(otherPages)('the page of $name, built by the same code', ({ dir, built, operationCount }) => {
  let served: { url: string; close: () => Promise<void> };
  let tab: PageVisit;
  beforeAll(async () => {
    served = await serveDirectory(dir);
    tab = await visit(browser, served.url, 1280);
    await hydrated(tab.page);
  });
  afterAll(async () => {
    await tab?.close();
    await served?.close();
  });

  it.each(built.operations)(
    'shows $operation.id on screen: summary, path, parameters, statuses, its named examples',
    async (o) => {
      await tab.page.goto(`${served.url}#${o.route}`);
      const title = operation(tab.page, o.route).getByRole('heading', { level: 2 }).first();
      await scrolledTo(title, o.route);
      expect(await title.innerText()).toContain(o.summary);
      const section = operation(tab.page, o.route);
      expect(await section.getByText(o.path, { exact: true }).first().isVisible()).toBe(true);
      for (const parameter of o.parameters) {
        expect(await section.getByText(parameter.name, { exact: true }).first().isVisible(), parameter.name).toBe(true);
      }
      for (const status of o.statuses) {
        expect(await section.getByRole('button', { name: status, exact: true }).first().isVisible(), status).toBe(true);
      }
      await showsEachExample(tab.page, o);
    },
  );

  it('fetches nothing from another host, logs no console error and breaks none of its CSP', async () => {
    expect(built.operations.length).toBe(operationCount);
    expect(tab.remoteAttempts).toEqual([]);
    expect(tab.consoleErrors).toEqual([]);
    expect(tab.cspViolations).toEqual([]);
  });
});
