/**
 * Arrivals of a mall's busiest hour from the site file's `demand`: Poisson
 * arrivals by service share, a share of priority tickets, a share of
 * multi-service routes (a second service of another agency).
 */
import type { Priority, PriorityReason } from '@loket/engine/protocol';
import { servicesOf, type SiteDef } from '../lib/sites.js';
import { exponential, weighted, type Rng } from './random.js';

export interface Arrival {
  /** Simulated seconds since the start of the hour. */
  atSec: number;
  serviceId: string;
  priority: Priority;
  priorityReason?: PriorityReason;
  route?: string[];
}

export interface PeakHour {
  /** The hour of the day ("09"). */
  hour: string;
  ticketsPerHour: number;
}

export function busiestHour(site: SiteDef): PeakHour {
  const [hour, share] = Object.entries(site.demand.shareByHour).reduce((a, b) => (b[1] > a[1] ? b : a));
  return { hour, ticketsPerHour: site.demand.ticketsPerDay * share };
}

const REASONS: PriorityReason[] = ['elderly', 'disability', 'pregnant', 'small_children'];

/** Arrivals over `durationSec` simulated seconds at `perHour` tickets per hour. */
export function arrivals(site: SiteDef, rng: Rng, perHour: number, durationSec = 3600): Arrival[] {
  const services = servicesOf(site);
  const agencyOf = new Map(services.map((s) => [s.id, s.agencyId]));
  const out: Arrival[] = [];
  const meanGap = 3600 / perHour;
  for (let t = exponential(rng, meanGap); t < durationSec; t += exponential(rng, meanGap)) {
    const serviceId = weighted(rng, site.demand.shareByService);
    const a: Arrival = { atSec: t, serviceId, priority: 'regular' };
    if (rng() < site.demand.priorityShare) {
      a.priority = 'priority';
      a.priorityReason = REASONS[Math.floor(rng() * REASONS.length)];
    }
    if (rng() < site.demand.multiServiceShare) {
      const others = Object.fromEntries(
        Object.entries(site.demand.shareByService).filter(([id]) => agencyOf.get(id) !== agencyOf.get(serviceId)),
      ) as Record<string, number>;
      a.route = [serviceId, weighted(rng, others)];
    }
    out.push(a);
  }
  return out;
}
