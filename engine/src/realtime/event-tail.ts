/**
 * Tails every site's event stream (a blocking read on a dedicated connection) and hands
 * each event, in seq order, to the listeners of this node. Keeps the last events per site
 * so a client catching up can be joined to the live flow without a gap.
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
  disconnect(): void;
}

export class EventTail {
  private last = new Map<string, number>();
  private readonly rings = new Map<string, LoketEvent[]>();
  private readonly listeners: EventListener[] = [];
  private before: ((siteId: string, events: readonly LoketEvent[]) => Promise<void>) | null = null;
  private running = false;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly source: EventSource,
    private readonly sites: readonly Site[],
    private readonly log: Logger,
    private readonly blockMs = 2000,
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
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.source.disconnect();
    await this.loop?.catch(() => undefined);
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
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
