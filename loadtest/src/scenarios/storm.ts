/**
 * `storm`: a reconnect storm. N lobby display sockets (default 2,000; `--small` 200) on one
 * engine process; a counter keeps calling; the engine is stopped with SIGTERM and later
 * killed with SIGKILL, each time restarted on the same port (same Redis) while the calls go
 * on. Every socket must reconnect, resume and reach the latest `seq` with no gap.
 * Reports per restart the time from the signal to each socket being live again
 * (p50/p99/max), the sockets converged, the events missing, and the engine's RSS and heap
 * (peak while it ran, and after a full GC once the storm is over).
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { startRedis } from '../../../engine/test/support/redis-server.js';
import { login, openCounter } from '../lib/accounts.js';
import { num } from '../lib/args.js';
import { ensureEngineBuilt, startEngine, type EngineProcess } from '../lib/engine-process.js';
import { HttpClient } from '../lib/http-client.js';
import { Recorder, summarize, type Summary } from '../lib/stats.js';
import { StormCrowd } from '../lib/storm-crowd.js';
import { displayToken, kioskToken, writeSiteCopies } from '../lib/sites.js';
import type { ScenarioContext, ScenarioResult } from './common.js';
import { finish } from './report.js';
import { startCallLoop } from './storm-calls.js';

const probe = fileURLToPath(new URL('../bench/memory-probe.cjs', import.meta.url));
const MB = 1024 * 1024;
const mb = (b: number): number => Math.round((b / MB) * 10) / 10;

interface Usage {
  rss: number;
  heapUsed: number;
}

export interface StormRound {
  signal: 'SIGTERM' | 'SIGKILL';
  /** How the old process ended, and how long it took after the signal (ms). */
  exit: { code: number | null; signal: string | null; ms: number };
  /** From the signal until the new engine answered /readyz (ms). */
  restartMs: number;
  /** From the signal until each socket was reconnected and resumed (ms). */
  convergeMs: Summary;
  converged: number;
}

export interface StormMemory {
  /** Per engine process: the highest RSS and heap used seen while it ran (MB, sampled every 250 ms). */
  peaks: { rssMb: number; heapUsedMb: number }[];
  /** After the storm, calls stopped and a full GC: the last engine's RSS and heap used (MB). */
  after: { rssMb: number; heapUsedMb: number };
  /** The first engine with its sockets connected, after a full GC, before any restart (MB). */
  before: { rssMb: number; heapUsedMb: number };
}

/** Samples one engine's memory until stopped; keeps the peaks. */
function sampleMemory(engine: EngineProcess): { stop(): { rssMb: number; heapUsedMb: number } } {
  let rss = 0;
  let heap = 0;
  const timer = setInterval(() => {
    try {
      rss = Math.max(rss, engine.rssMb());
    } catch {
      /* exited */
    }
    engine
      .ask<{ memory: Usage }>({ cmd: 'usage' }, 2000)
      .then((a) => (heap = Math.max(heap, a.memory.heapUsed)))
      .catch(() => undefined);
  }, 250);
  return {
    stop: () => {
      clearInterval(timer);
      return { rssMb: rss, heapUsedMb: mb(heap) };
    },
  };
}

async function gcUsage(engine: EngineProcess): Promise<{ rssMb: number; heapUsedMb: number }> {
  const a = await engine.ask<{ memory: Usage }>({ cmd: 'gc' });
  return { rssMb: mb(a.memory.rss), heapUsedMb: mb(a.memory.heapUsed) };
}

