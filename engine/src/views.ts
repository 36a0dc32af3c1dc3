/** Read models built from a site and its store: SiteInfo and a citizen's ticket status. */
import { isOpen } from './domain/clock.js';
import type { Site } from './domain/site.js';
import type { Engine } from './engine.js';
import type { PublicTicketStatus, SiteInfo } from './protocol/index.js';
import type { RawTicket } from './store/ticket-mapper.js';

const infoCache = new WeakMap<Site, Omit<SiteInfo, 'openNow'>>();

export function siteInfo(engine: Engine, site: Site): SiteInfo {
  let base = infoCache.get(site);
  if (!base) {
    const d = site.def;
    base = {
      id: d.id,
      name: d.name,
      timezone: d.timezone,
      agencies: d.agencies.map((a) => ({
        id: a.id,
        name: a.name,
        services: a.services.map((s) => ({
          id: s.id,
          name: s.name,
          prefix: s.prefix,
          agencyId: a.id,
          avgServiceMinutes: s.avgServiceMinutes,
          ...(s.quotaPerDay ? { quotaPerDay: s.quotaPerDay } : {}),
          sla: s.sla,
        })),
      })),
      counters: [...site.counters.values()].map((c) => ({ id: c.id, name: c.name, agencyId: c.agencyId })),
      displays: d.displays,
    };
    infoCache.set(site, base);
  }
  return { ...base, openNow: engine.ignoreHours || isOpen(site.def.hours, engine.clock(), site.def.timezone) };
}

export async function publicStatus(engine: Engine, site: Site, t: RawTicket): Promise<PublicTicketStatus> {
  const dto = await engine.store.withEta(site, t);
  const svc = site.services.get(dto.serviceId);
  const agency = site.def.agencies.find((a) => a.id === dto.agencyId);
  const held = (dto.state === 'called' || dto.state === 'serving') && dto.counterId;
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
    counter: held ? { id: dto.counterId!, name: site.counters.get(dto.counterId!)?.name ?? dto.counterId! } : null,
    feedbackOpen: dto.state === 'done' && !(await engine.feedback.exists(site.id, dto.id)),
  };
  if (dto.calledAt) status.calledAt = dto.calledAt;
  if (dto.position !== undefined) status.position = dto.position;
  if (dto.estimatedWaitMinutes !== undefined) status.estimatedWaitMinutes = dto.estimatedWaitMinutes;
  return status;
}
