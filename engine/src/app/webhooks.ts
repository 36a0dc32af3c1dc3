/**
 * Outgoing webhooks of a site (admin): endpoints, what each message carries, the delivery
 * log and manual redelivery. The sending itself (BullMQ, signatures, retries) is the
 * dispatcher's (jobs/webhook-dispatcher.ts), plugged in as an Extension.
 */
import { randomBytes } from 'node:crypto';
import { newWebhookSecret } from '../domain/webhook-signature.js';
import { LoketError, notFound } from '../errors.js';
import { mergeTicket, WEBHOOK_EVENT, type BookingReminder, type TicketChange, type BookingWebhookData, type LoketEvent, type TicketView, type WebhookDelivery, type WebhookDto, type WebhookEventType, type WebhookPayload } from '../protocol/index.js';
import { toTicketView } from '../store/ticket-mapper.js';
import type { StoredDelivery, StoredWebhook, WebhookStore } from '../store/webhook-store.js';
import type { AuditLog } from './audit-log.js';
import type { Caller } from './caller.js';
import type { Deps } from './context.js';
import { toBookingDto } from './booking-common.js';
import type { BookingNotice, FeedbackNotice } from './extensions.js';

/** What the dispatcher offers the use case: a redelivery of a logged message. */
export interface DeliveryQueue {
  redeliver(siteId: string, hookId: string, msgId: string): Promise<void>;
}

/** One message for one endpoint, ready to sign and send. */
export interface Outgoing {
  hook: StoredWebhook;
  payload: WebhookPayload;
}

const TICKET_TYPES: ReadonlySet<string> = new Set([WEBHOOK_EVENT.issued, WEBHOOK_EVENT.called, WEBHOOK_EVENT.finished, WEBHOOK_EVENT.noShow]);
const HOOKS_CACHE_MS = 2000;

const publicHook = (w: StoredWebhook & { failuresInRow?: number }): WebhookDto => ({
  id: w.id,
  url: w.url,
  events: w.events,
  disabled: w.disabled,
  failuresInRow: w.failuresInRow ?? 0,
  createdAt: w.createdAt,
});

const publicDelivery = ({ body: _b, ...d }: StoredDelivery): WebhookDelivery => d;

export class Webhooks {
  private queue: DeliveryQueue | null = null;
  private readonly cache = new Map<string, { at: number; hooks: Promise<StoredWebhook[]> }>();

  constructor(
    private readonly d: Deps,
    private readonly store: WebhookStore,
    private readonly audit: AuditLog,
  ) {}

  /** The dispatcher registers itself here when jobs run on this node. */
  useQueue(q: DeliveryQueue): void {
    this.queue = q;
  }

  async create(caller: Caller, input: { url: string; events: WebhookEventType[] }): Promise<WebhookDto> {
    this.d.sites.get(caller.siteId);
    const hook: StoredWebhook = {
      id: `wh_${randomBytes(6).toString('hex')}`,
      url: input.url,
      events: [...new Set(input.events)],
      secret: newWebhookSecret(),
      disabled: false,
      createdAt: new Date(this.d.clock.now()).toISOString(),
    };
    await this.store.save(caller.siteId, hook);
    this.cache.delete(caller.siteId);
    await this.audit.record(caller, 'webhook.create', [{ target: `webhook:${hook.id}`, before: null, after: publicHook(hook) }]);
    return { ...publicHook(hook), secret: hook.secret };
  }

  async list(caller: Caller): Promise<WebhookDto[]> {
    return (await this.store.list(caller.siteId)).map(publicHook);
  }

  async remove(caller: Caller, id: string): Promise<void> {
    const hook = await this.store.get(caller.siteId, id);
    if (!hook) throw notFound(`Webhook "${id}"`);
    await this.store.remove(caller.siteId, id);
    this.cache.delete(caller.siteId);
    await this.audit.record(caller, 'webhook.delete', [{ target: `webhook:${id}`, before: publicHook(hook), after: null }]);
  }

  async deliveries(caller: Caller, id: string): Promise<WebhookDelivery[]> {
    if (!(await this.store.get(caller.siteId, id))) throw notFound(`Webhook "${id}"`);
    return (await this.store.deliveries(caller.siteId, id)).map(publicDelivery);
  }

  /** Sends a logged message again, under its same `webhook-id`. */
  async redeliver(caller: Caller, id: string, msgId: string): Promise<void> {
    if (!(await this.store.delivery(caller.siteId, id, msgId))) throw notFound(`Delivery "${msgId}"`);
    if (!this.queue) throw new LoketError('STORE_UNAVAILABLE', 'Deliveries do not run on this node');
    await this.queue.redeliver(caller.siteId, id, msgId);
    await this.audit.record(caller, 'webhook.redeliver', [{ target: `webhook:${id}`, before: null, after: { message: msgId } }]);
  }

  /** Whether any endpoint of the site wants `type` (read at most every 2 s per node). */
  async wants(siteId: string, type: string): Promise<boolean> {
    return (await this.hooks(siteId)).some((h) => !h.disabled && h.events.includes(type as WebhookEventType));
  }

  /** The messages one event makes, one per endpoint that subscribed (read fresh from the store). */
  async messagesOf(siteId: string, e: LoketEvent): Promise<Outgoing[]> {
    if (!TICKET_TYPES.has(e.type) || !('ticket' in e) || !(await this.wants(siteId, e.type))) return [];
    const data: Record<string, unknown> = { ticket: await this.wholeTicket(siteId, e.ticket), ...(e.counterId ? { counterId: e.counterId } : {}) };
    return this.outgoing(siteId, e.type as WebhookEventType, `msg_${siteId}_${e.seq}`, e.at, data);
  }

