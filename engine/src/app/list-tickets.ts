/** Read the floor: the day's tickets (staff see their own agencies) and the counters. */
import type { CounterDto, TicketDto, TicketState } from '../protocol/index.js';
import { toTicketDto } from '../store/ticket-mapper.js';
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

  async counters(caller: Caller): Promise<CounterDto[]> {
    return (await this.d.queries.siteState(this.d.sites.get(caller.siteId))).counters;
  }
}
