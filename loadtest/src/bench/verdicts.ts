/** The bench's figures, each against its target (issue 5), and an SVG of the ratios. */
import type { Level } from '../lib/closed-loop.js';
import type { CycleResult } from './bullmq-cycle.js';
import type { FanoutOut } from './fanout-bench.js';

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
  memory: { engineRssMb: number; sockets: number; redis: { tickets: number; bytes: number; bytesPerTicket: number } };
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
  const hr = e / Math.max(1, n);
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
    text: `engine ${e}/s / no-op ${n}/s = ${r2(hr)}x (target >= 0.5x)`,
  });
  const fr = f.fanout.engine.ms.p99 / Math.max(0.001, f.fanout.bare.ms.p99);
  out.push({
    name: `3. call-to-screen p99, ${f.memory.sockets} displays`,
    value: r2(fr),
    target: '<= 1.5x',
    met: fr <= 1.5 && f.fanout.engine.missing === 0,
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
  return out;
}

/** Horizontal bars: each measured value as a share of its target (1.0 = exactly on target). */
export function renderRatios(f: BenchFigures): string {
  const rows = f.verdicts.filter((v) => v.target !== 'report');
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
    `<text x="${W / 2}" y="22" font-size="16" text-anchor="middle">npm run bench: measured / target (line = target; green meets it)</text>`,
  ];
  rows.forEach((v, i) => {
    const share = lowerIsBetter(v) ? goal(v) / Math.max(0.001, v.value) : v.value / goal(v);
    const y = 44 + i * rowH;
    const w = Math.min(1.8 * scale, Math.max(2, share * scale));
    parts.push(`<text x="${x0 - 8}" y="${y + 18}" font-size="12" text-anchor="end">${esc(v.name)}</text>`);
    parts.push(`<rect x="${x0}" y="${y + 4}" width="${w}" height="22" fill="${v.met ? '#1b7837' : '#b2182b'}"/>`);
    parts.push(`<text x="${x0 + w + 6}" y="${y + 20}" font-size="12">${esc(`${v.value} (target ${v.target})${v.note ? `; ${v.note}` : ''}`)}</text>`);
  });
  parts.push(`<line x1="${x0 + scale}" x2="${x0 + scale}" y1="36" y2="${H - 10}" stroke="#333" stroke-dasharray="4 3"/>`);
  parts.push('</svg>', '');
  return parts.join('\n');
}
