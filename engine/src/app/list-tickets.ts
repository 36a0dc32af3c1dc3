/** Read the floor: the day's tickets (staff see their own agencies) and the counters. */
import type { CounterDto, TicketDto, TicketState } from '../protocol/index.js';
import { toTicketDto } from '../store/ticket-mapper.js';
import { LoketError } from '../errors.js';
import { isManager, type Caller } from './caller.js';
import type { Deps } from './context.js';

export interface TicketFilter {
  state?: TicketState | undefined;
  serviceId?: string | undefined;
}

export class ListTickets {
  constructor(private readonly d: Deps) {}

  async tickets(caller: Caller, filter: TicketFilter): Promise<TicketDto[]> {
    const site = this.d.sites.get(caller.siteId);
    const raws = await this.d.queries.listTickets(site, this.d.clock.day(site), {
      ...filter,
      ...(isManager(caller) ? {} : { agencyIds: caller.agencyIds }),
    });
    // Waiting tickets read from the queues come best first: their position is their index.
    const positions = new Map<string, number>();
    return Promise.all(
      raws.map((t) => {
        if (t.state !== 'waiting') return toTicketDto(t, site.id);
        const n = positions.get(t.serviceId) ?? 0;
        positions.set(t.serviceId, n + 1);
        return this.d.eta.dto(site, t, filter.state === 'waiting' ? n : undefined);
      }),
    );
  }

  /** One page of `tickets()`: at most `limit`, from `cursor` (opaque; from the previous page's `nextCursor`). */
  async page(caller: Caller, filter: TicketFilter, limit: number, cursor?: string): Promise<{ tickets: TicketDto[]; nextCursor?: string }> {
    const site = this.d.sites.get(caller.siteId);
    const offset = cursor ? Number.parseInt(cursor, 36) : 0;
    if (!Number.isSafeInteger(offset) || offset < 0) throw new LoketError('VALIDATION_FAILED', 'The cursor is not valid');
    const p = await this.d.queries.listTicketPage(site, this.d.clock.day(site), { ...filter, ...(isManager(caller) ? {} : { agencyIds: caller.agencyIds }) }, offset, limit);
    const tickets = await Promise.all(
      p.tickets.map((t) => (t.state === 'waiting' ? this.d.eta.dto(site, t, filter.state === 'waiting' ? p.positions.get(t.id) : undefined) : toTicketDto(t, site.id))),
    );
    return p.next === null ? { tickets } : { tickets, nextCursor: p.next.toString(36) };
  }

  async counters(caller: Caller): Promise<CounterDto[]> {
    return (await this.d.queries.siteState(this.d.sites.get(caller.siteId))).counters;
  }
}
