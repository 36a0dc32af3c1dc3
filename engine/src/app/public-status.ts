/**
 * What a citizen holding a status token may see and send: the ticket's status (number,
 * state, people ahead, estimated wait, counter) and, once served, the IKM survey.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IkmAnswers } from '../domain/ikm.js';
import type { Site } from '../domain/site.js';
import { notFound } from '../errors.js';
import type { PublicTicketStatus } from '../protocol/index.js';
import type { StoredTicket } from '../store/ticket-mapper.js';
import type { Deps } from './context.js';
import { ticketIdOfStatusToken } from './random-ids.js';

export interface TicketRef {
  site: Site;
  ticketId: string;
  /** The ticket as read to check the token, when it was. */
  ticket?: StoredTicket;
}

export class PublicStatus {
  constructor(private readonly d: Deps) {}

  /** The ticket a status token names, or `404 NOT_FOUND` (also for a foreign or expired token). */
  async resolve(token: string): Promise<TicketRef> {
    const site = this.d.sites.siteOfStatusToken(token);
    if (!site) throw notFound('Ticket');
    const named = ticketIdOfStatusToken(token);
    if (!named) {
      // A token of an older engine: its own key names the ticket.
      const id = await this.d.tickets.ticketIdOfStatusToken(site, token);
      if (!id) throw notFound('Ticket');
      return { site, ticketId: id };
    }
    const t = await this.d.tickets.findTicket(site, named);
    if (!t || !sameToken(t.statusToken, token)) throw notFound('Ticket');
    return { site, ticketId: named, ticket: t };
  }

  async byToken(token: string): Promise<PublicTicketStatus> {
    return this.of(await this.resolve(token));
  }

  async of(ref: TicketRef): Promise<PublicTicketStatus> {
    return this.view(ref.site, await this.load(ref));
  }

  /** Records the citizen's survey answers: once per ticket, after it is done. */
  async giveFeedback(token: string, answers: IkmAnswers, comment?: string): Promise<void> {
    const ref = await this.resolve(token);
    const t = await this.load(ref);
    await this.d.feedback.submit(ref.site, t, answers, comment);
    this.d.extensions.feedback(ref.site.id, { ticketId: t.id, number: t.number, serviceId: t.serviceId, agencyId: t.agencyId, answers: { ...answers } as Record<string, number>, at: this.d.clock.now() });
  }

  private async load(ref: TicketRef): Promise<StoredTicket> {
    const t = ref.ticket ?? (await this.d.tickets.findTicket(ref.site, ref.ticketId));
    if (!t) throw notFound('Ticket');
    return t;
  }

  private async view(site: Site, t: StoredTicket): Promise<PublicTicketStatus> {
    const dto = await this.d.eta.dto(site, t);
    const svc = site.services.get(dto.serviceId);
    const agency = site.def.agencies.find((a) => a.id === dto.agencyId);
    const heldBy = dto.state === 'called' || dto.state === 'serving' ? dto.counterId : undefined;
    const status: PublicTicketStatus = {
      id: dto.id,
      number: dto.number,
      siteId: site.id,
      serviceId: dto.serviceId,
      serviceName: svc?.name ?? dto.serviceId,
      agencyId: dto.agencyId,
      agencyName: agency?.name ?? dto.agencyId,
      state: dto.state,
      priority: dto.priority,
      createdAt: dto.createdAt,
      counter: heldBy ? { id: heldBy, name: site.counters.get(heldBy)?.name ?? heldBy } : null,
      feedbackOpen: dto.state === 'done' && !(await this.d.feedback.exists(site.id, dto.id)),
    };
    if (dto.calledAt) status.calledAt = dto.calledAt;
    if (dto.position !== undefined) status.position = dto.position;
    if (dto.estimatedWaitMinutes !== undefined) status.estimatedWaitMinutes = dto.estimatedWaitMinutes;
    if (dto.noCounterServing) status.noCounterServing = true;
    return status;
  }
}

/** Whether two tokens are the same, in time that does not depend on where they differ. */
function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
