/**
 * Sends the outgoing webhooks, plugged into the core as an Extension. Every node's event tail
 * hands it every event; it adds one BullMQ job per event with the event's id as the job id,
 * so the copies from other nodes collapse into that one job (kept an hour for this), and the
 * job makes one delivery job per endpoint. A delivery is signed per Standard Webhooks, sent
 * with a 10 s timeout, and retried under the same `webhook-id` with growing back-off and
 * jitter for up to a day; an endpoint failing too often in a row is disabled.
 *
 * Bookings: a change (`booking.created`...) is one job with the booking code and change as its
 * id. A new booking also gets its reminders as delayed jobs, `rm.<site>.<code>.<reminder>`, so
 * a second add collapses into the first; a cancel, check-in or no-show removes them, a move
 * replaces them by those of the new slot, and a reminder that fires anyway for a booking no
 * longer `booked` sends nothing.
 */
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { RedisConn } from '../redis-connection.js';
import type { BookingNotice, Extension, FeedbackNotice } from '../app/extensions.js';
import type { UseCases } from '../app/use-cases.js';
import type { Outgoing } from '../app/webhooks.js';
import { retryDelayMs, RETRY_STEPS, signWebhook } from '../domain/webhook-signature.js';
import type { Logger } from '../logger.js';
import { BOOKING_REMINDER, BOOKING_REMINDER_LEAD_MS, type BookingReminder, type LoketEvent } from '../protocol/index.js';

const QUEUE = 'loket-webhooks';
const PREFIX = 'loket:bull';
const TIMEOUT_MS = 10_000;

export interface DispatcherOptions {
  /** The unit of the retry schedule (5 s in service; tests shorten it). */
  backoffBaseMs: number;
  /** Failed attempts in a row after which an endpoint is disabled. */
  disableAfter: number;
  now: () => number;
}

interface EventJob {
  siteId: string;
  event?: LoketEvent;
  feedback?: FeedbackNotice;
  booking?: BookingNotice;
}

interface ReminderJob {
  siteId: string;
  code: string;
  reminder: BookingReminder;
}

const reminderJobId = (siteId: string, code: string, r: BookingReminder) => `rm.${siteId}.${code}.${r}`;

interface DeliverJob {
  siteId: string;
  hookId: string;
  msgId: string;
}

const KEEP = { removeOnComplete: { age: 3600, count: 50_000 }, removeOnFail: { age: 7 * 86_400 } };
const WEBHOOK_TYPES = new Set(['ticket.issued', 'ticket.called', 'ticket.finished', 'ticket.no_show']);

export class WebhookDispatcher implements Extension {
  readonly name = 'webhooks';
  private readonly queue: Queue;
  private readonly worker: Worker;
  private readonly workerConn: RedisConn;

  constructor(
    private readonly app: UseCases,
    private readonly connection: RedisConn,
    private readonly log: Logger,
    private readonly o: DispatcherOptions,
  ) {
    this.workerConn = connection.duplicate();
    this.workerConn.on('error', () => undefined);
    this.queue = new Queue(QUEUE, { connection, prefix: PREFIX });
    this.worker = new Worker(QUEUE, (job: Job) => this.process(job), {
      connection: this.workerConn,
      prefix: PREFIX,
      concurrency: 16,
      settings: { backoffStrategy: (attemptsMade: number) => retryDelayMs(attemptsMade, o.backoffBaseMs) },
    });
    this.worker.on('error', (err) => log.warn({ err: err.message }, 'webhooks: worker error'));
    app.webhooks.useQueue({ redeliver: (siteId, hookId, msgId) => this.enqueue({ siteId, hookId, msgId }, `rd.${Date.now().toString(36)}`) });
  }

  async onEvent(siteId: string, e: LoketEvent): Promise<void> {
    if (!WEBHOOK_TYPES.has(e.type)) return;
    const near = e.type === 'ticket.called' && (await this.app.webhooks.wants(siteId, 'position.near'));
    if (!near && !(await this.app.webhooks.wants(siteId, e.type))) return;
    // The same job id from every node: one job per event.
    await this.queue.add('event', { siteId, event: e } satisfies EventJob, { jobId: `ev.${siteId}.${e.seq}`, ...KEEP });
  }

  async onFeedback(siteId: string, f: FeedbackNotice): Promise<void> {
    if (!(await this.app.webhooks.wants(siteId, 'feedback.received'))) return;
    await this.queue.add('event', { siteId, feedback: f } satisfies EventJob, { jobId: `fb.${siteId}.${f.ticketId}`, ...KEEP });
  }

  async onBooking(siteId: string, n: BookingNotice): Promise<void> {
    const code = n.booking.code;
    if (n.kind !== 'created') for (const r of Object.values(BOOKING_REMINDER)) await this.queue.remove(reminderJobId(siteId, code, r)).catch(() => 0);
    if (n.kind === 'created' || n.kind === 'rescheduled') await this.scheduleReminders(siteId, n);
    const type = `booking.${n.kind}`;
    if (!(await this.app.webhooks.wants(siteId, type))) return;
    const jobId = `bk.${siteId}.${code}.${n.kind}${n.moves ? `.m${n.moves}` : ''}`;
    await this.queue.add('event', { siteId, booking: n } satisfies EventJob, { jobId, ...KEEP });
  }

