/** An in-process engine core (stores only, no HTTP) on a real Redis, for integration tests. */
import { createUseCases, type UseCases } from '../../src/app/use-cases.js';
import { keys } from '../../src/store/keys.js';
import { connectRedis, type RedisConn } from '../../src/redis-connection.js';
import type { SampleSite } from './harness.js';
import { testSite } from './harness.js';
import { opsFor, type Ops } from './ops.js';

export interface TestCore {
  app: UseCases;
  /** The use cases acting as an admin of the site (see ops.ts). */
  ops: Ops;
  siteId: string;
  redis: RedisConn;
  /** Opens counters (all of the site when none named). */
  open(...counterIds: string[]): Promise<void>;
  /** Seq of the last event of the site. */
  seq(): Promise<number>;
  close(): void;
}

export class FakeClock {
  constructor(public ms = Date.parse('2026-11-23T02:00:00Z')) {}
  now = (): number => this.ms;
  advance(minutes: number): void {
    this.ms += minutes * 60_000;
  }
}

export async function testCore(redisUrl: string, o: { edit?: (raw: SampleSite) => void; clock?: () => number; ignoreHours?: boolean } = {}): Promise<TestCore> {
  const site = testSite(o.edit);
  const redis = connectRedis(redisUrl);
  const app = await createUseCases({ redis, sites: [site], ignoreHours: o.ignoreHours ?? true, now: o.clock });
  const ops = opsFor(app);
  return {
    app,
    ops,
    siteId: site.id,
    redis,
    async open(...ids) {
      const list = ids.length ? ids : [...site.counters.keys()];
      for (const c of list) await ops.updateCounter(site.id, c, { status: 'open' });
    },
    async seq() {
      return Number((await redis.get(keys.eventSeq(site.id))) ?? 0);
    },
    close() {
      redis.disconnect();
    },
  };
}
