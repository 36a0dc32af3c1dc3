/**
 * What a live screen starts from and catches up with: the site's state at a seq (counters,
 * waiting counts, latest calls) and the events after a seq, as envelopes.
 */
import type { LoketEvent } from '../protocol/index.js';
import { toEnvelope } from '../store/event-codec.js';
import type { SiteState } from '../store/query-store.js';
import type { Deps } from './context.js';

export type { SiteState };

export class LiveState {
  constructor(private readonly d: Deps) {}

  state(siteId: string): Promise<SiteState> {
    return this.d.queries.siteState(this.d.sites.get(siteId));
  }

  /** Events with seq > sinceSeq, in order; null when the log no longer holds them all. */
  async eventsSince(siteId: string, sinceSeq: number): Promise<LoketEvent[] | null> {
    const site = this.d.sites.get(siteId);
    const stored = await this.d.queries.eventsSince(site.id, sinceSeq);
    return stored && stored.map((e) => toEnvelope(site, e));
  }
}
