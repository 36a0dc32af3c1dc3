/**
 * Position and estimated wait of waiting tickets (domain/eta.ts): people ahead, the open
 * counters serving the service by their tiers, and today's service times (report records,
 * shrunk towards the configured minutes). What it reads is cached at most 10 s per site and
 * dropped on every counter change (this node's or, through the event tail, another node's).
 */
import { estimateWait, servingWeight } from '../domain/eta.js';
import type { Site } from '../domain/site.js';
import { serviceMinutes } from '../domain/staffing.js';
import type { TicketDto } from '../protocol/index.js';
import type { ReportStore } from '../store/report-store.js';
import { toTicketDto, type TicketFields } from '../store/ticket-mapper.js';
import type { TicketStore } from '../store/ticket-store.js';
import type { SiteClock } from './site-clock.js';

const MAX_AGE_MS = 10_000;

interface SiteView {
  at: number;
  /** Tiers of each open counter. */
  openTiers: string[][][];
  /** Recent mean service minutes per service. */
  minutes: Map<string, number>;
}

export class WaitEstimates {
  private readonly views = new Map<string, SiteView>();

  constructor(
    private readonly tickets: TicketStore,
    private readonly clock: SiteClock,
    private readonly reports?: ReportStore,
  ) {}

  /** The ticket's DTO; a waiting one with its position and estimated wait, or `noCounterServing`. */
  async dto(site: Site, t: TicketFields, knownPosition?: number): Promise<TicketDto> {
    if (t.state !== 'waiting') return toTicketDto(t, site.id);
    const position = knownPosition ?? (await this.tickets.queuePosition(site, t.serviceId, t.id)) ?? 0;
    const v = await this.view(site);
    const counters = servingWeight(v.openTiers, t.serviceId);
    const minutes = v.minutes.get(t.serviceId) ?? site.services.get(t.serviceId)?.avgServiceMinutes ?? 10;
    const eta = estimateWait(position, minutes, counters);
    return toTicketDto(t, site.id, eta === null ? { position, noCounterServing: true } : { position, estimatedWaitMinutes: eta });
  }

  /** Forgets what a site's counters looked like (a counter changed, maybe on another node). */
  invalidate(siteId: string): void {
    this.views.delete(siteId);
  }

  private async view(site: Site): Promise<SiteView> {
    const now = this.clock.now();
    const cached = this.views.get(site.id);
    if (cached && Math.abs(now - cached.at) < MAX_AGE_MS) return cached;
    const openTiers = await this.tickets.openCounterTiers(site);
    const minutes = new Map<string, number>();
    if (this.reports) {
      const day = this.clock.day(site, now);
      const ids = [...site.services.keys()];
      const recs = await this.reports.records(site.id, day, ids.map((id) => ({ dim: `s.${id}` as const, slot: 'd' })));
      ids.forEach((id, i) => {
        const r = recs[i]!;
        minutes.set(id, serviceMinutes(site.services.get(id)!.avgServiceMinutes, r.counts.svcSumSec / 60, r.counts.served));
      });
    }
    const v = { at: now, openTiers, minutes };
    this.views.set(site.id, v);
    return v;
  }
}
