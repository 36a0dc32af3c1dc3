import { defineConfig } from 'vitest/config';
import { protocolAlias } from '../web-common/vite-shared.js';

export default defineConfig({
  resolve: { alias: protocolAlias },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Browser tests start a real engine, redis-server and Chromium: one file at a time on 2 cores.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
