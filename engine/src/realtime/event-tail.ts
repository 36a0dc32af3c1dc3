/**
 * Tails every site's event stream and hands each event, in seq order, to the listeners of
 * this node. Keeps the last events per site so a client catching up can be joined to the
 * live flow without a gap. On one Redis: one blocking read over every site on a dedicated
 * connection. On a Redis Cluster (`source.sharded`): the source says which sites grew (per
 * shard, see store/event-log.ts) and the tail reads those, one read in flight at a time.
 */
import type { Site } from '../domain/site.js';
import type { Logger } from '../logger.js';
import type { LoketEvent } from '../protocol/index.js';

const RING = 256;

export type EventListener = (siteId: string, e: LoketEvent) => void;

/** Where the events come from (store/event-log.ts over Redis streams). */
export interface EventSource {
  lastSeqs(sites: readonly Site[]): Promise<Map<string, number>>;
  readAfter(sites: readonly Site[], after: ReadonlyMap<string, number>, blockMs: number): Promise<[Site, LoketEvent[]][] | null>;
  /** True when reads do not block and `watch` says which sites to read (a cluster). */
  readonly sharded: boolean;
  /** Calls `wake` with the ids of sites whose streams grew, or 'all' (sharded sources). */
  watch(sites: readonly Site[], wake: (siteIds: string[] | 'all') => void): void;
  disconnect(): void;
}

const BATCH = 1000;

export class EventTail {
  private last = new Map<string, number>();
  private readonly rings = new Map<string, LoketEvent[]>();
  private readonly listeners: EventListener[] = [];
  private before: ((siteId: string, events: readonly LoketEvent[]) => Promise<void>) | null = null;
  private running = false;
  private loop: Promise<void> | null = null;
  /** Sharded: sites to read next, or all of them. */
  private woken = new Set<string>();
  private wokeAll = false;
  private signal: (() => void) | null = null;

  constructor(
    private readonly source: EventSource,
    private readonly sites: readonly Site[],
    private readonly log: Logger,
    private readonly blockMs = 2000,
    /**
     * One Redis: the least time between the starts of two reads. Under a steady flow of events a
     * read returns at once with the one or two that came since the last; waiting this long
     * first lets a read take what a few ms bring, in one round trip (up to 2 ms more on an
     * event's way to the screens, only while events come faster than one per `minGapMs`: a
     * read that waited for its first event is followed at once).
     */
    private readonly minGapMs = 2,
  ) {}

  onEvent(l: EventListener): void {
    this.listeners.push(l);
  }

  /** Awaited before a batch of a site's events goes to the listeners (a new site definition is swapped in first). */
  beforeDelivery(fn: (siteId: string, events: readonly LoketEvent[]) => Promise<void>): void {
    this.before = fn;
  }

  /** Seq of the last event of a site delivered to the listeners. */
  delivered(siteId: string): number {
    return this.last.get(siteId) ?? 0;
  }

  /** Delivered events of a site with seq > since, in order (at most the last 256). */
  recent(siteId: string, since: number): LoketEvent[] {
    return (this.rings.get(siteId) ?? []).filter((e) => e.seq > since);
  }

  /**
   * The site's log started over (its store came back empty): forget the old position and
   * ring, and deliver the new log from its first event.
   */
  restart(siteId: string): void {
    this.last.set(siteId, 0);
    this.rings.delete(siteId);
  }

  /** How far behind the log the tail is, per site (metrics): the log's last seq (`heads`) minus the delivered one. */
  lagOf(heads: Map<string, number>): Map<string, number> {
    return new Map([...heads].map(([id, head]) => [id, Math.max(0, head - this.delivered(id))]));
  }

  async start(): Promise<void> {
    this.last = await this.source.lastSeqs(this.sites);
    this.running = true;
    if (this.source.sharded) {
      this.source.watch(this.sites, (ids) => this.wake(ids));
      this.loop = this.runSharded();
    } else {
      this.loop = this.run();
    }
  }

  private wake(ids: string[] | 'all'): void {
    if (ids === 'all') this.wokeAll = true;
    else for (const id of ids) this.woken.add(id);
    this.signal?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.signal?.();
    this.source.disconnect();
    await this.loop?.catch(() => undefined);
  }

  private async run(): Promise<void> {
    let startedAt = 0;
    while (this.running) {
      try {
        const wait = startedAt + this.minGapMs - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        startedAt = performance.now();
        const res = await this.source.readAfter(this.sites, this.last, this.blockMs);
        if (!res) continue;
        for (const [site, events] of res) {
          await this.before?.(site.id, events).catch((err: unknown) => this.log.warn({ err: (err as Error).message }, 'event tail: before delivery failed'));
          this.deliver(site.id, events);
        }
      } catch (err) {
        if (!this.running) return;
        this.log.warn({ err: (err as Error).message }, 'event tail: read failed; retrying');
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  /** Reads the sites woken since the last read; a site that filled a batch is read again. */
  private async runSharded(): Promise<void> {
    const byId = new Map(this.sites.map((s) => [s.id, s]));
    while (this.running) {
      if (!this.wokeAll && this.woken.size === 0) {
        await new Promise<void>((resolve) => {
          this.signal = resolve;
          setTimeout(resolve, this.blockMs);
        });
        this.signal = null;
        continue;
      }
      const all = this.wokeAll;
      const sites = all ? this.sites : [...this.woken].map((id) => byId.get(id)!).filter(Boolean);
      this.wokeAll = false;
      this.woken.clear();
      try {
        if (all) await this.rewindLost();
        const res = await this.source.readAfter(sites, this.last, 0);
        for (const [site, events] of res ?? []) {
          this.deliver(site.id, events);
          if (events.length >= BATCH) this.woken.add(site.id);
        }
      } catch (err) {
        if (!this.running) return;
        for (const s of sites) this.woken.add(s.id);
        this.log.warn({ err: (err as Error).message }, 'event tail: read failed; retrying');
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  /**
   * After a failover the promoted replica may lack the last events the old primary
   * acknowledged (replication is asynchronous); new events then reuse those seqs. Rewind
   * to the store's seq so that they are read and delivered.
   */
  private async rewindLost(): Promise<void> {
    const now = await this.source.lastSeqs(this.sites);
    for (const [id, seq] of now) {
      const had = this.last.get(id) ?? 0;
      if (seq >= had) continue;
      this.log.warn({ site: id, delivered: had, stored: seq }, 'event tail: the store lost events this node delivered (failover); rewinding');
      this.last.set(id, seq);
      const ring = this.rings.get(id);
      if (ring) this.rings.set(id, ring.filter((e) => e.seq <= seq));
    }
  }

  private deliver(siteId: string, events: LoketEvent[]): void {
    let ring = this.rings.get(siteId);
    if (!ring) this.rings.set(siteId, (ring = []));
    for (const e of events) {
      if (e.seq <= (this.last.get(siteId) ?? 0)) continue;
      this.last.set(siteId, e.seq);
      ring.push(e);
      if (ring.length > RING) ring.splice(0, ring.length - RING);
      for (const l of this.listeners) l(siteId, e);
    }
  }
}
