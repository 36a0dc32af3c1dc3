/**
 * Snapshots for sockets that connect at once (a hall of screens after a power cut, or a
 * restart) share one read of the site's state for up to 250 ms. A cached state is as
 * good as a fresh one: every client is caught up from the snapshot's own seq.
 */
import type { Site } from '../domain/site.js';
import type { Engine } from '../engine.js';
import type { SiteState } from '../store/query-store.js';

const MAX_AGE_MS = 250;

export class SiteStateCache {
  private readonly entries = new Map<string, { at: number; state: Promise<SiteState> }>();

  constructor(private readonly engine: Engine) {}

  get(site: Site): Promise<SiteState> {
    const now = Date.now();
    const hit = this.entries.get(site.id);
    if (hit && now - hit.at < MAX_AGE_MS) return hit.state;
    const state = this.engine.queries.siteState(site);
    this.entries.set(site.id, { at: now, state });
    state.catch(() => this.entries.delete(site.id));
    return state;
  }
}
