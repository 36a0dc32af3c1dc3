/**
 * Timed work on BullMQ: the no-show timer of each call, and the end-of-day sweep that
 * cancels what is still waiting from an earlier business day or after closing time.
 * BullMQ runs the timers, not the ticket queue itself (that is Redis sorted sets + Lua).
 */
import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { businessDay, isOpen } from '../domain/clock.js';
import type { Engine } from '../engine.js';
import type { Logger } from '../logger.js';
import type { TicketDto } from '../protocol/index.js';
import { keys } from '../store/keys.js';

const QUEUE = 'loket-timers';

interface NoShowData {
  siteId: string;
  ticketId: string;
  calledAt: number;
  recallCount: number;
}

export interface Timers {
  scheduleNoShow(siteId: string, ticket: TicketDto): void;
  /** Runs the end-of-day sweep now (also repeated every 10 minutes). */
  sweep(): Promise<number>;
  close(): Promise<void>;
}

/** Takes over `connection` (and a duplicate for the worker): `close()` disconnects both. */
export async function startTimers(engine: Engine, connection: Redis, log: Logger): Promise<Timers> {
  connection.on('error', (err) => log.warn({ err: err.message }, 'timers: redis error'));
  const workerConn = connection.duplicate();
  workerConn.on('error', () => undefined);
  const queue = new Queue(QUEUE, { connection, prefix: 'loket:bull' });
  const sweep = () => endOfDaySweep(engine, log);
  const worker = new Worker(
    QUEUE,
    async (job: Job) => {
      if (job.name === 'no-show') {
        const d = job.data as NoShowData;
        try {
          await engine.store.noShow(d.siteId, d.ticketId, undefined, { calledAt: d.calledAt, recallCount: d.recallCount });
          log.info({ ticket: d.ticketId }, 'no-show after timeout');
        } catch {
          /* served, requeued or recalled meanwhile: the timer no longer applies */
        }
      } else if (job.name === 'end-of-day') {
        await sweep();
      }
    },
    { connection: workerConn, prefix: 'loket:bull', concurrency: 4 },
  );
  worker.on('error', (err) => log.warn({ err: err.message }, 'timers: worker error'));
  await queue.upsertJobScheduler('end-of-day', { every: 10 * 60_000 }, { name: 'end-of-day' });

  return {
    scheduleNoShow(siteId, ticket) {
      const site = engine.sites.get(siteId);
      if (!site || !ticket.calledAt) return;
      const calledAt = Date.parse(ticket.calledAt);
      const data: NoShowData = { siteId, ticketId: ticket.id, calledAt, recallCount: ticket.recallCount };
      queue
        .add('no-show', data, {
          delay: site.def.noShowMinutes * 60_000,
          jobId: `ns-${siteId}-${ticket.id}-${calledAt}-${ticket.recallCount}`,
          removeOnComplete: true,
          removeOnFail: 100,
        })
        .catch((err: Error) => log.warn({ err: err.message }, 'timers: could not schedule no-show'));
    },
    sweep,
    async close() {
      await worker.close().catch(() => undefined);
      await queue.close().catch(() => undefined);
      workerConn.disconnect();
      connection.disconnect();
    },
  };
}

/** Cancels tickets still waiting or called from an earlier business day, or after closing time. */
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
