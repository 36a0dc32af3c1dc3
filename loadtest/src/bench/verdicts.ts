/**
 * The bench's figures, each against its target (issue 5); over repeated runs,
 * each as its median and spread, judged on the median (issue 15); an SVG of the ratios.
 */
import type { Level } from '../lib/closed-loop.js';
import type { CycleResult } from './bullmq-cycle.js';
import type { FanoutOut } from './fanout-bench.js';
import type { MemoryAlone } from './memory-bench.js';
import { fmtSpread, meetsTarget, spread, type Spread } from './spread.js';

interface RampOut {
  levels: Level[];
  best: Level | null;
  p99LimitMs: number;
}

export interface Verdict {
  name: string;
  /** The measured ratio or figure. */
  value: number;
  target: string;
  met: boolean;
  text: string;
  /** Why it misses despite the ratio, when that is the case. */
  note?: string;
  /** Failures that make it miss whatever the value (missing deliveries). */
  blockers?: number;
}

/** A verdict over repeated runs: `value` is the median, judged against the target. */
export interface MedianVerdict extends Verdict {
  spread: Spread;
}

export interface BenchFigures {
  startedAt: string;
  small: boolean;
  wallSeconds: number;
  params: Record<string, unknown>;
  cycle: {
    bullmq: CycleResult;
    /** issue, callNext, start, finish: four scripts. */
    engine: CycleResult;
    /** issue, finishAndCallNext, start: three scripts (the verdict uses the faster of the two). */
    engineFused?: CycleResult;
    cost?: Partial<Record<'bullmq' | 'engine' | 'engineFused', { redisCpuMsPerCycle: number; redisCores: number }>>;
  };
  http: { noop: RampOut; engine: RampOut };
  fanout: { bare: FanoutOut; engine: FanoutOut };
  memory: { engineRssMb: number; sockets: number; redis: { tickets: number; bytes: number; bytesPerTicket: number }; alone?: MemoryAlone; bareAlone?: MemoryAlone };
  verdicts: Verdict[];
}

const r2 = (x: number): number => Math.round(x * 100) / 100;
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function verdicts(f: BenchFigures): Verdict[] {
  const out: Verdict[] = [];
  const fused = f.cycle.engineFused;
  const best = fused && fused.rate > f.cycle.engine.rate ? fused : f.cycle.engine;
  const cyc = best.rate / Math.max(1, f.cycle.bullmq.rate);
  out.push({
    name: '1. core cycle vs BullMQ',
    value: r2(cyc),
    target: '>= 1.5x',
    met: cyc >= 1.5,
    text: `engine ${best.rate} cycles/s${best === fused ? ' (finishAndCallNext)' : ''} / BullMQ ${f.cycle.bullmq.rate} cycles/s = ${r2(cyc)}x (target >= 1.5x); 4-script cycle ${f.cycle.engine.rate}/s${fused ? `, fused ${fused.rate}/s` : ''}`,
  });
  const e = f.http.engine.best?.rate ?? 0;
  const n = f.http.noop.best?.rate ?? 0;
  // No ratio when the baseline held no level within the p99 limit (the machine, not the engine):
  // NaN, which the median over runs leaves out, and a miss in this run.
  const hr = n > 0 ? e / n : Number.NaN;
  out.push({
    name: '2a. HTTP transitions/s at p99 <= 50 ms',
    value: e,
    target: '>= 3000/s',
    met: e >= 3000,
    text: `${e}/s at concurrency ${f.http.engine.best?.concurrency ?? '-'} (p99 ${f.http.engine.best?.latency.p99 ?? '-'} ms) (target >= 3000/s)`,
  });
  out.push({
    name: '2b. HTTP vs no-op express',
    value: r2(hr),
    target: '>= 0.5x',
    met: hr >= 0.5,
    ...(n > 0 ? {} : { note: 'the no-op route held no level within the p99 limit: no ratio' }),
    text: `engine ${e}/s / no-op ${n}/s = ${n > 0 ? `${r2(hr)}x` : 'no ratio'} (target >= 0.5x)`,
  });
  const fr = f.fanout.engine.ms.p99 / Math.max(0.001, f.fanout.bare.ms.p99);
  out.push({
    name: `3. call-to-screen p99, ${f.memory.sockets} displays`,
    value: r2(fr),
    target: '<= 1.5x',
    met: fr <= 1.5 && f.fanout.engine.missing === 0,
    blockers: f.fanout.engine.missing,
    ...(f.fanout.engine.missing > 0 ? { note: `${f.fanout.engine.missing} deliveries missing` } : {}),
    text: `engine p99 ${f.fanout.engine.ms.p99} ms (p50 ${f.fanout.engine.ms.p50}) / bare p99 ${f.fanout.bare.ms.p99} ms (p50 ${f.fanout.bare.ms.p50}) = ${r2(fr)}x (target <= 1.5x); missing ${f.fanout.engine.missing}`,
  });
  out.push({
    name: `4a. engine RSS with ${f.memory.sockets} sockets`,
    value: f.memory.engineRssMb,
    target: '<= 200 MB',
    met: f.memory.engineRssMb <= 200,
    text: `${f.memory.engineRssMb} MB (target <= 200 MB)`,
  });
  out.push({
    name: '4b. Redis bytes per finished ticket',
    value: f.memory.redis.bytesPerTicket,
    target: 'report',
    met: true,
    text: `${f.memory.redis.bytesPerTicket} bytes/ticket (${f.memory.redis.bytes} bytes / ${f.memory.redis.tickets} tickets, incl. event log)`,
  });
  const a = f.memory.alone;
  const b = f.memory.bareAlone;
  if (a) {
    out.push({
      name: '4c. engine memory per display socket, alone',
      value: a.rssKbPerSocket,
      target: 'report',
      met: true,
      text: `RSS ${a.rssKbPerSocket} kB/socket, heap after GC ${a.heapKbPerSocket} kB/socket (external ${a.externalKbPerSocket}); at ${a.maxSockets} sockets RSS ${a.rssMbAtMax} MB, heap ${a.heapUsedMbAtMax} MB; steps (heap/RSS) ${a.steps.map((s) => `${s.sockets}: ${s.heapUsedMb}/${s.rssMb} MB`).join(', ')}${b ? `; bare Socket.IO: RSS ${b.rssKbPerSocket} kB/socket, heap ${b.heapKbPerSocket} kB/socket, RSS at ${b.maxSockets} ${b.rssMbAtMax} MB` : ''}`,
    });
  }
  return out;
}

