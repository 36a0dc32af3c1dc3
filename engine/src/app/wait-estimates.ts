/**
 * Position and estimated wait of waiting tickets. The open counters per service are read
 * at most every 10 s per site, and dropped on every counter change (this node's or, through
 * the event tail, another node's).
 */
import { estimateWaitMinutes } from '../domain/eta.js';
import type { Site } from '../domain/site.js';
import type { TicketDto } from '../protocol/index.js';
import { toTicketDto, type StoredTicket } from '../store/ticket-mapper.js';
import type { TicketStore } from '../store/ticket-store.js';
import type { SiteClock } from './site-clock.js';

const MAX_AGE_MS = 10_000;

export class WaitEstimates {
  private readonly open = new Map<string, { at: number; open: Map<string, number> }>();

  constructor(
    private readonly tickets: TicketStore,
    private readonly clock: SiteClock,
  ) {}

  /** The ticket's DTO; a waiting one with its position and estimated wait. */
  async dto(site: Site, t: StoredTicket, knownPosition?: number): Promise<TicketDto> {
    if (t.state !== 'waiting') return toTicketDto(t, site.id);
    const position = knownPosition ?? (await this.tickets.queuePosition(site, t.serviceId, t.id)) ?? 0;
    const svc = site.services.get(t.serviceId);
    const open = (await this.openCounters(site)).get(t.serviceId) ?? 0;
    return toTicketDto(t, site.id, { position, estimatedWaitMinutes: estimateWaitMinutes(position, svc?.avgServiceMinutes ?? 10, open) });
  }

  /** Forgets the open counters of a site (a counter changed, maybe on another node). */
  invalidate(siteId: string): void {
    this.open.delete(siteId);
  }

  private async openCounters(site: Site): Promise<Map<string, number>> {
    const now = this.clock.now();
    const cached = this.open.get(site.id);
    if (cached && Math.abs(now - cached.at) < MAX_AGE_MS) return cached.open;
    const open = await this.tickets.openCountersByService(site);
    this.open.set(site.id, { at: now, open });
    return open;
  }
}
