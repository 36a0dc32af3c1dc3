/**
 * Timed work on BullMQ: every second the no-show sweep marks called tickets whose deadline
 * passed (the call scripts keep the deadlines in a sorted set, so a call costs no job of
 * its own), and every 10 minutes the end-of-day sweep cancels what still waits from an
 * earlier business day (at once when the day turns: the no-show job checks each second). BullMQ runs the timers, not the ticket queue
 * itself (that is Redis sorted sets + Lua). Each scheduled run goes to one node's worker.
 * Every 30 s the booking sweep marks no_show the bookings whose check-in window has ended.
 */
import { Queue, Worker, type Job } from 'bullmq';
import type { RedisConn } from '../redis-connection.js';
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
  /** Runs the booking no-show sweep now; returns how many bookings it marked. */
  bookingNoShowSweep(): Promise<number>;
  /** Schedules the timers again (their jobs are lost with an emptied Redis). */
  rearm(): Promise<void>;
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
  const bookingNoShowSweep = () => bookingSweep(app, log);
  const worker = new Worker(
    QUEUE,
    async (job: Job) => {
      if (job.name === 'no-show') {
        await noShowSweep();
        // The business day just turned: end it now, not up to 10 minutes later.
        if (app.sweeps.dayChanged()) await sweep();
      }
      else if (job.name === 'end-of-day') await sweep();
      else if (job.name === 'booking-no-show') await bookingNoShowSweep();
    },
    { connection: workerConn, prefix: JOBS_PREFIX, concurrency: 2 },
  );
  worker.on('error', (err) => log.warn({ err: err.message }, 'timers: worker error'));
  const opts = { removeOnComplete: true, removeOnFail: 50 };
  const rearm = async () => {
    await queue.upsertJobScheduler('no-show', { every: noShowEveryMs }, { name: 'no-show', opts });
    await queue.upsertJobScheduler('booking-no-show', { every: 30_000 }, { name: 'booking-no-show', opts });
    await queue.upsertJobScheduler('end-of-day', { every: 10 * 60_000 }, { name: 'end-of-day', opts });
  };
  await rearm();

  return {
    noShowSweep,
    sweep,
    bookingNoShowSweep,
    rearm,
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

/** Cancels tickets still waiting from an earlier business day (see Sweeps.endOfDay). */
export async function endOfDaySweep(app: UseCases, log: Logger): Promise<number> {
  const cancelled = await app.sweeps.endOfDay();
  if (cancelled) log.info({ cancelled }, 'end of day: cancelled tickets left waiting');
  return cancelled;
}

/** Marks no_show the bookings whose check-in window ended without a check-in. */
export async function bookingSweep(app: UseCases, log: Logger): Promise<number> {
  const marked = await app.sweeps.bookingNoShows();
  if (marked) log.info({ marked }, 'bookings not checked in: no_show');
  return marked;
}
