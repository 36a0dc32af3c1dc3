/**
 * Bench 1, engine side: the ticket cycle through the engine's in-process
 * API (TypeScript source, via tsx): issue, call-next, start, finish. The
 * engine needs `start` before `finish` (called -> serving -> done), so its
 * cycle is four Redis scripts to BullMQ's add/take/complete.
 * 50 concurrent counters, each on its own desk, over site copies.
 */
import { performance } from 'node:perf_hooks';
import type { Redis } from 'ioredis';
import { createUseCases, type UseCases } from '../../../engine/src/app/use-cases.js';
import { opsFor, type Ops } from '../../../engine/test/support/ops.js';
import { loadSites } from '../../../engine/src/site-loader.js';
import { connectRedis, isCluster } from '../../../engine/src/redis-connection.js';
import { infoNumber, redisCpuMs } from '../lib/redis-stats.js';
import { windowCost, type CycleResult } from './bullmq-cycle.js';

export interface InProcess {
  app: UseCases;
  /** The use cases as an admin of each site (issuing as a kiosk). */
  store: Ops;
  redis: Redis;
  close(): void;
}

/** The engine core on the engine's own kind of command connection (connectRedis: writes coalesced per event-loop turn, as the server runs it). */
export async function inProcessEngine(redisUrl: string, siteDir: string): Promise<InProcess> {
  const redis = connectRedis(redisUrl, 'command');
  if (isCluster(redis)) throw new Error('the in-process bench runs on one Redis, not a cluster');
  const app = await createUseCases({ redis, sites: loadSites(siteDir).values(), ignoreHours: true });
  return { app, store: opsFor(app), redis, close: () => redis.disconnect() };
}

interface Desk {
  siteId: string;
  counterId: string;
  serviceId: string;
}

export function desksOf(app: UseCases, siteIds: string[], n: number): Desk[] {
  const out: Desk[] = [];
  for (const siteId of siteIds) {
    for (const c of app.sites.get(siteId).counters.values()) {
      if (out.length < n) out.push({ siteId, counterId: c.id, serviceId: c.services[0]?.[0] ?? '' });
    }
  }
  return out;
}

type Store = Ops;

/**
 * Runs `step` on every desk in a loop for `seconds` after a warm-up; a step
 * answers whether it completed a cycle. `after` runs once per desk at the end.
 */
async function runCycles(
  p: InProcess,
  siteIds: string[],
  seconds: number,
  concurrency: number,
  warmupSeconds: number,
  step: (store: Store, d: Desk) => Promise<boolean>,
  after?: (store: Store, d: Desk) => Promise<unknown>,
): Promise<CycleResult> {
  const { store } = p;
  const desks = desksOf(p.app, siteIds, concurrency);
  for (const d of desks) await store.updateCounter(d.siteId, d.counterId, { status: 'open' });
  let cycles = 0;
  const t0 = performance.now();
  const measureFrom = t0 + warmupSeconds * 1000;
  const end = measureFrom + seconds * 1000;
  let cpu0: NodeJS.CpuUsage | undefined;
  // Redis's CPU over the same window as the cycles counted (not the set-up or the warm-up).
  let redis0: Promise<number> | undefined;
  const warm = setTimeout(() => {
    cpu0 = process.cpuUsage();
    redis0 = redisCpuMs(p.redis);
  }, warmupSeconds * 1000);
  await Promise.all(
    desks.map(async (d) => {
      while (performance.now() < end) {
        if ((await step(store, d)) && performance.now() >= measureFrom) cycles++;
      }
      await after?.(store, d);
    }),
  );
  const secs = (performance.now() - measureFrom) / 1000;
  clearTimeout(warm);
  const cpu = process.cpuUsage(cpu0);
  const redisMs = redis0 ? (await redisCpuMs(p.redis)) - (await redis0) : Number.NaN;
  const nodeCpuMsPerCycle = Math.round(((cpu.user + cpu.system) / 1000 / Math.max(1, cycles)) * 1000) / 1000;
  return { concurrency: desks.length, seconds: secs, cycles, rate: Math.round(cycles / secs), nodeCpuMsPerCycle, ...windowCost(redisMs, cycles, secs) };
}

