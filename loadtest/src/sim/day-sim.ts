/**
 * A whole simulated day of the sample mall through the engine's use cases in process (real
 * Redis, the engine's clock set by the simulation): arrivals by the site's `demand` (Poisson
 * per hour, priority share, routes), every open counter calls the next ticket as soon as it
 * is free, starts at once and serves for the service's minutes (uniform 0.5x..1.5x). With
 * `advisor`, every 15 minutes the supervisor applies all of GET .../staffing's moves.
 * Each ticket's service times (one per route step) are drawn when it is issued, so the runs
 * with and without the advisor serve the same citizens for the same minutes (common random
 * numbers): what differs between them is only who calls whom when.
 * Records each ticket's estimate at issue, its waits and who overtook whom.
 */
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { createUseCases, type UseCases } from '../../../engine/src/app/use-cases.js';
import type { Caller } from '../../../engine/src/app/caller.js';
import { parseSite } from '../../../engine/src/domain/site.js';
import type { TicketDto } from '../../../engine/src/protocol/index.js';
import { sampleSitePath, type SiteDef } from '../lib/sites.js';
import { arrivals } from './demand.js';
import { mulberry32 } from './random.js';

export interface DayOptions {
  redisUrl: string;
  advisor: boolean;
  seed?: number;
  /** Local date of the day (a weekday). */
  date?: string;
  /** Minutes between the supervisor's looks at the advisor. */
  adviseEveryMinutes?: number;
}

export interface TicketTrace {
  id: string;
  serviceId: string;
  priority: string;
  issuedAt: number;
  /** Estimate at issue (minutes), or null when no counter served the service. */
  estimate: number | null;
  calledAt?: number;
  /** Service time of its first step (ms). */
  serviceMs?: number;
}

export interface DayResult {
  advisor: boolean;
  site: SiteDef;
  tickets: TicketTrace[];
  /** Every first-call wait per service (ms), route steps included. */
  waits: Map<string, number[]>;
  movesApplied: number;
  /** The moves the supervisor applied: when (ms), which counter, to what, and why. */
  moves: { at: number; counterId: string; toServices: string[][]; reason: string }[];
  app: UseCases;
  siteId: string;
  close(): void;
}

const zoneOffsetMs = 7 * 3600_000; // Asia/Jakarta, no daylight saving

