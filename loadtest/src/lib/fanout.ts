/**
 * Call-to-screen measurement: `calls` times, one call (an HTTP request whose
 * send time is taken at the client) and its arrival at every display socket.
 * Used by the `fanout` scenario (engine) and the bench's bare broadcast.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { callToScreen, type DisplayCrowd } from './displays.js';
import { Recorder, summarize, type SeriesPoint, type Summary } from './stats.js';

export interface Call {
  /** callKey of the called ticket. */
  key: string;
  /** performance.now() when the calling request was sent. */
  sentAt: number;
}

export interface FanoutResult {
  sockets: number;
  calls: number;
  /** Deliveries expected (sockets x calls) and received. */
  expected: number;
  received: number;
  missing: number;
  gaps: number;
  /** Calls that did not reach every display, and sockets that dropped. */
  incompleteCalls: number;
  disconnects: Record<string, number>;
  /** Sockets that got no event at all (at most 20 listed), e.g. never joined to the live flow. */
  silentSockets: number;
  silentSample: ReturnType<DisplayCrowd['silent']>;
  ms: Summary;
  /** Deliveries per second and latency percentiles, bucketed by receipt time. */
  series: SeriesPoint[];
}

export async function measureFanout(crowd: DisplayCrowd, calls: number, intervalMs: number, call: () => Promise<Call | null>, settleMs = 5000): Promise<FanoutResult> {
  const start = performance.now();
  const sentAt = new Map<string, number>();
  for (let i = 0; i < calls; i++) {
    const c = await call();
    if (c) sentAt.set(c.key, c.sentAt);
    await sleep(intervalMs);
  }
  const expected = sentAt.size * crowd.sockets.length;
  const until = performance.now() + settleMs;
  const received = (): number => [...sentAt.keys()].reduce((a, k) => a + (crowd.calledAt.get(k)?.length ?? 0), 0);
  while (received() < expected && performance.now() < until) await sleep(50);
  const r = callToScreen(crowd, sentAt, () => crowd.sockets.length);
  const rec = new Recorder(start);
  for (const [k, sent] of sentAt) for (const at of crowd.calledAt.get(k) ?? []) rec.add(at - sent, at);
  return {
    sockets: crowd.sockets.length,
    calls: sentAt.size,
    expected,
    received: r.latencies.length,
    missing: r.missing,
    gaps: crowd.gaps,
    incompleteCalls: [...sentAt.keys()].filter((k) => (crowd.calledAt.get(k)?.length ?? 0) < crowd.sockets.length).length,
    disconnects: { ...crowd.disconnects },
    silentSockets: crowd.silent().length,
    silentSample: crowd.silent().slice(0, 20),
    ms: summarize(r.latencies),
    series: rec.series(),
  };
}
