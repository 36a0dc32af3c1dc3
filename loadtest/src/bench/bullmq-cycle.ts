/**
 * Baseline of bench 1: the same ticket cycle built on BullMQ. `queue.add`
 * puts a job in, a Worker with concurrency 50 takes it and completes it.
 * Producers add in a closed loop while fewer than `backlog` jobs are pending.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';

export interface CycleResult {
  concurrency: number;
  seconds: number;
  cycles: number;
  /** Completed cycles per second in the measured window. */
  rate: number;
  /** CPU of the bench process (client and, for BullMQ, worker) per cycle in the measured window (ms). */
  nodeCpuMsPerCycle?: number;
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
  await Promise.all(producers);
  const cycles = completed - from;
  const secs = (performance.now() - m0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await worker.close(true);
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  qConn.disconnect();
  wConn.disconnect();
  return { concurrency, seconds: secs, cycles, rate: Math.round(cycles / secs), nodeCpuMsPerCycle: Math.round(((cpu.user + cpu.system) / 1000 / Math.max(1, cycles)) * 1000) / 1000 };
}
