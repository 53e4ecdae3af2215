import type { TestProject } from 'vitest/node';
import { startMock } from '@target-groups/mock';

declare module 'vitest' {
  export interface ProvidedContext {
    mockUrl: string;
  }
}

// One contract mock for the whole run, serving the spec @target-groups/mock was built from (what `pnpm mock` serves).
export default async function setup(project: TestProject) {
  const mock = await startMock();
  project.provide('mockUrl', mock.url);
  return () => mock.close();
}
