/**
 * The staffing advisor: per service the counters Erlang C needs for the coming hour, against
 * the counters serving it now, and concrete counter moves: inside the service's agency, or to
 * a counter of an agency the site file shares the service with (`sharedWith`), as the counter
 * PATCH allows. A moved counter is suggested back to its configured profile once the service
 * it was lent to needs it no more. Pure: the use case brings the figures.
 */
import type { StaffingMove as CounterMove, StaffingNeed as MoveNeed, StaffingWarningDto as StaffingWarning } from '../protocol/index.js';
import { countersNeeded, shareWithin, slaForecast, type ServiceLoad } from './erlang-c.js';

export interface AdvisorService extends ServiceLoad {
  serviceId: string;
  agencyId: string;
  /** Tickets waiting now. */
  waiting: number;
  /** Other agencies whose counters may be given this service (the site file's `sharedWith`). */
  sharedWith?: readonly string[];
}

export interface AdvisorCounter {
  id: string;
  agencyId: string;
  status: 'open' | 'paused' | 'closed';
  services: string[][];
  /** Its profile in the site file: where a lent counter goes back to. */
  home?: string[][];
}

export interface ServiceAdvice {
  serviceId: string;
  arrivalsPerHour: number;
  serviceAvgMinutes: number;
  /** Open counters with the service in any tier. */
  countersServing: number;
  /** Counter time the service gets (tier 1 shared by its services, lower tiers what tier 1 leaves). */
  effectiveCounters: number;
  countersNeeded: number;
  /** Erlang C's SLA share with `countersServing` counters. */
  slaForecast: number;
  waiting: number;
}

/** A service a lent counter leaves (moves, needs and warnings have protocol's forms). */
type ReleasedService = NonNullable<CounterMove['released']>[number];

export interface Advice {
  services: ServiceAdvice[];
  moves: CounterMove[];
  warnings: StaffingWarning[];
}

const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;
const sameTiers = (a: readonly string[][], b: readonly string[][]): boolean => JSON.stringify(a) === JSON.stringify(b);
/** Erlang C's SLA share for a fractional counter time: between its whole counters below and above. */
export function forecastAt(s: ServiceLoad, counters: number): number {
  const lo = Math.floor(counters + 1e-9);
  const f = Math.max(0, counters - lo);
  return f < 1e-9 ? slaForecast(s, lo) : (1 - f) * slaForecast(s, lo) + f * slaForecast(s, lo + 1);
}
/** A counter may be given a service of its own agency, or one the site shares with its agency. */
const mayServe = (s: AdvisorService, c: AdvisorCounter): boolean => c.agencyId === s.agencyId || (s.sharedWith ?? []).includes(c.agencyId);

/**
 * Arrivals per hour for the coming hour: the last 30 minutes (x2) blended half and half with
 * the same hours on earlier days (`history`: mean arrivals in this hour and the next; `f`:
 * share of this hour already gone). Without history, the last 30 minutes alone.
 */
export function blendArrivals(last30Minutes: number, history: { thisHour: number; nextHour: number } | null, f: number): number {
  const recent = last30Minutes * 2;
  if (!history) return recent;
  const hist = (1 - f) * history.thisHour + f * history.nextHour;
  return 0.5 * recent + 0.5 * hist;
}

/** Mean service time: today's samples, shrunk towards the configured minutes by 5 samples' weight. */
export function serviceMinutes(configured: number, sumMinutes: number, n: number, prior = 5): number {
  return (sumMinutes + prior * configured) / (n + prior);
}

/** Counter time per service: tier 1 split evenly, lower tiers share what tier 1's load leaves free. */
export function effectiveCounters(services: readonly AdvisorService[], counters: readonly AdvisorCounter[]): Map<string, number> {
  const load = new Map(services.map((s) => [s.serviceId, (s.arrivalsPerHour * s.serviceMinutes) / 60]));
  const open = counters.filter((c) => c.status === 'open');
  const first = new Map<string, number>();
  for (const c of open) for (const s of c.services[0] ?? []) first.set(s, (first.get(s) ?? 0) + 1 / (c.services[0]?.length ?? 1));
  const eff = new Map(first);
  for (const c of open) {
    const busy = (c.services[0] ?? []).reduce((x, s) => x + (load.get(s) ?? 0) / Math.max(first.get(s) ?? 1, 1e-9) / (c.services[0]!.length || 1), 0);
    let spare = Math.max(0, 1 - busy);
    for (const tier of c.services.slice(1)) {
      if (spare <= 0) break;
      const give = spare / tier.length;
      for (const s of tier) eff.set(s, (eff.get(s) ?? 0) + give);
      spare = Math.max(0, spare - tier.reduce((x, s) => x + (load.get(s) ?? 0) / Math.max(1, open.filter((o) => o.services.flat().includes(s)).length), 0));
    }
  }
  return eff;
}