  /**
   * A webhook carries the whole ticket (without its status token): an event carries what its
   * transition changed, so the rest is read from the store, the event's fields on top.
   */
  private async wholeTicket(siteId: string, change: TicketChange): Promise<TicketChange> {
    if (change.createdAt !== undefined) return change;
    const t = await this.d.tickets.findTicket(this.d.sites.get(siteId), change.id);
    return t ? mergeTicket(toTicketView(t, siteId), change) : change;
  }

  /**
   * After a call: `position.near` for each ticket of the called service with at most the
   * site's N people ahead (once per ticket: its message id is the ticket's).
   */
  async nearMessages(siteId: string, e: LoketEvent): Promise<Outgoing[]> {
    if (e.type !== 'ticket.called' || !(await this.wants(siteId, WEBHOOK_EVENT.positionNear))) return [];
    const site = this.d.sites.get(siteId);
    const ids = (await this.d.tickets.waitingIds(site, e.ticket.serviceId)).slice(0, site.def.positionNearAhead + 1);
    const out: Outgoing[] = [];
    for (const [position, id] of ids.entries()) {
      const t = await this.d.tickets.findTicket(site, id);
      if (!t) continue;
      const ticket: TicketView = toTicketView(t, siteId);
      out.push(...(await this.outgoing(siteId, WEBHOOK_EVENT.positionNear, `msg_${siteId}_near_${id}`, e.at, { ticket, position })));
    }
    return out;
  }

  async feedbackMessages(siteId: string, f: FeedbackNotice): Promise<Outgoing[]> {
    const { at, ...data } = f;
    return this.outgoing(siteId, WEBHOOK_EVENT.feedback, `msg_${siteId}_fb_${f.ticketId}`, new Date(at).toISOString(), { ...data });
  }

  /** `booking.created` / `.rescheduled` / `.cancelled` / `.checked_in` / `.no_show`: the booking, no NIK or phone. */
  async bookingMessages(siteId: string, n: BookingNotice): Promise<Outgoing[]> {
    const data: BookingWebhookData = { booking: n.booking };
    const id = `msg_${siteId}_bk_${n.booking.code}_${n.kind}${n.moves ? `_m${n.moves}` : ''}`;
    return this.outgoing(siteId, `booking.${n.kind}` as WebhookEventType, id, new Date(n.at).toISOString(), { ...data });
  }

  /**
   * `booking.reminder` when it fires: only for a booking still `booked` (a cancelled, checked-in
   * or no-show booking's reminder is skipped, should its job not have been removed in time).
   */
  async reminderMessages(siteId: string, code: string, reminder: BookingReminder): Promise<Outgoing[]> {
    const b = await this.d.bookings.find(siteId, code);
    if (!b || b.state !== 'booked') return [];
    const data: BookingWebhookData = { booking: toBookingDto(b, siteId), reminder };
    // A moved booking is reminded again of its new slot: the move count keeps the ids apart.
    const id = `msg_${siteId}_rm_${code}_${reminder}${b.moves ? `_m${b.moves}` : ''}`;
    return this.outgoing(siteId, WEBHOOK_EVENT.bookingReminder, id, new Date(this.d.clock.now()).toISOString(), { ...data });
  }

  /** The logged message of a redelivery. */
  async logged(siteId: string, hookId: string, msgId: string): Promise<{ hook: StoredWebhook; delivery: StoredDelivery } | null> {
    const [hook, delivery] = await Promise.all([this.store.get(siteId, hookId), this.store.delivery(siteId, hookId, msgId)]);
    return hook && delivery ? { hook, delivery } : null;
  }

  /** Writes a delivery's log line (new or after an attempt). */
  saveDelivery(siteId: string, hookId: string, d: StoredDelivery): Promise<void> {
    return this.store.saveDelivery(siteId, hookId, d, Date.parse(d.at));
  }

  /** Counts a failed attempt; returns the endpoint's failures in a row. */
  attemptFailed(siteId: string, hookId: string): Promise<number> {
    return this.store.failed(siteId, hookId);
  }

  attemptSucceeded(siteId: string, hookId: string): Promise<void> {
    return this.store.succeeded(siteId, hookId);
  }

  async endpoint(siteId: string, hookId: string): Promise<StoredWebhook | null> {
    return this.store.get(siteId, hookId);
  }

  /** Disables an endpoint after repeated failure (logged in the audit as the engine's action). */
  async disable(siteId: string, hookId: string, failures: number): Promise<void> {
    const hook = await this.store.get(siteId, hookId);
    if (!hook || hook.disabled) return;
    await this.store.save(siteId, { ...hook, disabled: true });
    this.cache.delete(siteId);
    const system: Caller = { username: 'system', role: 'admin', siteId, agencyIds: [], counterIds: [] };
    await this.audit.record(system, 'webhook.disable', [{ target: `webhook:${hookId}`, before: { disabled: false }, after: { disabled: true, failuresInRow: failures } }]);
  }

  private async outgoing(siteId: string, type: WebhookEventType, id: string, at: string, data: Record<string, unknown>): Promise<Outgoing[]> {
    const hooks = (await this.store.list(siteId)).filter((h) => !h.disabled && h.events.includes(type));
    return hooks.map((hook) => ({ hook, payload: { id, type, at, siteId, data } }));
  }

  private hooks(siteId: string): Promise<StoredWebhook[]> {
    const now = Date.now();
    const hit = this.cache.get(siteId);
    if (hit && now - hit.at < HOOKS_CACHE_MS) return hit.hooks;
    const hooks = this.store.list(siteId);
    this.cache.set(siteId, { at: now, hooks });
    hooks.catch(() => this.cache.delete(siteId));
    return hooks;
  }
}
