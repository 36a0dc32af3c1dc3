/**
 * The staffing advisor (domain/staffing.ts, Erlang C): per service the arrivals of the coming
 * hour (the last 30 minutes blended with the same hours of up to 7 earlier days), today's
 * service times, the waiting queue and the counters as they are; moves the supervisor applies
 * with one click (PATCH of the counter), and warnings of breaches within the hour.
 */
import { localTime } from '../domain/clock.js';
import { advise, blendArrivals, serviceMinutes, type AdvisorService } from '../domain/staffing.js';
import type { StaffingResponse } from '../protocol/index.js';
import { isManager, type Caller } from './caller.js';
import type { Deps } from './context.js';
import type { DailyReports } from './daily-reports.js';
import { datesBetween } from './daily-reports.js';

const HISTORY_DAYS = 7;

export class Staffing {
  constructor(
    private readonly d: Deps,
    private readonly reports: DailyReports,
  ) {}

  async advise(caller: Caller): Promise<StaffingResponse> {
    const site = this.d.sites.get(caller.siteId);
    await this.reports.catchUp(site.id);
    const now = this.d.clock.now();
    const day = this.d.clock.day(site, now);
    const lt = localTime(now, site.def.timezone);
    const hour = Math.floor(lt.minutes / 60);
    const f = (lt.minutes % 60) / 60;
    const hh = (h: number): string => String(Math.min(23, h)).padStart(2, '0');
    const ids = [...site.services.keys()];
    const earlier = datesBetween(new Date(Date.parse(`${day}T00:00:00Z`) - HISTORY_DAYS * 86_400_000).toISOString().slice(0, 10), day).slice(0, -1);

    const [recent, waiting, counters, today, ...hist] = await Promise.all([
      this.d.figures.issuedBetween(site, day, now - 30 * 60_000, now + 1),
      this.d.figures.queueLengths(site),
      this.d.figures.counterStates(site),
      this.d.figures.records(site.id, day, ids.map((id) => ({ dim: `s.${id}` as const, slot: 'd' }))),
      ...earlier.map((date) =>
        this.d.figures.records(site.id, date, ids.flatMap((id) => [{ dim: `s.${id}` as const, slot: 'd' }, { dim: `s.${id}` as const, slot: hh(hour) }, { dim: `s.${id}` as const, slot: hh(hour + 1) }])),
      ),
    ]);
    // Earlier days the site worked (any ticket issued): the same hours of those.
    const worked = hist.filter((recs) => recs.some((r, i) => i % 3 === 0 && r.counts.issued > 0));
    const services: AdvisorService[] = ids.map((id, i) => {
      const def = site.services.get(id)!;
      const history = worked.length
        ? {
            thisHour: worked.reduce((x, recs) => x + recs[i * 3 + 1]!.counts.issued, 0) / worked.length,
            nextHour: worked.reduce((x, recs) => x + recs[i * 3 + 2]!.counts.issued, 0) / worked.length,
          }
        : null;
      const t = today[i]!.counts;
      return {
        serviceId: id,
        agencyId: def.agencyId,
        arrivalsPerHour: blendArrivals(recent.get(id) ?? 0, history, f),
        serviceMinutes: serviceMinutes(def.avgServiceMinutes, t.svcSumSec / 60, t.served),
        sla: def.sla,
        waiting: waiting.get(id) ?? 0,
        ...(def.sharedWith?.length ? { sharedWith: def.sharedWith } : {}),
      };
    });
    const homes = counters.map((c) => ({ ...c, home: site.counters.get(c.id)?.services ?? c.services }));
    const a = advise(services, homes);
    const mine = (agencyId: string | undefined): boolean => isManager(caller) || (!!agencyId && caller.agencyIds.includes(agencyId));
    const agencyOfService = (id: string): string | undefined => site.services.get(id)?.agencyId;
    return {
      services: a.services.filter((s) => mine(agencyOfService(s.serviceId))),
      moves: a.moves.filter((m) => mine(site.counters.get(m.counterId)?.agencyId)),
      warnings: a.warnings.filter((w) => mine(agencyOfService(w.serviceId))),
      at: new Date(now).toISOString(),
    };
  }
}
