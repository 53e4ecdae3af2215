import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageDir } from './helpers.js';

const readme = readFileSync(path.join(packageDir, 'README.md'), 'utf8');
const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
};

describe('README', () => {
  it('runs the JSON report from the root with `pnpm -s` wherever its output is piped or redirected', () => {
    // Without -s pnpm writes its script banner to standard output, and the JSON no longer parses.
    const lines = readme
      .split('\n')
      .filter((l) => /\bpnpm\b.*\bcontract\s+check\b/.test(l) && l.includes('--format json'));
    const consumed = lines.filter((l) => /\s(?:\||>{1,2})\s/.test(l));
    expect(consumed.length).toBeGreaterThan(0);
    for (const line of consumed) expect(line).toMatch(/\bpnpm\s+-s\s+contract\s+check\b/);
  });

  it('names the published bin, a committed file that loads dist/cli.js', () => {
    const bins = Object.values(manifest.bin).map((p) => p.replace(/^\.\//, ''));
    expect(bins).toEqual(['bin/target-groups-contract.mjs']);
    for (const bin of bins) {
      expect(readme).toContain(`\`${bin}\``);
      expect(existsSync(path.join(packageDir, bin))).toBe(true);
      expect(readFileSync(path.join(packageDir, bin), 'utf8')).toContain('../dist/cli.js');
    }
    expect(readme).toContain('`dist/cli.js`');
  });
});
