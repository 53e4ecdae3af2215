import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startMock } from '@target-groups/mock';
import { workspaceSpecPath } from '../../src/catalog.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    mockUrl: string;
    /** The spec as it was when the run started: every test and every Prism of the run reads this copy. */
    specPath: string;
  }
}

export default async function setup(project: TestProject) {
  // Prism reloads a spec file that changes under it; a snapshot keeps one run on one version of the contract.
  const dir = mkdtempSync(join(tmpdir(), 'target-groups-mock-spec-'));
  const specPath = join(dir, 'targetGroups.yaml');
  copyFileSync(workspaceSpecPath, specPath);
  const mock = await startMock({ spec: specPath });
  project.provide('mockUrl', mock.url);
  project.provide('specPath', specPath);
  return async () => {
    await mock.close();
    rmSync(dir, { recursive: true, force: true });
  };
}
