import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Test files share their worker's modules (none keeps state across files): a quarter less CPU than a fresh module
    // graph per file.
    isolate: false,
    // One build of the variant spec for every file that reads it.
    globalSetup: ['test/globalSetup.ts'],
    // A real browser and real builds: seconds, not milliseconds; on a 2-core machine that other builds share, page
    // loads in Chromium have taken ten times as long as on an idle one.
    testTimeout: 150_000,
    hookTimeout: 60_000,
    // expect.poll waits for the page (a scroll, a render) up to 15 s, not 1 s: at a load of 40 on 2 cores, Chromium
    // has needed more than a second to scroll to a deep link.
    expect: { poll: { timeout: 15_000 } },
  },
});
