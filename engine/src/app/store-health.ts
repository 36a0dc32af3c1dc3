/**
 * Whether the store still holds the sites this engine serves. A Redis that came back empty
 * (no persistence, a failover to an empty replica, a FLUSHALL) has lost the counters and the
 * settings the scripts read: without them nobody can be called. The engine reseeds them
 * (counters closed, settings from the site file) and the caller resets what it derived
 * from the old log (the event tail's position, the screens' state, the timers).
 */
import type { Deps } from './context.js';

export interface Reseeded {
  siteId: string;
  /** ISO 8601. */
  at: string;
}

export class StoreHealth {
  /** The last reseed of each site since start. */
  readonly reseeds = new Map<string, Reseeded>();

  constructor(private readonly d: Deps) {}

  /** Reseeds every site whose settings are missing from the store; returns their ids. */
  async reseedIfEmpty(): Promise<string[]> {
    const done: string[] = [];
    for (const site of this.d.sites.all()) {
      if (await this.d.tickets.isSeeded(site)) continue;
      await this.d.tickets.initCounters(site);
      this.reseeds.set(site.id, { siteId: site.id, at: new Date(this.d.clock.now()).toISOString() });
      done.push(site.id);
    }
    return done;
  }
}
