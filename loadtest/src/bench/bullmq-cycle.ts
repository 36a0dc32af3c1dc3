/**
 * Baseline of bench 1: the same ticket cycle built on BullMQ. `queue.add`
 * puts a job in, a Worker with concurrency 50 takes it and completes it.
 * Producers add in a closed loop while fewer than `backlog` jobs are pending.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { redisCpuMs } from '../lib/redis-stats.js';

export interface CycleResult {
  concurrency: number;
  seconds: number;
  cycles: number;
  /** Completed cycles per second in the measured window. */
  rate: number;
  /** CPU of the bench process (client and, for BullMQ, worker) per cycle in the measured window (ms). */
  nodeCpuMsPerCycle?: number;
  /** Redis's CPU (INFO cpu, user + sys) per cycle in the same window (ms), and the cores it kept busy. */
  redisCpuMsPerCycle?: number;
  redisCores?: number;
}

/** Redis's CPU per cycle and its cores over a measured window (NaN CPU: not measured). */
export function windowCost(redisMs: number, cycles: number, secs: number): Pick<CycleResult, 'redisCpuMsPerCycle' | 'redisCores'> {
  if (Number.isNaN(redisMs)) return {};
  return { redisCpuMsPerCycle: Math.round((redisMs / Math.max(1, cycles)) * 1000) / 1000, redisCores: Math.round((redisMs / 1000 / secs) * 100) / 100 };
}

export async function bullmqCycles(redisUrl: string, seconds: number, concurrency = 50, warmupSeconds = 1): Promise<CycleResult> {
  const name = `bench-${Date.now()}`;
  const conn = (): Redis => new Redis(redisUrl, { maxRetriesPerRequest: null });
  const qConn = conn();
  const wConn = conn();
  const queue = new Queue(name, { connection: qConn, defaultJobOptions: { removeOnComplete: true, removeOnFail: true } });
  let completed = 0;
  const worker = new Worker(name, async () => undefined, { connection: wConn, concurrency, autorun: true });
  worker.on('completed', () => completed++);
  await worker.waitUntilReady();
  let added = 0;
  const backlog = concurrency * 4;
  const t0 = performance.now();
  const end = t0 + (warmupSeconds + seconds) * 1000;
  const producers = Array.from({ length: concurrency }, async () => {
    while (performance.now() < end) {
      if (added - completed >= backlog) {
        await sleep(1);
        continue;
      }
      added++;
      await queue.add('ticket', { serviceId: 'ktp' });
    }
  });
  await sleep(warmupSeconds * 1000);
  const from = completed;
  const m0 = performance.now();
  const cpu0 = process.cpuUsage();
  const redis0 = await redisCpuMs(qConn);
  await Promise.all(producers);
  const cycles = completed - from;
  const secs = (performance.now() - m0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const redisMs = (await redisCpuMs(qConn)) - redis0;
  await worker.close(true);
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  qConn.disconnect();
  wConn.disconnect();
  return {
    concurrency,
    seconds: secs,
    cycles,
    rate: Math.round(cycles / secs),
    nodeCpuMsPerCycle: Math.round(((cpu.user + cpu.system) / 1000 / Math.max(1, cycles)) * 1000) / 1000,
    ...windowCost(redisMs, cycles, secs),
  };
}
