import { defineConfig } from 'vitest/config';
import { protocolAlias } from './vite-shared.js';

export default defineConfig({
  resolve: { alias: protocolAlias },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
