/**
 * Bench 2: HTTP transitions per second at p99 <= 50 ms (closed loop, rising
 * concurrency) on the engine, against a no-op express 5 route on the same
 * machine with the same body parsing: the floor of HTTP overhead.
 */
import { ramp, type RampResult } from '../lib/closed-loop.js';
import { HttpClient } from '../lib/http-client.js';
import { prepareDesks, transitionWorker } from '../scenarios/transition-worker.js';
import { startChildServer } from './child-server.js';

export interface HttpBench {
  levels: number[];
  stepSeconds: number;
  p99LimitMs: number;
}

/** Ramps the no-op route: every request is one "transition". */
export async function noopRamp(o: HttpBench): Promise<Omit<RampResult, 'recorder'>> {
  const server = await startChildServer('noop-server');
  const http = new HttpClient(server.url, Math.max(...o.levels) + 8);
  try {
    const r = await ramp({ levels: o.levels, stepSeconds: o.stepSeconds, p99LimitMs: o.p99LimitMs, serverCpuMs: server.cpuMs, stopAfterFailures: 2 }, async (_i, record, active) => {
      while (active()) {
        try {
          const res = await http.request('POST', '/noop', { body: { serviceId: 'ktp' } });
          record(res.ms, res.sentAt + res.ms, res.status === 200 ? 1 : 0, res.status === 200);
        } catch {
          record(0, performance.now(), 0, false);
        }
      }
    });
    return { levels: r.levels, best: r.best, p99LimitMs: r.p99LimitMs };
  } finally {
    http.close();
    await server.stop();
  }
}

/** Ramps the engine child at `url` with counters over `siteIds`. */
export async function engineRamp(url: string, siteIds: string[], o: HttpBench, serverCpuMs?: () => number): Promise<Omit<RampResult, 'recorder'>> {
  const top = Math.max(...o.levels);
  const http = new HttpClient(url, top + 8);
  try {
    const desks = await prepareDesks(http, siteIds, top);
    const r = await ramp({ levels: o.levels, stepSeconds: o.stepSeconds, p99LimitMs: o.p99LimitMs, stopAfterFailures: 2, ...(serverCpuMs ? { serverCpuMs } : {}) }, transitionWorker(http, desks));
    return { levels: r.levels, best: r.best, p99LimitMs: r.p99LimitMs };
  } finally {
    http.close();
  }
}
