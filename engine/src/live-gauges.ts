/**
 * The gauges of /metrics that describe the present (sockets per namespace, waiting per
 * service, event-tail lag), read at each scrape from every engine node of this process
 * (one in production; tests may run several), so a scrape is exact and nothing samples in
 * between.
 */
import { Gauge, register } from 'prom-client';

export interface GaugeSource {
  /** Open sockets per namespace on this node. */
  socketCounts(): Record<string, number>;
  /** Events written to the log and not yet delivered by this node, per site. */
  lag(): Promise<Map<string, number>>;
  /** Waiting tickets per site, then per service. */
  waiting(): Promise<Map<string, Record<string, number>>>;
}

/** The running nodes of this process (server.ts adds each on start, removes it on close). */
export const gaugeSources = new Set<GaugeSource>();

/** Registers the gauges once per process. */
export function liveGauges(): void {
  if (register.getSingleMetric('loket_sockets')) return;
  new Gauge({
    name: 'loket_sockets',
    help: 'Open sockets per namespace',
    labelNames: ['namespace'],
    collect() {
      this.reset();
      const sum = new Map<string, number>();
      for (const src of gaugeSources) for (const [nsp, n] of Object.entries(src.socketCounts())) sum.set(nsp, (sum.get(nsp) ?? 0) + n);
      for (const [namespace, n] of sum) this.set({ namespace }, n);
    },
  });
  new Gauge({
    name: 'loket_event_tail_lag',
    help: 'Events written to the log and not yet delivered by this node, per site (the largest over nodes)',
    labelNames: ['site'],
    async collect() {
      this.reset();
      const worst = new Map<string, number>();
      for (const src of gaugeSources) {
        const lag = await src.lag().catch(() => null);
        for (const [site, n] of lag ?? []) worst.set(site, Math.max(worst.get(site) ?? 0, n));
      }
      for (const [site, n] of worst) this.set({ site }, n);
    },
  });
  new Gauge({
    name: 'loket_waiting',
    help: 'Tickets waiting, per site and service',
    labelNames: ['site', 'service'],
    async collect() {
      this.reset();
      const src = gaugeSources.values().next().value;
      if (!src) return;
      // Redis down: no samples rather than stale ones (loket_redis_up says why).
      const bySite = await src.waiting().catch(() => new Map<string, Record<string, number>>());
      for (const [site, services] of bySite) for (const [service, n] of Object.entries(services)) this.set({ site, service }, n);
    },
  });
}
