import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-redis.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Integration files share one private Redis; each file gets its own key prefix, but the
    // Slack double and real processes are heavy on 2 cores, so keep parallelism modest.
    maxWorkers: 2,
  },
});
