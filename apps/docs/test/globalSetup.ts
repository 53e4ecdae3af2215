// Builds the variant spec (variant.ts) once for the whole run, with the build command as a user runs it; the
// build, Markdown and browser tests read the result (inject('variant')).
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promotionsSpecPath, specPath } from '@target-groups/spec';
import type { TestProject } from 'vitest/node';
import { HISTORY, variantSpec } from './variant.js';

export interface VariantBuild {
  /** The folder with index.html, index.md and llms.txt. */
  dir: string;
  spec: string;
  status: number;
  stdout: string;
  stderr: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    variant: VariantBuild;
  }
}

export default async function setup(project: TestProject) {
  const work = mkdtempSync(join(tmpdir(), 'docs-variant-'));
  const spec = join(work, 'variant.yaml');
  const history = join(work, 'history.json');
  writeFileSync(spec, variantSpec(readFileSync(specPath, 'utf8')));
  writeFileSync(history, JSON.stringify(HISTORY));
  // The replacing contract beside the copy, as beside the original: the copy's migration map resolves.
  copyFileSync(promotionsSpecPath, join(work, 'promotions.yaml'));
  const dir = join(work, 'site');
  const buildScript = fileURLToPath(new URL('../scripts/build.mjs', import.meta.url));
  const run = await new Promise<Omit<VariantBuild, 'dir' | 'spec'>>((resolve) =>
    execFile(
      process.execPath,
      [buildScript, '--spec', spec, '--out', join(dir, 'index.html'), '--changes', history],
      { encoding: 'utf8' },
      (error, stdout, stderr) => resolve({ status: error ? Number(error.code) : 0, stdout, stderr }),
    ),
  );
  project.provide('variant', { dir, spec, ...run });
  return () => rmSync(work, { recursive: true, force: true });
}
