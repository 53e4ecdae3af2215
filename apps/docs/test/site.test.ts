// The hosted site, built locally as the release workflow builds it: one folder per contract release and
// latest/, from a repository with two release tags; every page passes the page checks on a phone's width (the
// browser test checks the built page at every width).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { specPath } from '@target-groups/spec';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, serveDirectory } from '../scripts/browser.mjs';
import { readExpectations } from './expectations.js';
import { controlsOverText, horizontalOverflow, hydrated, screenshot, visit, WIDTHS } from './pageChecks.js';

const siteScript = fileURLToPath(new URL('../scripts/site.mjs', import.meta.url));
const resultsDir = fileURLToPath(new URL('../test-results/', import.meta.url));
const expected = await readExpectations();
const repo = mkdtempSync(join(tmpdir(), 'docs-site-repo-'));
const out = join(repo, 'site');
const spec = readFileSync(specPath, 'utf8');

function git(...argv: string[]) {
  const run = spawnSync('git', ['-C', repo, '-c', 'user.name=docs', '-c', 'user.email=docs@localhost', ...argv], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`git ${argv.join(' ')}: ${run.stderr}`);
}

/** Commits the spec with `info.version` set, and tags it as a release of the types. */
function release(version: string, contractVersion: string) {
  const edited = spec.replace(/^( {2}version: ).*$/m, `$1${contractVersion}`);
  if (edited === spec && !spec.includes(`  version: ${contractVersion}\n`))
    throw new Error('no info.version in the spec');
  writeFileSync(join(repo, 'spec/targetGroups.yaml'), edited);
  git('add', '-A');
  git('commit', '-qm', `release ${version}`);
  git('tag', `@target-groups/types@${version}`);
}

const history = {
  releases: [
    { version: '0.1.0', date: '2026-11-01', changes: [] },
    {
      version: '0.2.0',
      date: '2026-12-01',
      changes: [
        {
          pointer: '/info/version',
          change: 'description-changed',
          impact: 'compatible',
          message: 'contract version 1.1.0',
        },
      ],
    },
  ],
};

let browser: Browser;
let server: { url: string; close: () => Promise<void> };
let build: ReturnType<typeof spawnSync>;

beforeAll(async () => {
  git('init', '-q');
  mkdirSync(join(repo, 'spec'));
  release('0.1.0', '1.0.0');
  release('0.2.0', '1.1.0');
  writeFileSync(join(repo, 'history.json'), JSON.stringify(history));
  build = spawnSync(
    process.execPath,
    [siteScript, '--repo', repo, '--out', out, '--changes', join(repo, 'history.json')],
    { encoding: 'utf8' },
  );
  server = await serveDirectory(out);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(repo, { recursive: true, force: true });
});

const pages = ['0.1.0', '0.2.0', 'latest'];

describe('the versioned site', () => {
  it('has one folder per release tag and latest/, each with the page, index.md and llms.txt', () => {
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    for (const page of pages) {
      for (const file of ['index.html', 'index.md', 'llms.txt']) {
        expect(existsSync(join(out, page, file)), `${page}/${file}`).toBe(true);
      }
    }
    expect(
      JSON.parse(readFileSync(join(out, 'versions.json'), 'utf8')).map((v: { version: string }) => v.version),
    ).toEqual(pages);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('url=latest/');
    expect(readFileSync(join(out, 'llms.txt'), 'utf8')).toMatch(/^- \[[^\]]+\]\(latest\/index\.md\)/m);
  });

  it('builds each release from the spec at its tag, with the changes up to that release', () => {
    const first = readFileSync(join(out, '0.1.0', 'index.md'), 'utf8');
    const second = readFileSync(join(out, '0.2.0', 'index.md'), 'utf8');
    expect(first).toContain('contract version 1.0.0');
    expect(second).toContain('contract version 1.1.0');
    expect(first).toContain('### 0.1.0 (2026-11-01)');
    expect(first).not.toContain('### 0.2.0');
    expect(second).toContain('### 0.2.0 (2026-12-01)');
  });

  it.each(pages)('%s/ passes the page checks', async (page) => {
    const [width] = WIDTHS;
    const at = await visit(browser, `${server.url}${page}/`, width);
    try {
      await hydrated(at.page);
      const heading = at.page.locator(`[data-section-id="${expected.landing.route}"] h2`).first();
      expect(await heading.isVisible(), `${page} at ${width} px`).toBe(true);
      await expect.poll(() => horizontalOverflow(at.page), { timeout: 5_000 }).toBe(0);
      await expect.poll(() => controlsOverText(at.page), { timeout: 5_000 }).toEqual([]);
      await screenshot(at.page, resultsDir, `site-${page}-${width}`);
      expect(at.remoteAttempts).toEqual([]);
      expect(at.consoleErrors).toEqual([]);
      expect(at.cspViolations).toEqual([]);
    } finally {
      await at.close();
    }
  });
});
