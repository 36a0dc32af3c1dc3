/**
 * Snapshots for sockets that connect at once (a hall of screens after a power cut, or a
 * restart) share one read of the site's state for up to 250 ms. A cached state is as
 * good as a fresh one: every client is caught up from the snapshot's own seq.
 */
import type { LiveState, SiteState } from '../app/live-state.js';

const MAX_AGE_MS = 250;

export class SiteStateCache {
  private readonly entries = new Map<string, { at: number; state: Promise<SiteState> }>();

  constructor(private readonly live: LiveState) {}

  get(siteId: string): Promise<SiteState> {
    const now = Date.now();
    const hit = this.entries.get(siteId);
    if (hit && now - hit.at < MAX_AGE_MS) return hit.state;
    const state = this.live.state(siteId);
    this.entries.set(siteId, { at: now, state });
    state.catch(() => this.entries.delete(siteId));
    return state;
  }

  /** Forgets the shared state of a site: the log no longer continues from it (the store moved on, or was reset). */
  drop(siteId: string): void {
    this.entries.delete(siteId);
  }
}