/** Counters needed, the forecast, the warnings for the coming hour, and the moves that close the gaps. */
export function advise(services: readonly AdvisorService[], counters: readonly AdvisorCounter[]): Advice {
  const needed = new Map(services.map((s) => [s.serviceId, countersNeeded(s)]));
  const serving = (cs: readonly AdvisorCounter[], id: string): number => cs.filter((c) => c.status === 'open' && c.services.some((t) => t.includes(id))).length;
  let model = counters.map((c) => ({ ...c, services: c.services.map((t) => [...t]) }));
  const moves: CounterMove[] = [];
  const byId = new Map(services.map((s) => [s.serviceId, s]));
  /** Counters a service needs: Erlang C's, or enough to call its waiting queue within twice its SLA (at most 2 more). */
  const needOf = (s: AdvisorService): number => {
    const backlogNeed = s.waiting > 0 ? Math.ceil((s.waiting * s.serviceMinutes) / Math.max(s.sla.minutes * 2, 1)) : 0;
    return Math.max(needed.get(s.serviceId)!, Math.min(backlogNeed, needed.get(s.serviceId)! + 2));
  };
  const gapOf = (eff: Map<string, number>, s: AdvisorService): number => needOf(s) - (eff.get(s.serviceId) ?? 0);
  const movedNow = new Set<string>();
  for (let round_ = 0; round_ < counters.length; round_++) {
    const eff = effectiveCounters(services, model);
    const short = services
      .map((s) => ({ s, gap: gapOf(eff, s) }))
      .filter((x) => x.gap > 0.25)
      .sort((a, b) => b.gap - a.gap);
    let moved = false;
    for (const { s } of short) {
      const candidates = model.filter((c) => mayServe(s, c) && !(c.status === 'open' && (c.services[0] ?? []).includes(s.serviceId)));
      let best: { c: (typeof model)[number]; surplus: number } | null = null;
      for (const c of candidates) {
        if (c.status !== 'open') {
          if (!best || best.surplus < 1e9) best = { c, surplus: 1e9 };
          continue;
        }
        const tier1 = c.services[0] ?? [];
        // What its first tier keeps without it must still meet those services' need.
        const surplus = Math.min(
          ...tier1.map((id) => {
            const o = byId.get(id);
            return o ? (eff.get(id) ?? 0) - 1 / tier1.length - Math.max(needed.get(id)!, 0) : 1;
          }),
        );
        if (surplus >= 0 && (!best || surplus > best.surplus)) best = { c, surplus };
      }
      if (!best) continue;
      const c = best.c;
      const to = [[s.serviceId], ...c.services.map((t) => t.filter((x) => x !== s.serviceId)).filter((t) => t.length)];
      const was = c.status !== 'open';
      const forecast = forecastAt(s, eff.get(s.serviceId) ?? 0);
      const from = (c.services[0] ?? []).join(', ');
      const need: MoveNeed = {
        countersNeeded: needOf(s),
        forQueue: needOf(s) > needed.get(s.serviceId)!,
        arrivalsPerHour: round(s.arrivalsPerHour, 1),
        serviceAvgMinutes: round(s.serviceMinutes, 1),
        effectiveCounters: round(eff.get(s.serviceId) ?? 0, 1),
        waiting: s.waiting,
        sla: { minutes: s.sla.minutes, share: s.sla.share },
        slaForecast: round(forecast, 3),
      };
      moves.push({
        counterId: c.id,
        fromServices: c.services,
        toServices: to,
        kind: 'serve',
        serviceId: s.serviceId,
        need,
        reason:
          `${was ? 'Buka loket dan layani' : `${from} -> ${s.serviceId}: dahulukan`} ${s.serviceId} satu jam ke depan: ` +
          `${need.countersNeeded} loket dibutuhkan (${need.arrivalsPerHour}/jam x ${need.serviceAvgMinutes} mnt${need.forQueue ? ', dan antrean' : ''}), ` +
          `${need.effectiveCounters} melayani, ${need.waiting} menunggu; SLA ${Math.round(s.sla.share * 100)}% <= ${s.sla.minutes} mnt diperkirakan ${Math.round(forecast * 100)}%`,
        ...(was ? { open: true } : {}),
      });
      model = model.map((m) => (m.id === c.id ? { ...m, status: 'open' as const, services: to } : m));
      movedNow.add(c.id);
      moved = true;
      break;
    }
    if (!moved) break;
  }

  // A counter lent to another service goes home once that service needs it no more and no
  // service falls short by it (the move was made at a gap above 0.25: no flapping).
  for (const c of model) {
    if (!c.home || c.status !== 'open' || movedNow.has(c.id) || sameTiers(c.services, c.home)) continue;
    const home = c.home;
    const back = model.map((m) => (m.id === c.id ? { ...m, services: home.map((t) => [...t]) } : m));
    const before = effectiveCounters(services, model);
    const after = effectiveCounters(services, back);
    const lent = (c.services[0] ?? []).filter((id) => !(home[0] ?? []).includes(id));
    const ok = services.every((x) => {
      const g = gapOf(after, x);
      if (lent.includes(x.serviceId)) return g <= 0;
      return g <= 0.25 || g <= gapOf(before, x) + 1e-9;
    });
    if (!ok) continue;
    const released: ReleasedService[] = lent.map((id) => ({ serviceId: id, countersNeeded: needOf(byId.get(id)!), effectiveCounters: round(after.get(id) ?? 0, 1) }));
    const why = released.map((r) => `${r.serviceId} cukup tanpa loket ini (${r.countersNeeded} loket dibutuhkan, ${r.effectiveCounters} tetap melayani)`).join('; ');
    moves.push({
      counterId: c.id,
      fromServices: c.services,
      toServices: home.map((t) => [...t]),
      kind: 'home',
      released,
      reason: `Kembalikan ke profil semula (${home.map((t) => t.join(', ')).join(' / ')}): ${why || 'layanannya tidak lagi kekurangan loket'}`,
    });
    model = back;
  }
  /** Services still short after every move: their agency (and shares) has no counter to give. */
  const effAfter = effectiveCounters(services, model);
  const stuck = new Set(services.filter((s) => gapOf(effAfter, s) > 0.25).map((s) => s.serviceId));

  const eff = effectiveCounters(services, counters);
  const rows: ServiceAdvice[] = services.map((s) => ({
    serviceId: s.serviceId,
    arrivalsPerHour: round(s.arrivalsPerHour, 1),
    serviceAvgMinutes: round(s.serviceMinutes, 1),
    countersServing: serving(counters, s.serviceId),
    effectiveCounters: round(eff.get(s.serviceId) ?? 0),
    countersNeeded: needed.get(s.serviceId)!,
    slaForecast: round(slaForecast(s, serving(counters, s.serviceId)), 3),
    waiting: s.waiting,
  }));
  const warnings: StaffingWarning[] = [];
  for (const s of services) {
    const e = eff.get(s.serviceId) ?? 0;
    const n = serving(counters, s.serviceId);
    const forecast = round(shareWithin(Math.floor(e + 0.01), (s.arrivalsPerHour * s.serviceMinutes) / 60, s.sla.minutes, s.serviceMinutes), 3);
    const facts = {
      serviceId: s.serviceId,
      agencyId: s.agencyId,
      waiting: s.waiting,
      countersNeeded: needed.get(s.serviceId)!,
      effectiveCounters: round(e, 1),
      sla: { minutes: s.sla.minutes, share: s.sla.share },
    };
    if (n === 0 && (s.waiting > 0 || s.arrivalsPerHour > 0)) {
      warnings.push({ ...facts, kind: 'no_counter', slaForecast: 0, message: `${s.serviceId}: tidak ada loket yang melayani; ${s.waiting} menunggu` });
      continue;
    }
    const clearMinutes = e > 0 ? (s.waiting * s.serviceMinutes) / e : Infinity;
    if (s.arrivalsPerHour > 0 && forecast < s.sla.share) {
      warnings.push({
        ...facts,
        kind: 'sla',
        slaForecast: forecast,
        ...(stuck.has(s.serviceId) ? { noCounterToMove: true } : {}),
        message:
          `${s.serviceId}: SLA ${Math.round(s.sla.share * 100)}% <= ${s.sla.minutes} mnt diperkirakan ${Math.round(forecast * 100)}% dalam satu jam (${needed.get(s.serviceId)} loket dibutuhkan, ${round(e, 1)} melayani)` +
          (stuck.has(s.serviceId) ? `; tidak ada loket ${s.agencyId} lain yang bisa dipindah: tambah petugas atau bagikan layanan ke instansi lain (sharedWith)` : ''),
      });
    } else if (s.waiting > 0 && clearMinutes > s.sla.minutes) {
      warnings.push({
        ...facts,
        kind: 'backlog',
        slaForecast: forecast,
        clearMinutes: Number.isFinite(clearMinutes) ? Math.round(clearMinutes) : null,
        message: Number.isFinite(clearMinutes)
          ? `${s.serviceId}: ${s.waiting} menunggu, yang terakhir dipanggil dalam ~${Math.round(clearMinutes)} mnt (SLA ${s.sla.minutes} mnt)`
          : `${s.serviceId}: ${s.waiting} menunggu, loketnya sibuk dengan layanan tingkat pertama`,
      });
    }
  }
  return { services: rows, moves, warnings };
}
