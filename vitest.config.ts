import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/quiet-runtime.ts'],
    // The Temporal native bridge is not safe in worker threads; time-skipping servers share
    // skipped time, so files run one after another, each in its own process.
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    // Activity retries back off in real seconds even on the time-skipping server.
    expect: { poll: { timeout: 10_000, interval: 100 } },
    hookTimeout: 120_000,
  },
});
