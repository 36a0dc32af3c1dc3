/**
 * Per-service and per-agency figures of the current business day: what waits, is held and is
 * open now (read here), and the day's counts and times (from the report records the event
 * tail keeps, passed in: the scripts keep no figures of their own).
 */
import type { RedisConn } from '../redis-connection.js';
import { liveFigures, type ReportRecord } from '../domain/report-figures.js';
import type { Site } from '../domain/site.js';
import type { AgencyStats, ServiceStats, StatsResponse } from '../protocol/index.js';
import { keys } from './keys.js';

const minutes = (ms: number | null): number | null => (ms === null ? null : Math.round((ms / 60_000) * 10) / 10);

/** The day's report records of each service and agency (missing: zeros). */
export interface DayRecords {
  service(id: string): ReportRecord;
  agency(id: string): ReportRecord;
}

export class StatsStore {
  constructor(private readonly redis: RedisConn) {}

  /** Figures of the business day `day`; `now` dates the longest current wait. */
  async stats(site: Site, now: number, day: string, recs: DayRecords): Promise<StatsResponse> {
    const services = [...site.services.values()];
    const pipe = this.redis.pipeline();
    for (const s of services) pipe.zrange(keys.queue(site.id, s.id), 0, -1);
    for (const c of site.counters.keys()) pipe.hmget(keys.counter(site.id, c), 'status', 'services', 'current');
    const res = ((await pipe.exec()) ?? []).map(([, v]) => v);
    const counterRows = res.slice(services.length) as [string | null, string | null, string | null][];
    const open = new Map<string, number>();
    const openByAgency = new Map<string, number>();
    const currentIds: string[] = [];
    const counterDefs = [...site.counters.values()];
    for (const [ci, [status, svcs, current]] of counterRows.entries()) {
      if (current) currentIds.push(current);
      const agency = counterDefs[ci]!.agencyId;
      if (status === 'open') openByAgency.set(agency, (openByAgency.get(agency) ?? 0) + 1);
      if (status !== 'open' || !svcs) continue;
      for (const s of new Set((JSON.parse(svcs) as string[][]).flat())) open.set(s, (open.get(s) ?? 0) + 1);
    }
    const waitingIds = services.map((_, i) => res[i] as string[]);
    const p2 = this.redis.pipeline();
    for (const ids of waitingIds) for (const id of ids) p2.hget(keys.ticket(site.id, id), 'queuedAt');
    for (const id of currentIds) p2.hmget(keys.ticket(site.id, id), 'serviceId', 'state');
    const r2 = ((await p2.exec()) ?? []).map(([, v]) => v);
    let k = 0;
    const oldest = waitingIds.map((ids) => {
      let min: number | null = null;
      for (let j = 0; j < ids.length; j++) {
        const q = Number(r2[k++]);
        if (Number.isFinite(q) && (min === null || q < min)) min = q;
      }
      return min;
    });
    const held = new Map<string, { called: number; serving: number }>();
    for (const row of r2.slice(k) as [string | null, string | null][]) {
      const [svc, state] = row;
      if (!svc) continue;
      const h = held.get(svc) ?? { called: 0, serving: 0 };
      if (state === 'called') h.called++;
      if (state === 'serving') h.serving++;
      held.set(svc, h);
    }

    const rows: ServiceStats[] = services.map((s, i) => {
      const o = oldest[i];
      return {
        serviceId: s.id,
        agencyId: s.agencyId,
        waiting: waitingIds[i]!.length,
        called: held.get(s.id)?.called ?? 0,
        serving: held.get(s.id)?.serving ?? 0,
        ...liveFigures(recs.service(s.id)),
        longestWaitMinutes: o === null || o === undefined ? null : minutes(Math.max(0, now - o)),
        slaMinutes: s.sla.minutes,
        slaShare: s.sla.share,
        openCounters: open.get(s.id) ?? 0,
      };
    });
    return { day, services: rows, agencies: aggregate(site, rows, recs, openByAgency) };
  }
}

function aggregate(site: Site, rows: ServiceStats[], recs: DayRecords, openByAgency: Map<string, number>): AgencyStats[] {
  return site.def.agencies.map((a) => {
    const mine = rows.filter((r) => r.agencyId === a.id);
    const sum = (f: (r: ServiceStats) => number): number => mine.reduce((x, r) => x + f(r), 0);
    const longest = mine.map((r) => r.longestWaitMinutes).filter((x): x is number => x !== null);
    return {
      agencyId: a.id,
      waiting: sum((r) => r.waiting),
      called: sum((r) => r.called),
      serving: sum((r) => r.serving),
      ...liveFigures(recs.agency(a.id)),
      longestWaitMinutes: longest.length ? Math.max(...longest) : null,
      openCounters: openByAgency.get(a.id) ?? 0,
    };
  });
}
