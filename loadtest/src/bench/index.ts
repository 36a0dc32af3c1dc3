/**
 * `npm run bench`: the engine and its baselines side by side, in one run, on
 * one redis-server, each figure printed as a ratio against its target and
 * written to results/bench-<date>.json (+ an SVG of the ratios).
 *   1. core cycle in-process vs BullMQ (50 concurrent)
 *   2. HTTP transitions/s at p99 <= 50 ms vs a no-op express route
 *   3. call-to-screen p99 with 2,000 displays vs a bare Socket.IO broadcast
 *   4. engine RSS with those sockets, Redis bytes per finished ticket
 *   4c. engine memory per display socket, alone (fresh engine, GC'd heap and RSS
 *       at 0, 500, 1,000, 2,000 sockets; the slope in kB per socket)
 * The whole set runs `--runs` times (3 by default, 1 with --small), each run on
 * its own redis-server and engine; every figure is reported as its median and
 * spread (min-max), targets are judged on the median, the JSON keeps every run.
 * `--small` (or LOADTEST_SMALL=1): a seconds-long version for CI.
 * `--heap-snapshots <dir>`: heap snapshots of the memory bench's engine at its
 * first and last step (0 and 2,000 sockets), to compare in DevTools.
 */
import { cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { startRedis } from '../../../engine/test/support/redis-server.js';
import { isSmall, num, parseArgs } from '../lib/args.js';
import { ensureEngineBuilt, startEngine } from '../lib/engine-process.js';
import { writeResult } from '../lib/results.js';
import { writeSiteCopies } from '../lib/sites.js';
import { bullmqCycles, type CycleResult } from './bullmq-cycle.js';
import { engineCycles, engineCyclesFused, inProcessEngine, redisBytesPerTicket } from './engine-cycle.js';
import { bareFanout, engineFanout } from './fanout-bench.js';
import { engineRamp, noopRamp } from './http-bench.js';
import { bareMemoryPerSocket, memoryPerSocket } from './memory-bench.js';
import { fmtSpread, type Spread } from './spread.js';
import { figureSpreads, medianVerdicts, renderRatios, verdicts, type BenchFigures, type MedianVerdict } from './verdicts.js';

interface BenchParams {
  small: boolean;
  cycleSeconds: number;
  http: { levels: number[]; stepSeconds: number; p99LimitMs: number };
  fanout: { sockets: number; calls: number; intervalMs: number };
  ticketsForMemory: number;
  memorySteps: number[];
  heapSnapshotDir?: string;
}

/** What `npm run bench` writes: every run in full, and the medians. */
export interface BenchResult {
  startedAt: string;
  small: boolean;
  wallSeconds: number;
  params: Record<string, unknown>;
  /** Each run's figures and its own verdicts, in order. */
  runs: (BenchFigures & { loadavgAtEnd: number[] })[];
  /** Each key figure over the runs: median, min, max, values. */
  figures: Record<string, Spread>;
  /** Targets judged on the median over the runs. */
  verdicts: MedianVerdict[];
}

const la = (): number[] => loadavg().map((x) => Math.round(x * 100) / 100);

/** One run of the whole set, on its own redis-server and engine. */
async function runOnce(p: BenchParams, label: string): Promise<BenchFigures & { loadavgAtEnd: number[] }> {
  const { small, cycleSeconds, http, ticketsForMemory } = p;
  const fan = p.fanout;
  const startedAt = new Date().toISOString();
  const t0 = Date.now();
  const redis = await startRedis();
  // Sites 1-10: HTTP counters; 11: fanout; 12: memory; 13-14: in-process cycle; 15: memory per socket.
  const sites = writeSiteCopies(15);
  const ids = sites.ids;
  try {
    console.log(`${label}bench${small ? ' (small)' : ''} on redis ${redis.url}, load average ${la().join(' ')}`);
    console.log('1. core cycle, 50 concurrent: BullMQ add/take/complete ...');
    const bullmq = await bullmqCycles(redis.url, cycleSeconds);
    console.log(`   BullMQ ${bullmq.rate} cycles/s; engine issue/call-next/start/finish in-process ...`);
    const core = await inProcessEngine(redis.url, sites.dir);
    const engineCore = await engineCycles(core, ids.slice(12, 14), cycleSeconds);
    // Redis CPU per cycle (ms) over each side's measured window (after its warm-up, as its cycles are counted).
    const perCycle = (r: CycleResult): { redisCpuMsPerCycle: number; redisCores: number } => ({ redisCpuMsPerCycle: r.redisCpuMsPerCycle ?? Number.NaN, redisCores: r.redisCores ?? Number.NaN });
    console.log(`   engine ${engineCore.rate} cycles/s (4 scripts); with finishAndCallNext (3 scripts) ...`);
    const engineFused = await engineCyclesFused(core, ids.slice(12, 14), cycleSeconds);
    const cycleCost = { bullmq: perCycle(bullmq), engine: perCycle(engineCore), engineFused: perCycle(engineFused) };
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
    console.log(`4c. engine memory per display socket, alone (fresh engine, GC'd): ${p.memorySteps.join(', ')} sockets ...`);
    const alone = await memoryPerSocket({ redisUrl: redis.url, siteDir: sites.dir, siteId: ids[14] as string, steps: p.memorySteps, ...(p.heapSnapshotDir ? { heapSnapshotDir: p.heapSnapshotDir } : {}) });
    console.log(`   engine heap ${alone.heapKbPerSocket} kB/socket, RSS ${alone.rssKbPerSocket} kB/socket; RSS at ${alone.maxSockets} sockets ${alone.rssMbAtMax} MB; the bare Socket.IO server, same steps ...`);
    const bareAlone = await bareMemoryPerSocket({ steps: p.memorySteps });
    console.log(`   bare heap ${bareAlone.heapKbPerSocket} kB/socket, RSS ${bareAlone.rssKbPerSocket} kB/socket; RSS at ${bareAlone.maxSockets} sockets ${bareAlone.rssMbAtMax} MB`);
    const figures: BenchFigures = {
      startedAt,
      small,
      wallSeconds: Math.round((Date.now() - t0) / 100) / 10,
      params: {},
      cycle: { bullmq, engine: engineCore, engineFused, cost: cycleCost },
      http: { noop, engine: engineHttp },
      fanout: { bare, engine: engineFan },
      memory: { engineRssMb: engineFan.rssMb, sockets: fan.sockets, redis: memory, alone, bareAlone },
      verdicts: [],
    };
    figures.verdicts = verdicts(figures);
    for (const v of figures.verdicts) console.log(`   ${v.met ? 'meets ' : 'misses'} ${v.name}: ${v.text}`);
    return { ...figures, loadavgAtEnd: la() };
  } finally {
    sites.remove();
    await redis.stop();
  }
}

export async function runBench(argv: string[], resultsDir?: string): Promise<BenchResult & { files: { json: string; svg?: string } }> {
  const { flags } = parseArgs(argv);
  const small = isSmall(flags);
  const runs = num(flags, 'runs', small ? 1 : 3);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number >= 1, got ${runs}`);
  const p: BenchParams = {
    small,
    cycleSeconds: num(flags, 'cycle-seconds', small ? 2 : 5),
    http: { levels: small ? [4, 8] : [4, 8, 16, 32, 64, 128, 256], stepSeconds: num(flags, 'step', small ? 2 : 3), p99LimitMs: 50 },
    fanout: { sockets: num(flags, 'sockets', small ? 100 : 2000), calls: num(flags, 'calls', small ? 10 : 40), intervalMs: num(flags, 'interval', 200) },
    ticketsForMemory: num(flags, 'memory-tickets', small ? 300 : 2000),
    memorySteps: small ? [0, 20, 50] : [0, 500, 1000, 2000],
    ...(typeof flags['heap-snapshots'] === 'string' ? { heapSnapshotDir: flags['heap-snapshots'] } : {}),
  };
  const startedAt = new Date().toISOString();
  const t0 = Date.now();
  ensureEngineBuilt();
  const all: BenchResult['runs'] = [];
  for (let i = 0; i < runs; i++) all.push(await runOnce(p, runs > 1 ? `[run ${i + 1}/${runs}] ` : ''));
  const { heapSnapshotDir, ...params } = p;
  void heapSnapshotDir;
  const result: BenchResult = {
    startedAt,
    small,
    wallSeconds: Math.round((Date.now() - t0) / 100) / 10,
    params: { ...params, runs },
    runs: all,
    figures: figureSpreads(all),
    verdicts: medianVerdicts(all),
  };
  const files = writeResult('bench', result, renderRatios(result.verdicts), resultsDir);
  console.log(`\n== bench${small ? ' (small)' : ''}: ${runs} run${runs === 1 ? '' : 's'}, ${result.wallSeconds} s; median (min-max) ==`);
  const width = Math.max(...Object.keys(result.figures).map((k) => k.length));
  for (const [k, s] of Object.entries(result.figures)) console.log(`  ${k.padEnd(width)}  ${fmtSpread(s, 3)}`);
  console.log('');
  for (const v of result.verdicts) console.log(`${v.met ? 'MEETS ' : 'MISSES'} ${v.name}: ${v.text}${v.note ? `; ${v.note}` : ''}`);
  console.log(`load average at the end: ${la().join(' ')} (${cpus().length} cores)`);
  console.log(`results: ${files.json}\nchart:   ${files.svg ?? '-'}`);
  return { ...result, files };
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
