// What vitest.config.ts provides to the tests (`inject`): the msw the scenario handlers' tests run on.
export {};

declare module 'vitest' {
  export interface ProvidedContext {
    /** `msw`, or `msw2` (msw 2 under an alias). */
    mswPackage: string;
    mswMajor: string;
  }
}
