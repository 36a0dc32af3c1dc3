/**
 * What the Redis cost tools (phase-cost, cycle-commands) run on: a redis-server of their own
 * (or the one at `redisUrl`), site copies, the engine in process and a probe connection for
 * INFO, all closed in order after `body`.
 */
import { Redis } from 'ioredis';
import { startRedis } from '../../../engine/test/support/redis-server.js';
import { writeSiteCopies, type SiteDir } from '../lib/sites.js';
import { inProcessEngine, type InProcess } from '../bench/engine-cycle.js';

export interface CycleRig {
  p: InProcess;
  probe: Redis;
  sites: SiteDir;
}

export async function withCycleRig<T>(o: { sites: number; redisUrl?: string }, body: (rig: CycleRig) => Promise<T>): Promise<T> {
  const redis = o.redisUrl ? { url: o.redisUrl, stop: async () => undefined } : await startRedis();
  const sites = writeSiteCopies(o.sites);
  const probe = new Redis(redis.url);
  try {
    const p = await inProcessEngine(redis.url, sites.dir);
    try {
      return await body({ p, probe, sites });
    } finally {
      p.close();
    }
  } finally {
    probe.disconnect();
    sites.remove();
    await redis.stop();
  }
}
