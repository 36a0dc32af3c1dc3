/** What clients may know of a site (no secrets): agencies, services, counters, displays, open now. */
import { closingOf } from '../domain/clock.js';
import type { Site } from '../domain/site.js';
import type { SiteInfo } from '../protocol/index.js';
import type { Deps } from './context.js';

export class SiteInfoView {
  private readonly cache = new WeakMap<Site, Omit<SiteInfo, 'openNow'>>();

  constructor(private readonly d: Deps) {}

  /** Every loaded site, by id and name. */
  list(): { id: string; name: string }[] {
    return this.d.sites.all().map((s) => ({ id: s.id, name: s.def.name }));
  }

  of(siteId: string): SiteInfo {
    const site = this.d.sites.get(siteId);
    const openNow = this.d.clock.isOpen(site);
    const closing = openNow && !this.d.clock.ignoreHours ? closingOf(site.def.hours, this.d.clock.now(), site.def.timezone) : null;
    return { ...this.base(site), openNow, ...(closing ?? {}) };
  }

  private base(site: Site): Omit<SiteInfo, 'openNow'> {
    let base = this.cache.get(site);
    if (base) return base;
    const d = site.def;
    base = {
      id: d.id,
      name: d.name,
      timezone: d.timezone,
      agencies: d.agencies.map((a) => ({
        id: a.id,
        name: a.name,
        ...(a.nameEn ? { nameEn: a.nameEn } : {}),
        ...(a.shortName ? { shortName: a.shortName } : {}),
        ...(a.shortNameEn ? { shortNameEn: a.shortNameEn } : {}),
        services: a.services.map((s) => ({
          id: s.id,
          name: s.name,
          ...(s.nameEn ? { nameEn: s.nameEn } : {}),
          prefix: s.prefix,
          agencyId: a.id,
          avgServiceMinutes: s.avgServiceMinutes,
          ...(s.quotaPerDay ? { quotaPerDay: s.quotaPerDay } : {}),
          sla: s.sla,
        })),
      })),
      counters: [...site.counters.values()].map((c) => ({ id: c.id, name: c.name, agencyId: c.agencyId })),
      displays: d.displays,
      hours: d.hours,
      noShowMinutes: d.noShowMinutes,
    };
    this.cache.set(site, base);
    return base;
  }
}
