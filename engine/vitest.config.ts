import { defineConfig } from 'vitest/config';

/**
 * Two projects in one run: `redis` runs every test, each file on its own redis-server;
 * `cluster` runs the tests of the store, concurrency and real-time paths again against one
 * local Redis Cluster (3 primaries + 3 replicas, test/support/cluster-setup.ts).
 */
export const CLUSTER_TESTS = [
  'test/integration/call-next.test.ts',
  'test/integration/event-log.property.test.ts',
  'test/integration/realtime.test.ts',
  'test/integration/http-transitions.test.ts',
  'test/integration/idempotency.test.ts',
  'test/integration/scale-out.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'redis', include: ['test/**/*.test.ts'], exclude: ['test/integration/scale-out.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'cluster',
          include: CLUSTER_TESTS,
          globalSetup: ['test/support/cluster-setup.ts'],
          env: { LOKET_TEST_REDIS: 'cluster' },
        },
      },
    ],
  },
});