export async function storm(ctx: ScenarioContext): Promise<ScenarioResult> {
  const f = ctx.flags;
  const sockets = num(f, 'sockets', ctx.small ? 200 : 2000);
  const intervalMs = num(f, 'interval', 250);
  const convergeTimeoutMs = num(f, 'timeout', 60_000);
  const sites = writeSiteCopies(1);
  const siteId = sites.ids[0] as string;
  const params = { sockets, intervalMs, siteId, restarts: ['SIGTERM', 'SIGKILL'] };
  const redis = await startRedis();
  ensureEngineBuilt();
  const startNode = (port?: number): Promise<EngineProcess> =>
    startEngine({ redisUrl: redis.url, siteFile: sites.dir, nodeArgs: ['--expose-gc', '--require', probe], ipc: true, noBuild: true, ...(port ? { port } : {}) });
  let engine = await startNode();
  const port = engine.port;
  const http = new HttpClient(engine.url, 8);
  const seqOf = new Redis(redis.url);
  const latestSeq = async (): Promise<number> => Number((await seqOf.get(`loket:{${siteId}}:eventseq`)) ?? 0);
  const crowd = new StormCrowd({ url: engine.url, token: displayToken(siteId), count: sockets });
  const memory = sampleMemory(engine);
  const peaks: StormMemory['peaks'] = [];
  const rounds: StormRound[] = [];
  try {
    const staffToken = await login(http, 'staff-3', siteId);
    await openCounter(http, staffToken, siteId, '3');
    const t0 = performance.now();
    await crowd.connect();
    const connectSeconds = Math.round(performance.now() - t0) / 1000;
    const started = Date.now();
    const calls = startCallLoop({ http, siteId, counterId: '3', serviceId: 'ktp', kioskToken: kioskToken(siteId), staffToken, intervalMs });
    await sleep(2000);
    const before = await gcUsage(engine);
    const rec = new Recorder(t0);
    let sampler = memory;
    for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
      crowd.newRound();
      peaks.push(sampler.stop());
      const at = performance.now();
      const exit = await engine.kill(signal);
      const exitMs = Math.round(performance.now() - at);
      engine = await startNode(port);
      sampler = sampleMemory(engine);
      const restartMs = Math.round(performance.now() - at);
      const until = performance.now() + convergeTimeoutMs;
      while (crowd.liveAgain() < sockets && performance.now() < until) await sleep(100);
      const times = crowd.liveTimes().filter((t) => t > 0);
      for (const t of times) rec.add(t - at, t);
      rounds.push({ signal, exit: { ...exit, ms: exitMs }, restartMs, convergeMs: summarize(times.map((t) => Math.round(t - at))), converged: times.length });
      console.log(`${signal}: exited ${JSON.stringify(exit)} in ${exitMs} ms; engine ready again ${restartMs} ms after the signal; ${times.length}/${sockets} sockets live again`);
      if (times.length < sockets) break;
      await sleep(2000);
    }
    await calls.stop();
    const wallSeconds = (Date.now() - started) / 1000;
    const finalSeq = await latestSeq();
    const settle = performance.now() + 15_000;
    while (crowd.at(finalSeq) < sockets && performance.now() < settle) await sleep(100);
    const atLatest = crowd.at(finalSeq);
    const withGaps = crowd.withGaps(finalSeq);
    const missing = crowd.missing();
    peaks.push(sampler.stop());
    const after = await gcUsage(engine);
    const mem: StormMemory = { peaks, before, after };
    const allConverge = rounds.flatMap((r) => (r.convergeMs.count ? [r.convergeMs] : []));
    const worst = allConverge.reduce<Summary | null>((a, s) => (a && a.max >= s.max ? a : s), null);
    const result: ScenarioResult = {
      scenario: 'storm',
      startedAt: new Date(started).toISOString(),
      small: ctx.small,
      wallSeconds,
      params,
      latency: worst ?? summarize([]),
      latencyByKind: Object.fromEntries(rounds.map((r) => [`converge-${r.signal}`, r.convergeMs])),
      throughput: Math.round((calls.calls() / wallSeconds) * 10) / 10,
      errors: {
        ...(missing ? { 'missing events': missing } : {}),
        ...(withGaps ? { 'sockets with a gap': withGaps } : {}),
        ...(sockets - atLatest ? { 'sockets not at the latest seq': sockets - atLatest } : {}),
      },
      series: rec.series(),
      rounds,
      finalSeq,
      socketsAtLatest: atLatest,
      socketsWithGaps: withGaps,
      missingEvents: missing,
      behindSample: crowd.behind(finalSeq),
      crowd: crowd.counts,
      calls: calls.calls(),
      callRetries: calls.retries,
      connectSeconds,
      memory: mem,
    };
    const peakRss = Math.max(...peaks.map((p) => p.rssMb));
    const peakHeap = Math.max(...peaks.map((p) => p.heapUsedMb));
    return finish(ctx, result, `storm: ${sockets} displays, engine restarted twice`, [
      ...rounds.map(
        (r) =>
          `${r.signal}: old engine exited in ${r.exit.ms} ms (code ${r.exit.code}, signal ${r.exit.signal}); ready again after ${r.restartMs} ms; ${r.converged}/${sockets} live again; converge ms p50 ${r.convergeMs.p50} p99 ${r.convergeMs.p99} max ${r.convergeMs.max}`,
      ),
      `at the latest seq (${finalSeq}): ${atLatest}/${sockets}; sockets with a gap ${withGaps}; missing events ${missing}; ${calls.calls()} calls; resumes ${crowd.counts.resumes}, refused ${crowd.counts.resumeRefusals}, snapshots applied ${crowd.counts.snapshotsApplied}`,
      `engine memory MB: before (GC) rss ${before.rssMb} heap ${before.heapUsedMb}; peaks ${peaks.map((p) => `rss ${p.rssMb} heap ${p.heapUsedMb}`).join(' | ')}; after (GC) rss ${after.rssMb} heap ${after.heapUsedMb}; peak rss ${peakRss} heap ${peakHeap}`,
    ]);
  } finally {
    crowd.close();
    http.close();
    seqOf.disconnect();
    await engine.stop();
    await redis.stop();
    sites.remove();
  }
}
