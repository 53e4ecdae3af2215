import { startMock, type PrismServer } from '@target-groups/mock';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    mockUrl: string;
  }
}

let mock: PrismServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  // Prism serves the spec that @target-groups/mock was built from, the same one the examples are read from.
  mock = await startMock();
  project.provide('mockUrl', mock.url);
}

export async function teardown(): Promise<void> {
  await mock?.close();
}
