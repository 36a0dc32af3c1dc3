/** Turns recorded latencies into the common result fields, prints a summary, writes JSON + SVG. */
import { renderChart } from '../lib/chart.js';
import { writeResult } from '../lib/results.js';
import { summarize, type Recorder } from '../lib/stats.js';
import type { KindLatencies } from '../sim/mall-sim.js';
import type { ScenarioContext, ScenarioResult } from './common.js';

export function latencyFields(rec: Recorder, kinds: KindLatencies, seconds: number): Pick<ScenarioResult, 'latency' | 'latencyByKind' | 'throughput' | 'series'> {
  const byKind: ScenarioResult['latencyByKind'] = {};
  for (const [k, v] of kinds) byKind[k] = summarize(v);
  return {
    latency: summarize(rec.all),
    latencyByKind: byKind,
    throughput: Math.round((rec.all.length / Math.max(seconds, 0.001)) * 10) / 10,
    series: rec.series(),
  };
}

/** Writes results/<scenario>-<date>.json and .svg and prints the headline. */
export function finish(ctx: ScenarioContext, result: ScenarioResult, chartTitle: string, headline: string[]): ScenarioResult {
  const svg = renderChart(chartTitle, result.series);
  result.files = writeResult(result.scenario, result, svg, ctx.resultsDir);
  const l = result.latency;
  console.log(`\n== ${result.scenario}${result.small ? ' (small)' : ''}: ${result.wallSeconds} s ==`);
  console.log(`requests ok: ${l.count}, ${result.throughput}/s; latency ms p50 ${l.p50} p95 ${l.p95} p99 ${l.p99} max ${l.max}`);
  for (const [k, s] of Object.entries(result.latencyByKind)) console.log(`  ${k.padEnd(10)} n=${s.count} p50 ${s.p50} p95 ${s.p95} p99 ${s.p99}`);
  for (const line of headline) console.log(line);
  const errs = Object.entries(result.errors);
  console.log(errs.length ? `errors: ${errs.map(([k, v]) => `${k} x${v}`).join(', ')}` : 'errors: none');
  console.log(`results: ${result.files.json}\nchart:   ${result.files.svg ?? '-'}`);
  return result;
}
