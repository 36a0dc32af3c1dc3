/**
 * What the sample mall's counters can do at all, by Erlang C, from the site file's `demand`:
 * per service the arrivals of the peak hour (first steps, plus second steps of routes that
 * start at another agency), its offered load, the counters that may serve it (its agency's,
 * and those of agencies it is `sharedWith`), and the share called within the SLA with 1, 2
 * and all those counters, at the peak and over the day (each hour weighted by its arrivals).
 * Where even all the counters that may serve a service fall short, no advisor can help.
 */
import { offeredLoad, shareWithin } from '../../../engine/src/domain/erlang-c.js';
import { servicesOf, type SiteDef } from '../lib/sites.js';

export interface ServiceCapacity {
  serviceId: string;
  agencyId: string;
  /** Arrivals per hour at the peak hour, route steps included. */
  peakPerHour: number;
  perDay: number;
  serviceMinutes: number;
  sla: { minutes: number; share: number };
  /** Offered load at the peak (Erlangs). */
  load: number;
  /** Counters that may be given the service, and what each serves as configured. */
  counters: { id: string; services: string[][] }[];
  /** Erlang C share within the SLA at the peak with 1 and 2 counters and with all it may have. */
  peakShare: { c1: number; c2: number; all: number };
  /** The day's expected share within the SLA with all its counters (hours weighted by arrivals). */
  dayShareAll: number;
  /** Its agency at the peak: the offered load of all its services, on how many counters. */
  agency: { load: number; counters: number };
}

/** Tickets of `serviceId` per ticket issued at the mall: its own share plus route second steps. */
export function stepsPerTicket(site: SiteDef, serviceId: string): number {
  const agencyOf = new Map(servicesOf(site).map((s) => [s.id, s.agencyId]));
  const share = site.demand.shareByService;
  const agencyShare = (a: string): number => Object.entries(share).reduce((x, [id, v]) => x + (agencyOf.get(id) === a ? v : 0), 0);
  // A route's second service is drawn among the other agencies' services by their shares.
  const asSecond = Object.entries(share)
    .filter(([id]) => agencyOf.get(id) !== agencyOf.get(serviceId))
    .reduce((x, [id, v]) => x + (v * (share[serviceId] ?? 0)) / (1 - agencyShare(agencyOf.get(id)!)), 0);
  return (share[serviceId] ?? 0) + site.demand.multiServiceShare * asSecond;
}

export function capacity(site: SiteDef): ServiceCapacity[] {
  const hours = Object.values(site.demand.shareByHour);
  const peak = Math.max(...hours);
  const all = servicesOf(site);
  const peakLoad = (id: string): number => (site.demand.ticketsPerDay * peak * stepsPerTicket(site, id) * all.find((s) => s.id === id)!.avgServiceMinutes) / 60;
  return all.map((s) => {
    const shared = s.sharedWith ?? [];
    const perTicket = stepsPerTicket(site, s.id);
    const sla = s.sla ?? { minutes: 30, share: 0.8 };
    const at = (perHour: number) => ({ arrivalsPerHour: perHour, serviceMinutes: s.avgServiceMinutes, sla });
    const counters = site.counters.filter((c) => c.agencyId === s.agencyId || shared.includes(c.agencyId)).map((c) => ({ id: c.id, services: c.services }));
    const share = (c: number, perHour: number): number => shareWithin(c, offeredLoad(at(perHour)), sla.minutes, s.avgServiceMinutes);
    const peakPerHour = site.demand.ticketsPerDay * peak * perTicket;
    const total = hours.reduce((a, b) => a + b, 0);
    return {
      serviceId: s.id,
      agencyId: s.agencyId,
      peakPerHour,
      perDay: site.demand.ticketsPerDay * total * perTicket,
      serviceMinutes: s.avgServiceMinutes,
      sla,
      load: offeredLoad(at(peakPerHour)),
      counters,
      peakShare: { c1: share(1, peakPerHour), c2: share(2, peakPerHour), all: share(counters.length, peakPerHour) },
      agency: { load: all.filter((o) => o.agencyId === s.agencyId).reduce((x, o) => x + peakLoad(o.id), 0), counters: site.counters.filter((c) => c.agencyId === s.agencyId).length },
      dayShareAll: hours.reduce((x, h) => x + h * share(counters.length, site.demand.ticketsPerDay * h * perTicket), 0) / total,
    };
  });
}