export function engineCycles(p: InProcess, siteIds: string[], seconds: number, concurrency = 50, warmupSeconds = 1): Promise<CycleResult> {
  return runCycles(p, siteIds, seconds, concurrency, warmupSeconds, async (store, d) => {
    await store.issue(d.siteId, { serviceId: d.serviceId, channel: 'kiosk' });
    const t = await store.callNext(d.siteId, d.counterId);
    if (!t) return false;
    await store.start(d.siteId, t.id);
    await store.finish(d.siteId, t.id);
    return true;
  });
}

/**
 * The same cycle with the engine's fused script: issue, then
 * `finishAndCallNext` (finishes the desk's serving ticket and calls the next,
 * atomically: the staff's "Selesai & panggil berikutnya"), then start. Three
 * scripts per cycle, as BullMQ's add/take/complete. A cycle counts when a
 * ticket is finished.
 */
export function engineCyclesFused(p: InProcess, siteIds: string[], seconds: number, concurrency = 50, warmupSeconds = 1): Promise<CycleResult> {
  return runCycles(
    p,
    siteIds,
    seconds,
    concurrency,
    warmupSeconds,
    async (store, d) => {
      await store.issue(d.siteId, { serviceId: d.serviceId, channel: 'kiosk' });
      const r = await store.finishAndCallNext(d.siteId, d.counterId);
      if (r.ticket) await store.start(d.siteId, r.ticket.id);
      return r.finished !== null;
    },
    (store, d) => store.finishAndCallNext(d.siteId, d.counterId).catch(() => undefined),
  );
}

/**
 * Redis `used_memory` now, less what its clients' buffers hold (`mem_clients_normal`): a
 * client's query buffer grows with the commands one write brings and shrinks only later,
 * which is not what the tickets keep.
 */
export async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return infoNumber(info, 'used_memory') - infoNumber(info, 'mem_clients_normal');
}

/**
 * Bytes of Redis memory per ticket of a finished day: `used_memory` before
 * and after `tickets` tickets went through issue, call, start and finish on
 * a site nobody else uses, divided by the number of tickets.
 */
export async function redisBytesPerTicket(p: InProcess, siteId: string, tickets: number, concurrency = 20): Promise<{ tickets: number; bytes: number; bytesPerTicket: number }> {
  const { store } = p;
  const desks = desksOf(p.app, [siteId], concurrency);
  for (const d of desks) await store.updateCounter(d.siteId, d.counterId, { status: 'open' });
  await p.redis.call('MEMORY', 'PURGE').catch(() => undefined);
  const before = await usedMemory(p.redis);
  let issued = 0;
  let finished = 0;
  await Promise.all(
    desks.map(async (d) => {
      while (issued < tickets) {
        issued++;
        await store.issue(d.siteId, { serviceId: d.serviceId, channel: 'kiosk' });
        const t = await store.callNext(d.siteId, d.counterId);
        if (!t) continue;
        await store.start(d.siteId, t.id);
        await store.finish(d.siteId, t.id);
        finished++;
      }
    }),
  );
  // Tickets another desk left waiting are finished too, so the day ends with every ticket done.
  for (const d of desks) {
    for (let t = await store.callNext(d.siteId, d.counterId); t; t = await store.callNext(d.siteId, d.counterId)) {
      await store.start(d.siteId, t.id);
      await store.finish(d.siteId, t.id);
      finished++;
    }
  }
  await p.redis.call('MEMORY', 'PURGE').catch(() => undefined);
  const after = await usedMemory(p.redis);
  const bytes = after - before;
  return { tickets: finished, bytes, bytesPerTicket: Math.round(bytes / Math.max(1, finished)) };
}
