/**
 * `max`: closed loop over HTTP, raising the number of busy counters level by
 * level until the p99 of a level passes 50 ms; reports the transition rate
 * (issue, call-next, start, finish per second) it held within that limit.
 */
import { num } from '../lib/args.js';
import { ramp } from '../lib/closed-loop.js';
import { costBetween, formatCost, sampleRedis } from '../lib/redis-stats.js';
import { writeSiteCopies } from '../lib/sites.js';
import { startStack, type ScenarioContext, type ScenarioResult } from './common.js';
import { finish } from './report.js';
import { prepareDesks, transitionWorker } from './transition-worker.js';

export const DEFAULT_LEVELS = [1, 2, 4, 8, 16, 32, 64, 128, 256];

export function levelsFrom(flag: string | true | undefined, small: boolean): number[] {
  if (typeof flag === 'string') return flag.split(',').map(Number).filter((n) => n > 0);
  return small ? [2, 4] : DEFAULT_LEVELS;
}

export async function max(ctx: ScenarioContext): Promise<ScenarioResult> {
  const f = ctx.flags;
  const levels = levelsFrom(f.levels, ctx.small);
  const stepSeconds = num(f, 'step', ctx.small ? 2 : 8);
  const p99LimitMs = num(f, 'p99', 50);
  const top = Math.max(...levels);
  const sites = writeSiteCopies(Math.ceil(top / 26));
  const params = { levels, stepSeconds, p99LimitMs, sites: sites.ids.length };
  const stack = await startStack(sites.dir, {}, top + 16);
  try {
    const desks = await prepareDesks(stack.http, sites.ids, top);
    const redis0 = await sampleRedis(stack.redis.url);
    const cpu0 = stack.engine.cpuMs();
    const started = Date.now();
    console.log(`max: ${desks.length} counters on ${sites.ids.length} sites, levels ${levels.join(',')}, ${stepSeconds} s each`);
    const r = await ramp({ levels, stepSeconds, p99LimitMs, warmupMs: ctx.small ? 200 : 1000, stopAfterFailures: ctx.small ? 1 : 2, serverCpuMs: stack.engine.cpuMs }, transitionWorker(stack.http, desks));
    const wallSeconds = (Date.now() - started) / 1000;
    const all = r.recorder;
    const cost = costBetween(redis0, await sampleRedis(stack.redis.url), stack.engine.cpuMs() - cpu0, wallSeconds, all.all.length);
    const result: ScenarioResult = {
      scenario: 'max',
      startedAt: new Date(started).toISOString(),
      small: ctx.small,
      wallSeconds,
      params,
      latency: r.best?.latency ?? r.levels[r.levels.length - 1]!.latency,
      latencyByKind: Object.fromEntries(r.levels.map((l) => [`c=${l.concurrency}`, l.latency])),
      throughput: r.best?.rate ?? 0,
      errors: Object.fromEntries(r.levels.filter((l) => l.errors > 0).map((l) => [`c=${l.concurrency}`, l.errors])),
      series: all.series(),
      levels: r.levels,
      best: r.best,
      engineRssMb: stack.engine.rssMb(),
      cost,
    };
    const b = r.best;
    return finish(ctx, result, `max: closed loop, p99 limit ${p99LimitMs} ms`, [
      formatCost(cost),
      `engine CPU per request by level (ms): ${r.levels.map((l) => `c=${l.concurrency}: ${l.serverCpuMsPerRequest ?? '-'}`).join(', ')}`,
      b ? `held ${b.rate} transitions/s at concurrency ${b.concurrency} with p99 ${b.latency.p99} ms (limit ${p99LimitMs})` : `no level kept p99 <= ${p99LimitMs} ms`,
    ]);
  } finally {
    await stack.stop();
    sites.remove();
  }
}
