import { defineConfig } from 'vitest/config';
import { protocolAlias } from './protocol-alias.js';

export default defineConfig({
  resolve: { alias: protocolAlias },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
