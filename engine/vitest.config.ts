import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The one long file (a 60 s link cut, mostly sleeping) starts first, in a fork of its own,
 * while the other worker runs the rest: it never becomes the tail of the run.
 */
const LONG_TESTS = ['test/integration/link-cut-60s.test.ts'];
class LongFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const long = (f: TestSpecification) => LONG_TESTS.some((t) => f.moduleId.endsWith(t));
    return [...sorted.filter(long), ...sorted.filter((f) => !long(f))];
  }
}

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
    sequence: { sequencer: LongFirst },
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