/**
 * The figures worth a median besides the verdicts (rates, p99s, CPU per request,
 * memory), flattened by name. NaN where a run has no value (e.g. no level held).
 */
export function keyFigures(f: BenchFigures): Record<string, number> {
  const best = (r: RampOut): Level | null => r.best;
  const e = best(f.http.engine);
  const n = best(f.http.noop);
  const a = f.memory.alone;
  const out: Record<string, number> = {
    'cycle.bullmq cycles/s': f.cycle.bullmq.rate,
    'cycle.engine cycles/s': f.cycle.engine.rate,
    'cycle.engine fused cycles/s': f.cycle.engineFused?.rate ?? Number.NaN,
    'http.engine transitions/s': e?.rate ?? 0,
    'http.engine concurrency at best': e?.concurrency ?? Number.NaN,
    'http.engine p99 ms at best': e?.latency.p99 ?? Number.NaN,
    'http.engine server CPU ms/request at best': e?.serverCpuMsPerRequest ?? Number.NaN,
    'http.noop requests/s': n?.rate ?? 0,
    'http.noop server CPU ms/request at best': n?.serverCpuMsPerRequest ?? Number.NaN,
    'fanout.engine p50 ms': f.fanout.engine.ms.p50,
    'fanout.engine p99 ms': f.fanout.engine.ms.p99,
    'fanout.bare p99 ms': f.fanout.bare.ms.p99,
    'fanout.engine missing': f.fanout.engine.missing,
    'memory.engine RSS MB before sockets (after HTTP bench)': f.fanout.engine.rssBeforeSocketsMb ?? Number.NaN,
    'memory.engine RSS MB with sockets (after HTTP bench)': f.memory.engineRssMb,
    'memory.bare server RSS MB with sockets': f.fanout.bare.rssMb,
    'memory.redis bytes/ticket': f.memory.redis.bytesPerTicket,
  };
  if (a) {
    for (const s of a.steps) {
      out[`memory alone: heap MB at ${s.sockets} sockets`] = s.heapUsedMb;
      out[`memory alone: RSS MB at ${s.sockets} sockets`] = s.rssMb;
    }
    out['memory alone: heap kB/socket'] = a.heapKbPerSocket;
    out['memory alone: RSS kB/socket'] = a.rssKbPerSocket;
  }
  const b = f.memory.bareAlone;
  if (b) {
    out['memory alone, bare Socket.IO: heap kB/socket'] = b.heapKbPerSocket;
    out['memory alone, bare Socket.IO: RSS kB/socket'] = b.rssKbPerSocket;
    out[`memory alone, bare Socket.IO: RSS MB at ${b.maxSockets} sockets`] = b.rssMbAtMax;
  }
  return out;
}

