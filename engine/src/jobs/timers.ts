/**
 * Timed work on BullMQ: every second the no-show sweep marks called tickets whose deadline
 * passed (the call scripts keep the deadlines in a sorted set, so a call costs no job of
 * its own), and every 10 minutes the end-of-day sweep cancels what still waits from an
 * earlier business day or after closing time. BullMQ runs the timers, not the ticket queue
 * itself (that is Redis sorted sets + Lua). Each scheduled run goes to one node's worker.
 */
import { Queue, Worker, type Job } from 'bullmq';
import type { RedisConn } from '../store/redis-connection.js';
import type { UseCases } from '../app/use-cases.js';
import type { Logger } from '../logger.js';

const QUEUE = 'loket-timers';
/**
 * A hash-tagged prefix, as BullMQ documents for Redis Cluster: all keys of the queue share
 * the slot of `loket:bull`, since BullMQ's scripts touch several of them at once.
 */
export const JOBS_PREFIX = '{loket:bull}';

export interface Timers {
  /** Runs the no-show sweep now; returns how many tickets it marked. */
  noShowSweep(): Promise<number>;
  /** Runs the end-of-day sweep now; returns how many tickets it cancelled. */
  sweep(): Promise<number>;
  close(): Promise<void>;
}

/** Takes over `connection` (and a duplicate for the worker): `close()` disconnects both. */
export async function startTimers(app: UseCases, connection: RedisConn, log: Logger, noShowEveryMs = 1000): Promise<Timers> {
  connection.on('error', (err) => log.warn({ err: err.message }, 'timers: redis error'));
  const workerConn = connection.duplicate();
  workerConn.on('error', () => undefined);
  const queue = new Queue(QUEUE, { connection, prefix: JOBS_PREFIX });
  const sweep = () => endOfDaySweep(app, log);
  const noShowSweep = () => dueNoShowSweep(app, log);
  const worker = new Worker(
    QUEUE,
    async (job: Job) => {
      if (job.name === 'no-show') await noShowSweep();
      else if (job.name === 'end-of-day') await sweep();
    },
    { connection: workerConn, prefix: JOBS_PREFIX, concurrency: 2 },
  );
  worker.on('error', (err) => log.warn({ err: err.message }, 'timers: worker error'));
  const opts = { removeOnComplete: true, removeOnFail: 50 };
  await queue.upsertJobScheduler('no-show', { every: noShowEveryMs }, { name: 'no-show', opts });
  await queue.upsertJobScheduler('end-of-day', { every: 10 * 60_000 }, { name: 'end-of-day', opts });

  return {
    noShowSweep,
    sweep,
    async close() {
      await worker.close().catch(() => undefined);
      await queue.close().catch(() => undefined);
      workerConn.disconnect();
      connection.disconnect();
    },
  };
}

/** Marks no-show every called ticket whose deadline passed (a recall moved it, a start cleared it). */
export async function dueNoShowSweep(app: UseCases, log: Logger): Promise<number> {
  const marked = await app.sweeps.noShows();
  if (marked) log.info({ marked }, 'no-show after timeout');
  return marked;
}

/** Cancels tickets still waiting from an earlier business day, or after closing time. */
export async function endOfDaySweep(app: UseCases, log: Logger): Promise<number> {
  const cancelled = await app.sweeps.endOfDay();
  if (cancelled) log.info({ cancelled }, 'end of day: cancelled tickets left waiting');
  return cancelled;
}
