import { defineConfig } from 'vitest/config';
import { protocolAlias } from '../web-common/vite-shared.js';

export default defineConfig({
  resolve: { alias: protocolAlias },
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    // Browser tests each start an engine and Chromium: run files one at a time on 2 cores.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
