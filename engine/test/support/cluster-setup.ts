/**
 * Vitest global setup of the `cluster` project: one local Redis Cluster (3 primaries + 3
 * replicas, test/support/redis-cluster.ts) for the whole run; the tests reach it through
 * `startRedis()` (redis-server.ts), which hands out its URL under `LOKET_TEST_REDIS=cluster`.
 */
import { startRedisCluster } from './redis-cluster.js';

export default async function setup(): Promise<() => Promise<void>> {
  const cluster = await startRedisCluster();
  process.env.LOKET_TEST_CLUSTER_URL = cluster.url;
  return () => cluster.stop();
}
