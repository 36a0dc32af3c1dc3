/**
 * A/B of two engine builds under the HTTP bench's workload, alternated so that both see the
 * same machine: each round starts build A, then build B, on one redis-server, and runs the
 * transition loop (issue, call-next, start, finish) at one concurrency. Prints each round and
 * the median of the engine's CPU per request (from /proc: the steadier figure on a shared
 * machine), the rate and the p99.
 *
 * `--a-args=...` / `--b-args=...`: node flags for one side (e.g. the same build with and without a V8 flag; the `=` form, as the value starts with `--`).
 *
 *   npx tsx loadtest/src/bench/ab-http.ts --a /tmp/base/engine/dist/main.js [--b engine/dist/main.js] [--a-args "..."] [--b-args "..."] [--rounds 3] [--c 16] [--seconds 5]
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { startRedis } from '../../../engine/test/support/redis-server.js';
import { num, parseArgs } from '../lib/args.js';
import { ramp } from '../lib/closed-loop.js';
import { startEngine } from '../lib/engine-process.js';
import { HttpClient } from '../lib/http-client.js';
import { repoRoot } from '../lib/results.js';
import { writeSiteCopies } from '../lib/sites.js';
import { prepareDesks, transitionWorker } from '../scenarios/transition-worker.js';
import { fmtSpread, spread } from './spread.js';
import { runIfMain } from '../lib/cli-main.js';

async function main(): Promise<void> {
  const { flags } = parseArgs(process.argv.slice(2));
  if (typeof flags.a !== 'string' && typeof flags['a-args'] === 'string') flags.a = resolve(repoRoot, 'engine', 'dist', 'main.js');
  if (typeof flags.a !== 'string') throw new Error('--a <main.js of the baseline build> is required');
  const builds = { A: flags.a, B: typeof flags.b === 'string' ? flags.b : resolve(repoRoot, 'engine', 'dist', 'main.js') };
  const rounds = num(flags, 'rounds', 3);
  const c = num(flags, 'c', 16);
  const seconds = num(flags, 'seconds', 5);
  const rss: Record<'A' | 'B', number[]> = { A: [], B: [] };
  const redis = await startRedis();
  const sites = writeSiteCopies(10);
  const out: Record<'A' | 'B', { cpu: number[]; rate: number[]; p99: number[] }> = { A: { cpu: [], rate: [], p99: [] }, B: { cpu: [], rate: [], p99: [] } };
  try {
    for (let r = 0; r < rounds; r++) {
      for (const k of ['A', 'B'] as const) {
        const args = flags[`${k.toLowerCase()}-args`];
        const engine = await startEngine({ redisUrl: redis.url, siteFile: sites.dir, main: builds[k], ...(typeof args === 'string' ? { nodeArgs: args.split(' ').filter(Boolean) } : {}) });
        const http = new HttpClient(engine.url, c + 8);
        try {
          const desks = await prepareDesks(http, sites.ids, c);
          const res = await ramp({ levels: [c], stepSeconds: seconds, p99LimitMs: 1e9, retryFailed: false, serverCpuMs: engine.cpuMs }, transitionWorker(http, desks));
          const l = res.levels[0]!;
          out[k].cpu.push(l.serverCpuMsPerRequest ?? Number.NaN);
          rss[k].push(engine.rssMb());
          out[k].rate.push(l.rate);
          out[k].p99.push(l.latency.p99);
          console.log(`round ${r + 1} ${k}: ${l.rate} transitions/s, p99 ${l.latency.p99} ms, engine CPU ${l.serverCpuMsPerRequest} ms/request, load ${loadavg()[0]!.toFixed(2)}`);
        } finally {
          http.close();
          await engine.stop();
        }
      }
    }
  } finally {
    sites.remove();
    await redis.stop();
  }
  for (const k of ['A', 'B'] as const) {
    console.log(`${k} ${builds[k]}: CPU ms/request ${fmtSpread(spread(out[k].cpu), 3)}, transitions/s ${fmtSpread(spread(out[k].rate), 0)}, p99 ms ${fmtSpread(spread(out[k].p99), 1)} (median (min-max) of ${rounds})`);
  }
  console.log(`RSS at the end of each round, MB: A ${rss.A.join(', ')}; B ${rss.B.join(', ')}`);
  console.log(`B / A, engine CPU per request (medians): ${(spread(out.B.cpu).median / spread(out.A.cpu).median).toFixed(3)}`);
}

runIfMain(import.meta.url, main);
