/**
 * Issue a ticket: opening hours, the service (or route), the channel, rank and idempotency
 * are decided here; the script numbers it, checks the quota and enqueues it atomically.
 */
import { createHash } from 'node:crypto';
import { rankOf } from '../domain/ranking.js';
import { LoketError } from '../errors.js';
import type { Channel, Priority, PriorityReason, TicketDto } from '../protocol/index.js';
import { isManager, type Caller } from './caller.js';
import { scriptContext, type Deps } from './context.js';
import { newStatusToken, randomId } from './random-ids.js';

export interface IssueInput {
  serviceId: string;
  priority?: Priority | undefined;
  priorityReason?: PriorityReason | undefined;
  channel?: Channel | undefined;
  /** Services of a multi-service visit, in order; the first is served first. */
  route?: string[] | undefined;
}

export interface IssueResult {
  ticket: TicketDto;
  /** True when an earlier request with the same Idempotency-Key made this ticket. */
  replay: boolean;
  /** Seq of the `ticket.issued` event (absent on a replay: nothing was written). */
  seq?: number;
}

/** Where a ticket comes from when the request does not say: a kiosk's, else the desk's. */
export const defaultChannel = (caller: Caller): Channel => (caller.role === 'kiosk' ? 'kiosk' : 'counter');

export class IssueTicket {
  constructor(private readonly d: Deps) {}

  async run(caller: Caller, input: IssueInput, idempotencyKey?: string): Promise<IssueResult> {
    const { d } = this;
    const site = d.sites.get(caller.siteId);
    const ctx = scriptContext(d, site);
    if (!d.clock.isOpen(site, ctx.now)) {
      throw new LoketError('SITE_CLOSED', 'The mall is closed now; tickets are issued during opening hours', { hours: site.def.hours });
    }
    const route = input.route && input.route.length > 1 ? input.route : undefined;
    const first = d.sites.service(site, route ? route[0]! : input.serviceId);
    const routeAgencies = route?.map((s) => d.sites.service(site, s).agencyId);
    const priority = input.priority ?? 'regular';
    const channel = input.channel ?? defaultChannel(caller);
    assertMayIssue(caller, priority, channel, first.agencyId);
    const bodyHash = idempotencyKey
      ? createHash('sha256')
          .update(JSON.stringify([first.id, priority, input.priorityReason ?? '', channel, input.route ?? []]))
          .digest('hex')
      : '';
    // Keys are the caller's own: another device or clerk reusing one gets a ticket of its own, never this one.
    const scopedKey = idempotencyKey ? `${caller.username}:${idempotencyKey}` : undefined;
    const id = randomId(12);
    const w = await d.tickets.issue(ctx, {
      id,
      statusToken: newStatusToken(site.id, id),
      serviceId: first.id,
      agencyId: first.agencyId,
      prefix: first.prefix,
      priority,
      priorityReason: input.priorityReason,
      channel,
      route: route ? { services: route, agencies: routeAgencies! } : undefined,
      rank: rankOf(ctx.now, priority, site.def.priorityBoostMinutes),
      quotaPerDay: first.quotaPerDay ?? 0,
      idempotency: scopedKey ? { key: scopedKey, bodyHash } : undefined,
    });
    const ticket = await d.eta.dto(site, w.t, w.pos !== undefined && w.pos >= 0 ? w.pos : undefined);
    return w.replay ? { ticket, replay: true } : { ticket, replay: false, seq: w.seq };
  }
}

/**
 * Privileges are the role's, never the request's: a kiosk issues `kiosk` tickets of class
 * regular or priority (the citizen declares a reason); the `appointment` class is given by
 * staff of the service's agency or by managers; the `online` channel (bookings imported by
 * an integration account) by managers only.
 */
export function assertMayIssue(caller: Caller, priority: Priority, channel: Channel, agencyId: string): void {
  if (isManager(caller)) return;
  if (caller.role === 'kiosk') {
    if (channel !== 'kiosk') throw new LoketError('FORBIDDEN', 'A kiosk issues kiosk tickets only');
    if (priority === 'appointment') throw new LoketError('FORBIDDEN', 'A kiosk may not issue appointments');
    return;
  }
  if (channel === 'online') throw new LoketError('FORBIDDEN', 'Only a supervisor or an admin may issue online tickets');
  if (priority === 'appointment' && !caller.agencyIds.includes(agencyId)) {
    throw new LoketError('FORBIDDEN', "Appointments are issued by the service's own agency");
  }
}
