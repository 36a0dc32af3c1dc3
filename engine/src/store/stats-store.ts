/** Per-service and per-agency figures of the current business day. */
import type { RedisConn } from '../redis-connection.js';
import { mean, percentile } from '../domain/percentile.js';
import type { Site } from '../domain/site.js';
import type { AgencyStats, ServiceStats, StatsResponse } from '../protocol/index.js';
import { keys } from './keys.js';

const minutes = (ms: number | null): number | null => (ms === null ? null : Math.round((ms / 60_000) * 10) / 10);

export class StatsStore {
  constructor(private readonly redis: RedisConn) {}

  /** Figures of the business day `day`; `now` dates the longest current wait. */
  async stats(site: Site, now: number, day: string): Promise<StatsResponse> {
    const services = [...site.services.values()];
    const pipe = this.redis.pipeline();
    for (const s of services) {
      pipe.hgetall(keys.stats(site.id, day, s.id));
      pipe.lrange(keys.waits(site.id, day, s.id), 0, -1);
      pipe.lrange(keys.serviceTimes(site.id, day, s.id), 0, -1);
      pipe.zrange(keys.queue(site.id, s.id), 0, -1);
    }
    for (const c of site.counters.keys()) pipe.hmget(keys.counter(site.id, c), 'status', 'services', 'current');
    const res = ((await pipe.exec()) ?? []).map(([, v]) => v);
    const counterRows = res.slice(services.length * 4) as [string | null, string | null, string | null][];
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
    const waitingIds = services.map((_, i) => res[i * 4 + 3] as string[]);
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

    const samples = new Map<string, Samples>();
    const rows: ServiceStats[] = services.map((s, i) => {
      const counts = res[i * 4] as Record<string, string>;
      const waits = (res[i * 4 + 1] as string[]).map(Number);
      const svcTimes = (res[i * 4 + 2] as string[]).map(Number);
      const o = oldest[i];
      samples.set(s.id, { waits, svc: svcTimes });
      return {
        serviceId: s.id,
        agencyId: s.agencyId,
        waiting: waitingIds[i]!.length,
        called: held.get(s.id)?.called ?? 0,
        serving: held.get(s.id)?.serving ?? 0,
        served: Number(counts.served ?? 0),
        noShow: Number(counts.noShow ?? 0),
        cancelled: Number(counts.cancelled ?? 0),
        issued: Number(counts.issued ?? 0),
        avgWaitMinutes: minutes(mean(waits)),
        p90WaitMinutes: minutes(percentile(waits, 90)),
        longestWaitMinutes: o === null || o === undefined ? null : minutes(Math.max(0, now - o)),
        avgServiceMinutes: minutes(mean(svcTimes)),
        withinSlaShare: waits.length ? Math.round((waits.filter((w) => w <= s.sla.minutes * 60_000).length / waits.length) * 1000) / 1000 : null,
        slaMinutes: s.sla.minutes,
        slaShare: s.sla.share,
        openCounters: open.get(s.id) ?? 0,
      };
    });
    return { day, services: rows, agencies: aggregate(site, rows, samples, openByAgency) };
  }
}

/** Raw wait and service times (ms) of one service today. */
interface Samples {
  waits: number[];
  svc: number[];
}

function aggregate(site: Site, rows: ServiceStats[], samples: Map<string, Samples>, openByAgency: Map<string, number>): AgencyStats[] {
  return site.def.agencies.map((a) => {
    const mine = rows.filter((r) => r.agencyId === a.id);
    const waits = mine.flatMap((r) => samples.get(r.serviceId)!.waits);
    const svc = mine.flatMap((r) => samples.get(r.serviceId)!.svc);
    const sum = (f: (r: ServiceStats) => number): number => mine.reduce((x, r) => x + f(r), 0);
    const longest = mine.map((r) => r.longestWaitMinutes).filter((x): x is number => x !== null);
    return {
      agencyId: a.id,
      waiting: sum((r) => r.waiting),
      called: sum((r) => r.called),
      serving: sum((r) => r.serving),
      served: sum((r) => r.served),
      noShow: sum((r) => r.noShow),
      cancelled: sum((r) => r.cancelled),
      issued: sum((r) => r.issued),
      avgWaitMinutes: minutes(mean(waits)),
      p90WaitMinutes: minutes(percentile(waits, 90)),
      longestWaitMinutes: longest.length ? Math.max(...longest) : null,
      avgServiceMinutes: minutes(mean(svc)),
      withinSlaShare: waits.length
        ? Math.round((mine.reduce((x, r) => x + samples.get(r.serviceId)!.waits.filter((w) => w <= r.slaMinutes * 60_000).length, 0) / waits.length) * 1000) / 1000
        : null,
      openCounters: openByAgency.get(a.id) ?? 0,
    };
  });
}

