import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A real browser and real builds: seconds, not milliseconds. The deep-link test loads the 2.7 MB page a dozen
    // times; on a 2-core machine that other builds share it has taken 27 to over 60 seconds.
    testTimeout: 150_000,
    hookTimeout: 60_000,
    // expect.poll waits for the page (a scroll, a render) up to 15 s, not 1 s: at a load of 40 on 2 cores, Chromium
    // has needed more than a second to scroll to a deep link.
    expect: { poll: { timeout: 15_000 } },
  },
});