  /** The reminders still ahead of the booking, as delayed jobs (none when nobody subscribed). */
  private async scheduleReminders(siteId: string, n: BookingNotice): Promise<void> {
    if (!(await this.app.webhooks.wants(siteId, 'booking.reminder'))) return;
    const now = this.o.now();
    for (const r of Object.values(BOOKING_REMINDER)) {
      const delay = n.slotStartMs - BOOKING_REMINDER_LEAD_MS[r] - now;
      if (delay <= 0) continue; // booked too late for this one
      const data: ReminderJob = { siteId, code: n.booking.code, reminder: r };
      await this.queue.add('reminder', data, { jobId: reminderJobId(siteId, n.booking.code, r), delay, ...KEEP });
    }
  }

  async close(): Promise<void> {
    await this.worker.close().catch(() => undefined);
    await this.queue.close().catch(() => undefined);
    this.workerConn.disconnect();
    this.connection.disconnect();
  }

  private async process(job: Job): Promise<void> {
    if (job.name === 'event') return this.fanOut(job.data as EventJob);
    if (job.name === 'reminder') return this.remind(job.data as ReminderJob);
    if (job.name === 'deliver') return this.deliver(job as Job<DeliverJob>);
  }

  /** One delivery job per endpoint and message; the log line first, so the admin sees it pending. */
  private async fanOut(j: EventJob): Promise<void> {
    const w = this.app.webhooks;
    const out: Outgoing[] = j.feedback
      ? await w.feedbackMessages(j.siteId, j.feedback)
      : j.booking
        ? await w.bookingMessages(j.siteId, j.booking)
        : [...(await w.messagesOf(j.siteId, j.event!)), ...(await w.nearMessages(j.siteId, j.event!))];
    await this.send(j.siteId, out);
  }

  private async remind(j: ReminderJob): Promise<void> {
    await this.send(j.siteId, await this.app.webhooks.reminderMessages(j.siteId, j.code, j.reminder));
  }

  private async send(siteId: string, out: Outgoing[]): Promise<void> {
    const w = this.app.webhooks;
    for (const m of out) {
      const existing = await w.logged(siteId, m.hook.id, m.payload.id);
      if (existing) continue; // position.near once per ticket, a reminder once per booking
      await w.saveDelivery(siteId, m.hook.id, { id: m.payload.id, type: m.payload.type, at: m.payload.at, state: 'pending', attempts: 0, body: JSON.stringify(m.payload) });
      await this.enqueue({ siteId, hookId: m.hook.id, msgId: m.payload.id });
    }
  }

  private async enqueue(d: DeliverJob, suffix = ''): Promise<void> {
    await this.queue.add('deliver', d, {
      jobId: `dl.${d.msgId}.${d.hookId}${suffix ? `.${suffix}` : ''}`,
      attempts: RETRY_STEPS.length + 1,
      backoff: { type: 'custom' },
      ...KEEP,
    });
  }

  private async deliver(job: Job<DeliverJob>): Promise<void> {
    const { siteId, hookId, msgId } = job.data;
    const w = this.app.webhooks;
    const logged = await w.logged(siteId, hookId, msgId);
    if (!logged) throw new UnrecoverableError('endpoint or message gone');
    const { hook, delivery } = logged;
    if (hook.disabled) {
      await w.saveDelivery(siteId, hookId, { ...delivery, state: 'failed', lastError: 'endpoint disabled' });
      throw new UnrecoverableError('endpoint disabled');
    }
    const ts = Math.floor(this.o.now() / 1000);
    const attemptAt = new Date(this.o.now()).toISOString();
    let status = 0;
    let error = '';
    try {
      const res = await fetch(hook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Loket-Webhooks/1',
          'webhook-id': msgId,
          'webhook-timestamp': String(ts),
          'webhook-signature': signWebhook(hook.secret, msgId, ts, delivery.body),
        },
        body: delivery.body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: 'manual',
      });
      status = res.status;
      await res.body?.cancel().catch(() => undefined);
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (err) {
      error = (err as Error).name === 'TimeoutError' ? 'timeout after 10 s' : (err as Error).message;
    }
    const attempts = delivery.attempts + 1;
    const line = { ...delivery, attempts, lastAttemptAt: attemptAt, ...(status ? { lastStatus: status } : {}) };
    if (!error) {
      await w.saveDelivery(siteId, hookId, { ...line, state: 'delivered' });
      await w.attemptSucceeded(siteId, hookId);
      return;
    }
    const failures = await w.attemptFailed(siteId, hookId);
    const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const disable = failures >= this.o.disableAfter;
    await w.saveDelivery(siteId, hookId, { ...line, state: last || disable ? 'failed' : 'pending', lastError: error });
    if (disable) {
      await w.disable(siteId, hookId, failures);
      this.log.warn({ siteId, hookId, failures }, 'webhooks: endpoint disabled after repeated failure');
      throw new UnrecoverableError(error);
    }
    throw new Error(error);
  }
}
