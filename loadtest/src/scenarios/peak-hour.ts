/**
 * `peak-hour`: the sample mall's busiest hour (arrivals by service, priority
 * share, multi-service routes from `demand`), every counter open and served
 * with the sample's service times, time compressed by `--factor` (60x).
 * Reports per-service waits (simulated minutes) so it doubles as a what-if
 * tool for staffing: edit the site file and run again.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { staffForCounters } from '../lib/accounts.js';
import { num } from '../lib/args.js';
import { callToScreen, DisplayCrowd } from '../lib/displays.js';
import { displayToken, kioskToken, loadSite, sampleSitePath, servicesOf, writeSiteCopies } from '../lib/sites.js';
import { costBetween, formatCost, sampleRedis } from '../lib/redis-stats.js';
import { Recorder, summarize, type Summary } from '../lib/stats.js';
import { arrivals, busiestHour } from '../sim/demand.js';
import { MallSim, type KindLatencies } from '../sim/mall-sim.js';
import { mulberry32 } from '../sim/random.js';
import { runSchedule } from '../sim/schedule.js';
import { elapsedSec, startStack, type ScenarioContext, type ScenarioResult } from './common.js';
import { finish, latencyFields } from './report.js';

interface ServiceWait {
  served: number;
  waitMinutes: Summary;
  withinSlaShare: number | null;
  slaMinutes: number;
  leftWaiting: number;
}

export async function peakHour(ctx: ScenarioContext): Promise<ScenarioResult> {
  const f = ctx.flags;
  const siteFile = typeof f.site === 'string' ? f.site : sampleSitePath;
  const site = loadSite(siteFile);
  const peak = busiestHour(site);
  const factor = num(f, 'factor', ctx.small ? 600 : 60);
  const simMinutes = num(f, 'minutes', ctx.small ? 15 : 60);
  const perHour = num(f, 'per-hour', peak.ticketsPerHour);
  const maxWallSec = num(f, 'max-seconds', ctx.small ? 40 : 160);
  const displays = num(f, 'displays', 2);
  const seed = num(f, 'seed', 1);
  const rng = mulberry32(seed);
  const plan = arrivals(site, rng, perHour, simMinutes * 60);
  const params = { siteFile, siteId: site.id, busiestHour: peak.hour, perHour, simMinutes, factor, seed, displays, maxWallSec, arrivals: plan.length };
  console.log(`peak-hour: ${plan.length} arrivals over ${simMinutes} simulated min (${perHour}/h, hour ${peak.hour}:00) at ${factor}x`);

  const copy = writeSiteCopies(1, true, site);
  const siteId = copy.ids[0] as string;
  const stack = await startStack(copy.dir);
  const { http } = stack;
  let crowd: DisplayCrowd | undefined;
  try {
    const staff = await staffForCounters(http, [{ siteId, counterIds: site.counters.map((c) => c.id) }]);
    crowd = new DisplayCrowd({ url: stack.engine.url, tokenFor: displayToken, siteIds: [siteId], count: displays });
    await crowd.connect();
    const redis0 = await sampleRedis(stack.redis.url);
    const cpu0 = stack.engine.cpuMs();
    const start = performance.now();
    const rec = new Recorder(start);
    const kinds: KindLatencies = new Map();
    const callSentAt = new Map<string, number>();
    const sim = new MallSim({ http, site, siteId, kioskToken: kioskToken(siteId), staff, factor, rng, recorder: rec, kinds, callSentAt });
    const counters = staff.map((s) => sim.runCounter(s));
    const deadline = start + maxWallSec * 1000;
    await runSchedule(plan, factor, (a) => sim.issue(a), start);
    const arrivalsDoneSec = elapsedSec(start);
    while (sim.open > 0 && performance.now() < deadline) await sleep(50);
    sim.stop();
    await Promise.all(counters);
    const wallSeconds = elapsedSec(start);
    const cost = costBetween(redis0, await sampleRedis(stack.redis.url), stack.engine.cpuMs() - cpu0, wallSeconds, rec.all.length);
    await sleep(300);

    const left = sim.openByService();
    const perService: Record<string, ServiceWait> = {};
    for (const s of servicesOf(site)) {
      const w = sim.waits.get(s.id) ?? [];
      const sla = s.sla?.minutes ?? 0;
      perService[s.id] = {
        served: w.length,
        waitMinutes: summarize(w),
        withinSlaShare: w.length ? Math.round((w.filter((x) => x <= sla).length / w.length) * 1000) / 1000 : null,
        slaMinutes: sla,
        leftWaiting: left[s.id] ?? 0,
      };
    }
    const screens = callToScreen(crowd, callSentAt, () => displays);
    const callMs = summarize(screens.latencies);
    const result: ScenarioResult = {
      scenario: 'peak-hour',
      startedAt: new Date().toISOString(),
      small: ctx.small,
      wallSeconds,
      params,
      ...latencyFields(rec, kinds, wallSeconds),
      errors: sim.errors,
      tickets: { issued: sim.issued, finished: sim.done, calls: sim.calls, routeSteps: sim.routeSteps, leftOpen: sim.open, arrivalsDoneSec },
      perService,
      callToScreen: { displays, calls: screens.calls, missing: screens.missing, gaps: crowd.gaps, ms: callMs },
      engineRssMb: stack.engine.rssMb(),
      cost,
    };
    const lines = [
      `tickets issued ${sim.issued}, finished ${sim.done}, route steps ${sim.routeSteps}, left open ${sim.open}`,
      `call-to-screen (${displays} displays) ms p50 ${callMs.p50} p99 ${callMs.p99}, missing ${screens.missing}, seq gaps ${crowd.gaps}`,
      formatCost(cost),
      'per-service wait (simulated minutes): service served p50 p90 max within-SLA left',
      ...Object.entries(perService).map(
        ([id, s]) => `  ${id.padEnd(9)} ${String(s.served).padStart(4)} ${String(s.waitMinutes.p50).padStart(7)} ${String(s.waitMinutes.p90).padStart(7)} ${String(s.waitMinutes.max).padStart(7)} ${String(s.withinSlaShare ?? '-').padStart(6)} ${s.leftWaiting}`,
      ),
    ];
    return finish(ctx, result, `peak-hour: ${site.name}, ${plan.length} tickets, ${factor}x`, lines);
  } finally {
    crowd?.close();
    await stack.stop();
    copy.remove();
  }
}
