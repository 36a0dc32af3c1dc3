/**
 * `national`: N malls (default 300 copies of the sample) at their peak-hour
 * rate at once, plus 10,000 lobby display sockets spread over them: the whole
 * of Indonesia's MPP rush on one engine. Real time by default (`--factor 1`);
 * each counter starts part-way through serving someone (steady state).
 */
import { performance } from 'node:perf_hooks';
import { staffForCounters } from '../lib/accounts.js';
import { num } from '../lib/args.js';
import { callToScreen, DisplayCrowd } from '../lib/displays.js';
import { displayToken, kioskToken, loadSite, writeSiteCopies } from '../lib/sites.js';
import { costBetween, formatCost } from '../lib/redis-stats.js';
import { Recorder, summarize } from '../lib/stats.js';
import { arrivals, busiestHour, type Arrival } from '../sim/demand.js';
import { MallSim, type KindLatencies } from '../sim/mall-sim.js';
import { mulberry32 } from '../sim/random.js';
import { runSchedule } from '../sim/schedule.js';
import { elapsedSec, startStack, type ScenarioContext, type ScenarioResult } from './common.js';
import { finish, latencyFields } from './report.js';

export async function national(ctx: ScenarioContext): Promise<ScenarioResult> {
  const f = ctx.flags;
  const n = num(f, 'sites', ctx.small ? 3 : 300);
  const sockets = num(f, 'displays', ctx.small ? 30 : 10_000);
  const seconds = num(f, 'seconds', ctx.small ? 8 : 45);
  const factor = num(f, 'factor', ctx.small ? 60 : 1);
  const seed = num(f, 'seed', 1);
  const sample = loadSite();
  const peak = busiestHour(sample);
  const sites = writeSiteCopies(n);
  // `--cluster` (3 primaries + 3 replicas) and `--nodes N` engine nodes behind a round robin.
  const cluster = f.cluster === true || f.cluster === '1';
  const nodes = num(f, 'nodes', 1);
  const params = { sites: n, displays: sockets, seconds, factor, seed, perHourPerSite: peak.ticketsPerHour, nodes, redis: cluster ? 'cluster 3+3' : 'one redis-server' };
  const stack = await startStack(sites.dir, {}, 1024, { nodes, cluster });
  const { http } = stack;
  const crowd = new DisplayCrowd({ url: stack.engine.url, urls: stack.engines.map((e) => e.url), tokenFor: displayToken, siteIds: sites.ids, count: sockets, batch: 500 });
  try {
    const setup = performance.now();
    const staff = await staffForCounters(http, sites.ids.map((id) => ({ siteId: id, counterIds: sample.counters.map((c) => c.id) })), 32);
    const loginSeconds = elapsedSec(setup);
    await crowd.connect();
    const setupSeconds = elapsedSec(setup);
    console.log(`national: ${n} sites, ${staff.length} counters open in ${loginSeconds} s, ${sockets} displays connected, ready in ${setupSeconds} s; ${seconds} s at ${factor}x`);

    const redis0 = await stack.sampleRedis();
    const cpu0 = stack.engineCpuMs();
    const start = performance.now();
    const rec = new Recorder(start);
    const kinds: KindLatencies = new Map();
    const sentBySite = new Map<string, Map<string, number>>();
    const sims = sites.ids.map((id, i) => {
      const callSentAt = new Map<string, number>();
      sentBySite.set(id, callSentAt);
      const site = { ...sample, id };
      return new MallSim({ http, site, siteId: id, kioskToken: kioskToken(id), staff: [], factor, rng: mulberry32(seed + i), recorder: rec, kinds, callSentAt });
    });
    const simOf = new Map(sites.ids.map((id, i) => [id, sims[i] as MallSim]));
    const rng = mulberry32(seed);
    const counters = staff.map((s) => {
      const sim = simOf.get(s.siteId) as MallSim;
      const first = sample.counters.find((c) => c.id === s.counterId)?.services[0]?.[0] ?? 'ktp';
      return sim.runCounter(s, rng() * sim.serviceMs(first));
    });
    const plan: (Arrival & { site: string })[] = sites.ids
      .flatMap((id, i) => arrivals(sample, mulberry32(seed * 1000 + i), peak.ticketsPerHour, seconds * factor).map((a) => ({ ...a, site: id })))
      .sort((a, b) => a.atSec - b.atSec);
    await runSchedule(plan, factor, (a) => (simOf.get(a.site) as MallSim).issue(a), start);
    for (const s of sims) s.stop();
    await Promise.all(counters);
    const wallSeconds = elapsedSec(start);
    const cost = costBetween(redis0, await stack.sampleRedis(), stack.engineCpuMs() - cpu0, wallSeconds, rec.all.length);

    const socketsOf = new Map<string, number>();
    crowd.sockets.forEach((_, i) => {
      const id = sites.ids[i % sites.ids.length] as string;
      socketsOf.set(id, (socketsOf.get(id) ?? 0) + 1);
    });
    const perSiteSockets = (id: string): number => socketsOf.get(id) ?? 0;
    const pending = (): number => {
      let n = 0;
      for (const [id, m] of sentBySite) for (const k of m.keys()) n += Math.max(0, perSiteSockets(id) - (crowd.calledAt.get(k)?.length ?? 0));
      return n;
    };
    // Let the last calls reach the screens (at most 3 s).
    for (const until = performance.now() + 3000; pending() > 0 && performance.now() < until; ) await new Promise((r) => setTimeout(r, 50));
    const lat: number[] = [];
    let missing = 0;
    let calls = 0;
    for (const [id, m] of sentBySite) {
      const expect = perSiteSockets(id);
      const r = callToScreen(crowd, m, () => expect);
      lat.push(...r.latencies);
      missing += r.missing;
      calls += r.calls;
    }
    const sum = (k: 'issued' | 'done' | 'calls' | 'routeSteps' | 'open'): number => sims.reduce((a, s) => a + s[k], 0);
    const errors: Record<string, number> = {};
    for (const s of sims) for (const [k, v] of Object.entries(s.errors)) errors[k] = (errors[k] ?? 0) + v;
    const screens = summarize(lat);
    const result: ScenarioResult = {
      scenario: 'national',
      startedAt: new Date().toISOString(),
      small: ctx.small,
      wallSeconds,
      params,
      ...latencyFields(rec, kinds, wallSeconds),
      errors,
      setupSeconds,
      loginSeconds,
      tickets: { issued: sum('issued'), finished: sum('done'), calls: sum('calls'), routeSteps: sum('routeSteps'), leftOpen: sum('open'), planned: plan.length },
      callToScreen: { displays: sockets, calls, deliveries: lat.length, missing, gaps: crowd.gaps, ms: screens },
      engineRssMb: Math.round(stack.engines.reduce((a, e) => a + e.rssMb(), 0) * 10) / 10,
      cost,
    };
    return finish(ctx, result, `national: ${n} sites, ${sockets} displays, ${factor}x, ${nodes} node(s) on ${params.redis}`, [
      `tickets issued ${sum('issued')}/${plan.length} planned, calls ${sum('calls')}, finished ${sum('done')}, left open ${sum('open')}`,
      `call-to-screen over ${sockets} displays: ${lat.length} deliveries, missing ${missing}, seq gaps ${crowd.gaps}, ms p50 ${screens.p50} p99 ${screens.p99}`,
      `engine RSS ${result.engineRssMb} MB`,
      formatCost(cost),
    ]);
  } finally {
    crowd.close();
    await stack.stop();
    sites.remove();
  }
}
