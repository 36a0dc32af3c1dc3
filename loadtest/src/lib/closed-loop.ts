/**
 * Closed-loop ramp: `c` workers each send their next request as soon as the
 * last one returns; c rises level by level until the p99 of a level passes
 * the limit. Reports the rate each level held and the best one within it.
 */
import { performance } from 'node:perf_hooks';
import { Recorder, summarize, type Summary } from './stats.js';

/** Records one finished request; `transitions` is how many state changes it made (0 or 1). */
export type RecordFn = (ms: number, at: number, transitions: number, ok: boolean) => void;

/** One worker: runs requests while `active()`, recording each. */
export type Worker = (index: number, record: RecordFn, active: () => boolean) => Promise<void>;

export interface Level {
  concurrency: number;
  seconds: number;
  requests: number;
  errors: number;
  transitions: number;
  /** Transitions per second. */
  rate: number;
  latency: Summary;
  /** Server CPU time per request in this level (ms), when a CPU probe was given: robust on a shared machine. */
  serverCpuMsPerRequest?: number;
}

export interface RampResult {
  levels: Level[];
  /** The highest rate of a level whose p99 stayed within the limit (null if none did). */
  best: Level | null;
  p99LimitMs: number;
  recorder: Recorder;
}

export interface RampOptions {
  levels: number[];
  stepSeconds: number;
  p99LimitMs: number;
  /** Leading part of each level not measured (workers warming up), ms. */
  warmupMs?: number;
  /** Stop after this many failing levels in a row (default 1). */
  stopAfterFailures?: number;
  /** Run a failing level a second time before counting it (default true). */
  retryFailed?: boolean;
  /** CPU time used so far by the server under test (ms). */
  serverCpuMs?: () => number;
}

export async function ramp(o: RampOptions, worker: Worker): Promise<RampResult> {
  const all = new Recorder(performance.now());
  const levels: Level[] = [];
  const runLevel = async (c: number): Promise<Level> => {
    const lat: number[] = [];
    let errors = 0;
    let transitions = 0;
    let requests = 0;
    const t0 = performance.now();
    const measureFrom = t0 + (o.warmupMs ?? 500);
    const until = t0 + o.stepSeconds * 1000;
    let cpu0: number | undefined;
    const warm = setTimeout(() => (cpu0 = o.serverCpuMs?.()), Math.max(0, measureFrom - performance.now()));
    const active = (): boolean => performance.now() < until;
    const record: RecordFn = (ms, at, tr, ok) => {
      if (ok) all.add(ms, at);
      else all.error(at);
      if (at - ms < measureFrom) return;
      requests++;
      if (!ok) errors++;
      else lat.push(ms);
      transitions += tr;
    };
    await Promise.all(Array.from({ length: c }, (_, i) => worker(i, record, active)));
    clearTimeout(warm);
    const seconds = (until - measureFrom) / 1000;
    const level: Level = { concurrency: c, seconds, requests, errors, transitions, rate: Math.round(transitions / seconds), latency: summarize(lat) };
    if (o.serverCpuMs && cpu0 !== undefined && requests > 0) level.serverCpuMsPerRequest = Math.round(((o.serverCpuMs() - cpu0) / requests) * 1000) / 1000;
    const cpu = level.serverCpuMsPerRequest === undefined ? '' : `, server CPU ${level.serverCpuMsPerRequest} ms/request`;
    console.log(`  c=${String(c).padStart(4)}: ${String(level.rate).padStart(6)} transitions/s, p50 ${level.latency.p50} p99 ${level.latency.p99} ms, errors ${errors}${cpu}`);
    return level;
  };
  const passes = (l: Level): boolean => l.latency.p99 <= o.p99LimitMs && l.errors === 0;
  let failures = 0;
  for (const c of o.levels) {
    let level = await runLevel(c);
    // A shared machine has bursts: a level that fails is run once more before it counts.
    if (!passes(level) && o.retryFailed !== false) {
      console.log(`  c=${String(c).padStart(4)}: p99 over ${o.p99LimitMs} ms, once more`);
      level = await runLevel(c);
    }
    levels.push(level);
    if (passes(level)) failures = 0;
    else if (++failures >= (o.stopAfterFailures ?? 1)) break;
  }
  const within = levels.filter((l) => l.latency.p99 <= o.p99LimitMs && l.errors === 0);
  const best = within.reduce<Level | null>((a, l) => (a === null || l.rate > a.rate ? l : a), null);
  return { levels, best, p99LimitMs: o.p99LimitMs, recorder: all };
}
