// The "Migrating to Loyalty Promotions" section of index.md, built from the spec reader's migration map (the HTML page
// shows the same Markdown: docs.browser.test.ts), and the build refusing unsafe HTML in a migration note.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSpec, migrationMapOf, promotionsSpecPath, specPath } from '@target-groups/spec';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDocs, DocsBuildError, EXIT } from '../scripts/build.mjs';
import { fieldOfReference, migrationMarkdown } from '../scripts/markdown.mjs';

const distDir = fileURLToPath(new URL('../dist/', import.meta.url));
if (!existsSync(`${distDir}index.md`)) {
  throw new Error(`no ${distDir}index.md: build the docs first (pnpm --filter @target-groups/docs build)`);
}
const markdown = readFileSync(`${distDir}index.md`, 'utf8');
const spec = await loadSpec();
const work = mkdtempSync(join(tmpdir(), 'docs-migration-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The rows of the section's table, by old field. */
function tableRows(text: string): Map<string, string[]> {
  const start = text.indexOf('\n## Migrating to Loyalty Promotions\n');
  expect(start, 'index.md has the section').toBeGreaterThan(-1);
  const end = text.indexOf('\n## ', start + 1);
  const rows = new Map<string, string[]>();
  for (const line of text.slice(start, end).split('\n')) {
    const m = /^\| `([^`]+)` \| (.*) \|$/.exec(line);
    if (m) rows.set(m[1]!, m[2]!.split(' | '));
  }
  return rows;
}

describe('Migrating to Loyalty Promotions in index.md', () => {
  const rows = tableRows(markdown);
  const { entries } = migrationMapOf(spec);

  it('has one row per entry of the map, in its order, and nothing else', () => {
    expect([...rows.keys()]).toEqual(entries.map((e) => `${e.schema}.${e.property}`));
  });

  it('names the new field, or none, and carries the note of each entry', () => {
    for (const entry of entries) {
      const [replacement, note] = rows.get(`${entry.schema}.${entry.property}`)!;
      expect(replacement).toBe(entry.replacedBy === null ? '*none*' : `\`${fieldOfReference(entry.replacedBy)}\``);
      expect(note).toBe(
        (entry.note ?? '')
          .replace(/\|/g, '\\|')
          .replace(/\s*\n\s*/g, ' ')
          .trim(),
      );
    }
    expect(rows.get('Target.targetAchievedValue')![0]).toBe('*none*');
    expect(rows.get('TargetGroup.trackingType')![0]).toBe('`PromotionMilestone.trackingType`');
  });

  it('comes after the description, before Servers', () => {
    expect(markdown.indexOf('\n## Migrating to Loyalty Promotions\n')).toBeLessThan(markdown.indexOf('\n## Servers\n'));
  });

  it('is absent from the docs of a spec without a map (the promotions contract)', async () => {
    expect(migrationMarkdown(await loadSpec(promotionsSpecPath))).toBe('');
  });

  it('reads a reference of another shape as file and pointer', () => {
    expect(fieldOfReference('promotions.yaml#/components/schemas/A~1B/properties/c~0d')).toBe('A/B.c~d');
    expect(fieldOfReference('other.yaml#/paths/x')).toBe('other.yaml: /paths/x');
  });
});

describe('the build refuses HTML the docs refuse in a migration note', () => {
  it('exits with the spec error code, naming the migration map; nothing is written', async () => {
    const text = readFileSync(specPath, 'utf8').replace(
      'x-migration-note: "The user\'s streak record: per-user."',
      'x-migration-note: "The user\'s streak record <iframe src=\\"https://example.test\\"></iframe>"',
    );
    expect(text).toContain('<iframe');
    const file = join(work, 'targetGroups.yaml');
    writeFileSync(file, text);
    // The map's references resolve: the replacing contract lies beside the copy, as it does beside the original.
    copyFileSync(promotionsSpecPath, join(work, 'promotions.yaml'));
    const out = join(work, 'site', 'index.html');
    const error = await buildDocs({ spec: file, out }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DocsBuildError);
    expect((error as DocsBuildError).exitCode).toBe(EXIT.SPEC);
    expect((error as DocsBuildError).message).toContain('(migration map)');
    expect(existsSync(join(work, 'site'))).toBe(false);
  });
});

describe('a migration map with problems', () => {
  it('a reference that resolves nowhere: the section is left out and the build warns, naming the field', async () => {
    // The contract alone, without the promotions contract its map refers to.
    const dir = join(work, 'alone');
    mkdirSync(dir);
    const file = join(dir, 'targetGroups.yaml');
    writeFileSync(file, readFileSync(specPath, 'utf8'));
    const { warnings } = await buildDocs({ spec: file, out: join(dir, 'site', 'index.html') });
    expect(warnings.join('\n')).toMatch(
      /migration map has \d+ problem.*left out:\n.*line \d+: TargetGroup\.trackingType /s,
    );
    const written = readFileSync(join(dir, 'site', 'index.md'), 'utf8');
    expect(written).toContain('## Servers');
    expect(written).not.toContain('Migrating to Loyalty Promotions');
  });
});
