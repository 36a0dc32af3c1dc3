/**
 * `national-scale`: the `national` scenario side by side in one run: 1 engine node on one
 * redis-server, then 3 engine nodes on a local Redis Cluster (3 primaries + 3 replicas),
 * alternating `--runs` times (default 3), same flags and seed. Prints the medians and the
 * ratio of throughputs (target >= 0.8x: on 2 cores, 3 nodes and 6 Redis processes share
 * the cores one node had), the per-node and per-shard costs the capacity model uses, and
 * the load average (the machine may be shared: the figures are noisy).
 */
import { loadavg } from 'node:os';
import { num, type Flags } from '../lib/args.js';
import { writeResult } from '../lib/results.js';
import type { ScenarioContext, ScenarioResult } from './common.js';
import { national } from './national.js';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const r2 = (x: number): number => Math.round(x * 100) / 100;

interface Cost {
  perRequest: { engineCpuMs: number; redisCpuMs: number };
  engineCores: number;
  redisCores: number;
}

export async function nationalScale(ctx: ScenarioContext): Promise<ScenarioResult> {
  const runs = num(ctx.flags, 'runs', ctx.small ? 1 : 3);
  const nodes = num(ctx.flags, 'nodes', 3);
  const shapes: { name: 'single' | 'cluster'; flags: Flags }[] = [
    { name: 'single', flags: { nodes: '1' } },
    { name: 'cluster', flags: { nodes: String(nodes), cluster: true } },
  ];
  const rows: Record<'single' | 'cluster', ScenarioResult[]> = { single: [], cluster: [] };
  const load: number[][] = [];
  for (let i = 0; i < runs; i++) {
    for (const s of shapes) {
      load.push(loadavg().map(r2));
      const res = await national({ ...ctx, flags: { ...ctx.flags, ...s.flags } });
      rows[s.name].push(res);
    }
  }
  const sum = (name: 'single' | 'cluster') => {
    const rs = rows[name];
    const cost = (r: ScenarioResult) => r.cost as Cost;
    const screens = (r: ScenarioResult) => (r.callToScreen as { ms: { p99: number }; missing: number; gaps: number });
    return {
      runs: rs.length,
      throughput: r2(median(rs.map((r) => r.throughput))),
      throughputs: rs.map((r) => r.throughput),
      p99Ms: r2(median(rs.map((r) => r.latency.p99))),
      callToScreenP99Ms: r2(median(rs.map((r) => screens(r).ms.p99))),
      missing: rs.reduce((a, r) => a + screens(r).missing, 0),
      gaps: rs.reduce((a, r) => a + screens(r).gaps, 0),
      errors: rs.reduce((a, r) => a + Object.values(r.errors).reduce((x, y) => x + y, 0), 0),
      engineCpuMsPerRequest: r2(median(rs.map((r) => cost(r).perRequest.engineCpuMs))),
      redisCpuMsPerRequest: r2(median(rs.map((r) => cost(r).perRequest.redisCpuMs))),
      engineCores: r2(median(rs.map((r) => cost(r).engineCores))),
      redisCores: r2(median(rs.map((r) => cost(r).redisCores))),
    };
  };
  const single = sum('single');
  const clustered = sum('cluster');
  const ratio = r2(clustered.throughput / Math.max(0.001, single.throughput));
  const first = rows.single[0]!;
  const result: ScenarioResult = {
    scenario: 'national-scale',
    startedAt: new Date().toISOString(),
    small: ctx.small,
    wallSeconds: [...rows.single, ...rows.cluster].reduce((a, r) => a + r.wallSeconds, 0),
    params: { ...first.params, runs, nodes },
    latency: first.latency,
    latencyByKind: {},
    throughput: clustered.throughput,
    errors: {},
    series: [],
    single,
    cluster: clustered,
    ratio,
    loadAverageAtEachRun: load,
  };
  result.files = writeResult('national-scale', result, undefined, ctx.resultsDir);
  const line = (name: string, s: ReturnType<typeof sum>) =>
    `${name.padEnd(28)} ${String(s.throughput).padStart(8)} req/s (runs ${s.throughputs.join(', ')}), p99 ${s.p99Ms} ms, call-to-screen p99 ${s.callToScreenP99Ms} ms, missing ${s.missing}, gaps ${s.gaps}, errors ${s.errors}; per request: engine ${s.engineCpuMsPerRequest} ms CPU, redis ${s.redisCpuMsPerRequest} ms CPU; engine ${s.engineCores} cores, redis ${s.redisCores} cores`;
  console.log(`\n== national-scale: ${runs} run(s) each, medians ==`);
  console.log(line('1 node, one redis-server', single));
  console.log(line(`${nodes} nodes, cluster 3+3`, clustered));
  console.log(`ratio ${ratio}x (target >= 0.8x); load average at each run start: ${load.map((l) => l.join('/')).join('  ')}`);
  console.log(`results: ${result.files.json}`);
  return result;
}
