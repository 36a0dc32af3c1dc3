/**
 * `npm run bench`: the engine and its baselines side by side, in one run, on
 * one redis-server, each figure printed as a ratio against its target and
 * written to results/bench-<date>.json (+ an SVG of the ratios).
 *   1. core cycle in-process vs BullMQ (50 concurrent)
 *   2. HTTP transitions/s at p99 <= 50 ms vs a no-op express route
 *   3. call-to-screen p99 with 2,000 displays vs a bare Socket.IO broadcast
 *   4. engine RSS with those sockets, Redis bytes per finished ticket
 * `--small` (or LOADTEST_SMALL=1): a seconds-long version for CI.
 */
import { pathToFileURL } from 'node:url';
import { startRedis } from '../../../engine/test/support/redis-server.js';
import { isSmall, num, parseArgs } from '../lib/args.js';
import { ensureEngineBuilt, startEngine } from '../lib/engine-process.js';
import { sampleRedis, type RedisSample } from '../lib/redis-stats.js';
import { writeResult } from '../lib/results.js';
import { writeSiteCopies } from '../lib/sites.js';
import { bullmqCycles } from './bullmq-cycle.js';
import { engineCycles, engineCyclesFused, inProcessEngine, redisBytesPerTicket } from './engine-cycle.js';
import { bareFanout, engineFanout } from './fanout-bench.js';
import { engineRamp, noopRamp } from './http-bench.js';
import { renderRatios, verdicts, type BenchFigures } from './verdicts.js';

export async function runBench(argv: string[], resultsDir?: string): Promise<BenchFigures & { files: { json: string; svg?: string } }> {
  const { flags } = parseArgs(argv);
  const small = isSmall(flags);
  const cycleSeconds = num(flags, 'cycle-seconds', small ? 2 : 10);
  const http = { levels: small ? [4, 8] : [2, 4, 8, 16, 32, 64, 128, 256], stepSeconds: num(flags, 'step', small ? 2 : 5), p99LimitMs: 50 };
  const fan = { sockets: num(flags, 'sockets', small ? 100 : 2000), calls: num(flags, 'calls', small ? 10 : 60), intervalMs: num(flags, 'interval', 200) };
  const ticketsForMemory = num(flags, 'memory-tickets', small ? 300 : 5000);
  const startedAt = new Date().toISOString();
  const t0 = Date.now();

  ensureEngineBuilt();
  const redis = await startRedis();
  // Sites 1-10: HTTP counters; 11: fanout; 12: memory; 13-14: in-process cycle.
  const sites = writeSiteCopies(14);
  const ids = sites.ids;
  try {
    console.log(`bench${small ? ' (small)' : ''} on redis ${redis.url}`);
    console.log('1. core cycle, 50 concurrent: BullMQ add/take/complete ...');
    const r0 = await sampleRedis(redis.url);
    const bullmq = await bullmqCycles(redis.url, cycleSeconds);
    const r1 = await sampleRedis(redis.url);
    console.log(`   BullMQ ${bullmq.rate} cycles/s; engine issue/call-next/start/finish in-process ...`);
    const core = await inProcessEngine(redis.url, sites.dir);
    const engineCore = await engineCycles(core, ids.slice(12, 14), cycleSeconds);
    const r2 = await sampleRedis(redis.url);
    // Redis CPU per cycle (ms), warm-up included on both sides: where a cycle's time goes.
    const perCycle = (a: RedisSample, b: RedisSample, cycles: number, secs: number): { redisCpuMsPerCycle: number; redisCores: number } => ({
      redisCpuMsPerCycle: Math.round(((b.cpuMs - a.cpuMs) / Math.max(1, cycles)) * 1000) / 1000,
      redisCores: Math.round(((b.cpuMs - a.cpuMs) / 1000 / secs) * 100) / 100,
    });
    console.log(`   engine ${engineCore.rate} cycles/s (4 scripts); with finishAndCallNext (3 scripts) ...`);
    const engineFused = await engineCyclesFused(core, ids.slice(12, 14), cycleSeconds);
    const r3 = await sampleRedis(redis.url);
    const cycleCost = {
      bullmq: perCycle(r0, r1, bullmq.cycles, bullmq.seconds + 1),
      engine: perCycle(r1, r2, engineCore.cycles, engineCore.seconds + 1),
      engineFused: perCycle(r2, r3, engineFused.cycles, engineFused.seconds + 1),
    };
    console.log(`   engine fused ${engineFused.rate} cycles/s`);
    console.log(
      `   CPU per cycle: BullMQ node ${bullmq.nodeCpuMsPerCycle} ms + Redis ${cycleCost.bullmq.redisCpuMsPerCycle} ms; engine node ${engineCore.nodeCpuMsPerCycle} + Redis ${cycleCost.engine.redisCpuMsPerCycle} ms; fused node ${engineFused.nodeCpuMsPerCycle} + Redis ${cycleCost.engineFused.redisCpuMsPerCycle} ms`,
    );
    console.log(`4b. Redis bytes per finished ticket (${ticketsForMemory} tickets) ...`);
    const memory = await redisBytesPerTicket(core, ids[11] as string, ticketsForMemory);
    core.close();
    console.log(`   ${memory.bytesPerTicket} bytes/ticket`);

    console.log('2. HTTP closed loop, p99 <= 50 ms: no-op express route ...');
    const noop = await noopRamp(http);
    const engine = await startEngine({ redisUrl: redis.url, siteFile: sites.dir });
    let engineHttp;
    let bare;
    let engineFan;
    try {
      console.log('   engine transitions (issue, call-next, start, finish) ...');
      engineHttp = await engineRamp(engine.url, ids.slice(0, 10), http, engine.cpuMs);
      console.log(`3. call-to-screen, ${fan.sockets} displays: bare Socket.IO broadcast ...`);
      bare = await bareFanout(fan);
      console.log(`   bare p50 ${bare.ms.p50} p99 ${bare.ms.p99} ms; engine ...`);
      engineFan = await engineFanout(engine.url, ids[10] as string, engine.rssMb, fan);
      console.log(`   engine p50 ${engineFan.ms.p50} p99 ${engineFan.ms.p99} ms, RSS ${engineFan.rssMb} MB`);
    } finally {
      await engine.stop();
    }
    const figures: BenchFigures = {
      startedAt,
      small,
      wallSeconds: Math.round((Date.now() - t0) / 100) / 10,
      params: { cycleSeconds, http, fanout: fan, ticketsForMemory },
      cycle: { bullmq, engine: engineCore, engineFused, cost: cycleCost },
      http: { noop, engine: engineHttp },
      fanout: { bare, engine: engineFan },
      memory: { engineRssMb: engineFan.rssMb, sockets: fan.sockets, redis: memory },
      verdicts: [],
    };
    figures.verdicts = verdicts(figures);
    const files = writeResult('bench', figures, renderRatios(figures), resultsDir);
    console.log(`\n== bench${small ? ' (small)' : ''}: ${figures.wallSeconds} s ==`);
    for (const v of figures.verdicts) console.log(`${v.met ? 'MEETS ' : 'MISSES'} ${v.name}: ${v.text}`);
    console.log(`results: ${files.json}\nchart:   ${files.svg ?? '-'}`);
    return { ...figures, files };
  } finally {
    sites.remove();
    await redis.stop();
  }
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const out = parseArgs(process.argv.slice(2)).flags.out;
  runBench(process.argv.slice(2), typeof out === 'string' ? out : undefined).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err instanceof Error ? err.stack ?? err.message : err);
      process.exit(1);
    },
  );
}
