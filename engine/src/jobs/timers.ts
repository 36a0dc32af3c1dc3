/**
 * Timed work on BullMQ: every second the no-show sweep marks called tickets whose deadline
 * passed (the call scripts keep the deadlines in a sorted set, so a call costs no job of
 * its own), and every 10 minutes the end-of-day sweep cancels what still waits from an
 * earlier business day or after closing time. BullMQ runs the timers, not the ticket queue
 * itself (that is Redis sorted sets + Lua). Each scheduled run goes to one node's worker.
 */
import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { businessDay, isOpen } from '../domain/clock.js';
import type { Engine } from '../engine.js';
import type { Logger } from '../logger.js';
import { keys } from '../store/keys.js';

const QUEUE = 'loket-timers';

export interface Timers {
  /** Runs the no-show sweep now; returns how many tickets it marked. */
  noShowSweep(): Promise<number>;
  /** Runs the end-of-day sweep now; returns how many tickets it cancelled. */
  sweep(): Promise<number>;
  close(): Promise<void>;
}

/** Takes over `connection` (and a duplicate for the worker): `close()` disconnects both. */
export async function startTimers(engine: Engine, connection: Redis, log: Logger, noShowEveryMs = 1000): Promise<Timers> {
  connection.on('error', (err) => log.warn({ err: err.message }, 'timers: redis error'));
  const workerConn = connection.duplicate();
  workerConn.on('error', () => undefined);
  const queue = new Queue(QUEUE, { connection, prefix: 'loket:bull' });
  const sweep = () => endOfDaySweep(engine, log);
  const noShowSweep = () => dueNoShowSweep(engine, log);
  const worker = new Worker(
    QUEUE,
    async (job: Job) => {
      if (job.name === 'no-show') await noShowSweep();
      else if (job.name === 'end-of-day') await sweep();
    },
    { connection: workerConn, prefix: 'loket:bull', concurrency: 2 },
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
export async function dueNoShowSweep(engine: Engine, log: Logger): Promise<number> {
  let marked = 0;
  for (const site of engine.sites.values()) {
    for (const id of await engine.store.dueNoShows(site.id)) {
      try {
        await engine.store.noShow(site.id, id, undefined, true);
        marked++;
      } catch {
        /* recalled, started or gone meanwhile: the deadline no longer applies */
        await engine.redis.zrem(keys.noShowDeadlines(site.id), id).catch(() => undefined);
      }
    }
  }
  if (marked) log.info({ marked }, 'no-show after timeout');
  return marked;
}

/** Cancels tickets still waiting from an earlier business day, or after closing time. */
export async function endOfDaySweep(engine: Engine, log: Logger): Promise<number> {
  let cancelled = 0;
  const now = engine.clock();
  for (const site of engine.sites.values()) {
    const today = businessDay(now, site.def.timezone);
    const afterHours = !engine.ignoreHours && !isOpen(site.def.hours, now, site.def.timezone);
    for (const service of site.services.keys()) {
      const ids = await engine.redis.zrange(keys.queue(site.id, service), 0, -1);
      for (const id of ids) {
        const day = await engine.redis.hget(keys.ticket(site.id, id), 'day');
        if (day === today && !afterHours) continue;
        try {
          await engine.store.cancel(site.id, id);
          cancelled++;
        } catch {
          /* moved meanwhile */
        }
      }
    }
  }
  if (cancelled) log.info({ cancelled }, 'end of day: cancelled tickets left waiting');
  return cancelled;
}
