import type { TestProject } from 'vitest/node';
import { startMock } from '@target-groups/mock';
import { workspaceSpecPath } from '../../src/catalog.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    mockUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const mock = await startMock({ spec: workspaceSpecPath });
  project.provide('mockUrl', mock.url);
  return () => mock.close();
}