export async function simulateDay(o: DayOptions): Promise<DayResult> {
  const raw = JSON.parse(readFileSync(sampleSitePath, 'utf8')) as SiteDef;
  const siteId = `sim-${o.advisor ? 'advisor' : 'plain'}-${o.seed ?? 1}-${Date.now().toString(36)}`;
  raw.id = siteId;
  const site = parseSite(raw);
  const date = o.date ?? '2026-11-23';
  const dayStart = Date.parse(`${date}T00:00:00Z`) - zoneOffsetMs;
  let now = dayStart + 7 * 3600_000;
  const redis = new Redis(o.redisUrl, { enableAutoPipelining: true });
  const app = await createUseCases({ redis, sites: [site], ignoreHours: true, now: () => now });
  const sup: Caller = { username: 'supervisor', role: 'supervisor', siteId, agencyIds: [], counterIds: [] };
  const kiosk: Caller = { username: 'device:kiosk', role: 'kiosk', siteId, agencyIds: [], counterIds: [] };
  const staffOf = new Map(site.def.users.filter((u) => u.role === 'staff').flatMap((u) => u.counterIds.map((c) => [c, u.username] as const)));
  const clerk = (c: string): Caller => ({ username: staffOf.get(c) ?? `staff-${c}`, role: 'staff', siteId, agencyIds: [site.counters.get(c)!.agencyId], counterIds: [c] });
  for (const c of site.counters.keys()) await app.changeCounter.run(sup, c, { status: 'open' });

  const rng = mulberry32(o.seed ?? 1);
  type Ev = { at: number; kind: 'arrive'; a: ReturnType<typeof arrivals>[number] } | { at: number; kind: 'done'; counter: string; ticket: string } | { at: number; kind: 'advise' };
  const queue: Ev[] = [];
  for (const [hh, share] of Object.entries(raw.demand.shareByHour)) {
    const start = dayStart + Number(hh) * 3600_000;
    for (const a of arrivals(raw, rng, raw.demand.ticketsPerDay * share, 3600)) queue.push({ at: start + a.atSec * 1000, kind: 'arrive', a });
  }
  if (o.advisor) for (let t = now; t < dayStart + 16 * 3600_000; t += (o.adviseEveryMinutes ?? 15) * 60_000) queue.push({ at: t, kind: 'advise' });
  const push = (e: Ev): void => {
    let i = queue.length;
    while (i > 0 && queue[i - 1]!.at > e.at) i--;
    queue.splice(i, 0, e);
  };
  queue.sort((a, b) => a.at - b.at);

  const waitingBySvc = new Map<string, number>();
  const busy = new Set<string>();
  const traces = new Map<string, TicketTrace>();
  const waits = new Map<string, number[]>();
  const queuedAt = new Map<string, number>();
  const tiersOf = new Map([...site.counters.values()].map((c) => [c.id, c.services]));
  let movesApplied = 0;
  const moves: DayResult['moves'] = [];
  const avg = (s: string): number => site.services.get(s)!.avgServiceMinutes;
  /** Per ticket, the service-time factor (0.5..1.5) of each route step, drawn at issue. */
  const factors = new Map<string, number[]>();

  const callIdle = async (): Promise<void> => {
    for (const c of site.counters.keys()) {
      if (busy.has(c)) continue;
      if (!tiersOf.get(c)!.flat().some((s) => (waitingBySvc.get(s) ?? 0) > 0)) continue;
      const t = (await app.callNext.next(clerk(c), c)).ticket;
      if (!t) continue;
      waitingBySvc.set(t.serviceId, (waitingBySvc.get(t.serviceId) ?? 1) - 1);
      busy.add(c);
      const w = now - (queuedAt.get(t.id) ?? now);
      (waits.get(t.serviceId) ?? waits.set(t.serviceId, []).get(t.serviceId)!).push(w);
      await app.actOnTicket.run(clerk(c), 'start', t.id);
      const f = factors.get(t.id)?.shift() ?? 0.5 + rng();
      const ms = avg(t.serviceId) * f * 60_000;
      const tr = traces.get(t.id);
      if (tr && tr.calledAt === undefined) {
        tr.calledAt = now;
        tr.serviceMs = ms;
      }
      push({ at: now + ms, kind: 'done', counter: c, ticket: t.id });
    }
  };

  while (queue.length) {
    const e = queue.shift()!;
    now = Math.max(now, e.at);
    if (e.kind === 'arrive') {
      const input = { serviceId: e.a.serviceId, priority: e.a.priority, ...(e.a.priorityReason ? { priorityReason: e.a.priorityReason } : {}), ...(e.a.route ? { route: e.a.route } : {}) };
      const t: TicketDto = (await app.issueTicket.run(kiosk, input)).ticket;
      traces.set(t.id, { id: t.id, serviceId: t.serviceId, priority: t.priority, issuedAt: now, estimate: t.noCounterServing ? null : (t.estimatedWaitMinutes ?? null) });
      factors.set(t.id, (e.a.route ?? [e.a.serviceId]).map(() => 0.5 + rng()));
      queuedAt.set(t.id, now);
      waitingBySvc.set(t.serviceId, (waitingBySvc.get(t.serviceId) ?? 0) + 1);
    } else if (e.kind === 'done') {
      const after = (await app.actOnTicket.run(clerk(e.counter), 'finish', e.ticket)).ticket;
      busy.delete(e.counter);
      if (after.state === 'waiting') {
        queuedAt.set(after.id, now);
        waitingBySvc.set(after.serviceId, (waitingBySvc.get(after.serviceId) ?? 0) + 1);
      }
    } else {
      const advice = await app.staffing.advise(sup);
      for (const m of advice.moves) {
        await app.changeCounter.run(sup, m.counterId, { services: m.toServices, ...(m.open ? { status: 'open' as const } : {}) });
        tiersOf.set(m.counterId, m.toServices);
        moves.push({ at: now, counterId: m.counterId, toServices: m.toServices, reason: m.reason });
        movesApplied++;
      }
    }
    await callIdle();
  }
  return { advisor: o.advisor, site: raw, tickets: [...traces.values()], waits, movesApplied, moves, app, siteId, close: () => redis.disconnect() };
}
