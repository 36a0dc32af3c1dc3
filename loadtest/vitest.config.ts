import { defineConfig } from 'vitest/config';

/** The scenario tests start a real redis-server and engine each: run them one at a time. */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