/** Every key figure over the runs: median and min-max. */
export function figureSpreads(runs: BenchFigures[]): Record<string, Spread> {
  const names = [...new Set(runs.flatMap((r) => Object.keys(keyFigures(r))))];
  const per = runs.map(keyFigures);
  return Object.fromEntries(names.map((k) => [k, spread(per.map((p) => p[k] ?? Number.NaN))]));
}

/**
 * The verdicts over repeated runs: each run's value (ratios taken within its
 * run), their median judged against the target, and the spread. Missing
 * deliveries make a verdict miss when the median run count of them is above 0.
 */
export function medianVerdicts(runs: BenchFigures[]): MedianVerdict[] {
  const first = runs[0]?.verdicts ?? [];
  return first.map((v0) => {
    const vs = runs.map((r) => r.verdicts.find((v) => v.name === v0.name)).filter((v): v is Verdict => v !== undefined);
    const s = spread(vs.map((v) => v.value));
    const blockers = spread(vs.map((v) => v.blockers ?? 0)).median;
    const met = (v0.target === 'report' || Number.isFinite(s.median)) && meetsTarget(v0.target, s.median) && !(blockers > 0);
    const missed = vs.filter((v) => !v.met).length;
    return {
      name: v0.name,
      value: s.median,
      target: v0.target,
      met,
      spread: s,
      ...(blockers > 0 ? { blockers, note: `median ${blockers} deliveries missing` } : {}),
      text: `median ${fmtSpread(s)} over ${vs.length} run${vs.length === 1 ? '' : 's'}${s.values.some((x) => !Number.isFinite(x)) ? ` (${s.values.filter((x) => !Number.isFinite(x)).length} without a value left out)` : ''} (target ${v0.target})${v0.target === 'report' ? '' : `; runs meeting it: ${vs.length - missed}/${vs.length}`}`,
    };
  });
}

/**
 * Horizontal bars: each measured value (the median over runs) as a share of its
 * target (1.0 = exactly on target); a whisker spans the runs' min-max.
 */
export function renderRatios(verdictList: (Verdict | MedianVerdict)[]): string {
  const rows = verdictList.filter((v) => v.target !== 'report');
  const goal = (v: Verdict): number => Number(/[\d.]+/.exec(v.target)?.[0] ?? 1);
  const lowerIsBetter = (v: Verdict): boolean => v.target.startsWith('<=');
  const W = 1000;
  const rowH = 44;
  const H = 70 + rows.length * rowH;
  const x0 = 300;
  const scale = 200; // px per 1.0 of target
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${W / 2}" y="22" font-size="16" text-anchor="middle">npm run bench: measured / target (median, whisker = min-max of the runs; line = target; green meets it)</text>`,
  ];
  const width = (v: Verdict, value: number): number => {
    const share = lowerIsBetter(v) ? goal(v) / Math.max(0.001, value) : value / goal(v);
    return Math.min(1.8 * scale, Math.max(2, share * scale));
  };
  rows.forEach((v, i) => {
    const y = 44 + i * rowH;
    const w = width(v, v.value);
    const s = 'spread' in v && v.spread.values.length > 1 ? v.spread : null;
    parts.push(`<text x="${x0 - 8}" y="${y + 18}" font-size="12" text-anchor="end">${esc(v.name)}</text>`);
    parts.push(`<rect x="${x0}" y="${y + 4}" width="${w}" height="22" fill="${v.met ? '#1b7837' : '#b2182b'}"/>`);
    let right = x0 + w;
    if (s) {
      const [a, b] = [width(v, s.min), width(v, s.max)].sort((p, q) => p - q) as [number, number];
      parts.push(`<line x1="${x0 + a}" x2="${x0 + b}" y1="${y + 15}" y2="${y + 15}" stroke="#000" stroke-width="2"/>`);
      parts.push(`<line x1="${x0 + a}" x2="${x0 + a}" y1="${y + 9}" y2="${y + 21}" stroke="#000"/><line x1="${x0 + b}" x2="${x0 + b}" y1="${y + 9}" y2="${y + 21}" stroke="#000"/>`);
      right = Math.max(right, x0 + b);
    }
    const label = s ? `median ${v.value} (${s.min}-${s.max}, ${s.values.length} runs)` : `${v.value}`;
    parts.push(`<text x="${right + 6}" y="${y + 20}" font-size="12">${esc(`${label} (target ${v.target})${v.note ? `; ${v.note}` : ''}`)}</text>`);
  });
  parts.push(`<line x1="${x0 + scale}" x2="${x0 + scale}" y1="36" y2="${H - 10}" stroke="#333" stroke-dasharray="4 3"/>`);
  parts.push('</svg>', '');
  return parts.join('\n');
}
