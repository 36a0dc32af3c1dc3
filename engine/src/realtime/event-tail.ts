/**
 * Tails every site's event stream (XREAD BLOCK on a dedicated connection) and hands each
 * event, in seq order, to the listeners of this node. Keeps the last events per site so a
 * client catching up can be joined to the live flow without a gap.
 */
import type { Redis } from 'ioredis';
import type { Site } from '../domain/site.js';
import type { Logger } from '../logger.js';
import type { LoketEvent } from '../protocol/index.js';
import { decodeEntry, toEnvelope } from '../store/event-codec.js';
import { keys } from '../store/keys.js';

const RING = 256;

export type EventListener = (siteId: string, e: LoketEvent) => void;

export class EventTail {
  private readonly last = new Map<string, number>();
  private readonly rings = new Map<string, LoketEvent[]>();
  private readonly listeners: EventListener[] = [];
  private running = false;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly conn: Redis,
    private readonly sites: Map<string, Site>,
    private readonly log: Logger,
    private readonly blockMs = 2000,
  ) {}

  onEvent(l: EventListener): void {
    this.listeners.push(l);
  }

  /** Seq of the last event of a site delivered to the listeners. */
  delivered(siteId: string): number {
    return this.last.get(siteId) ?? 0;
  }

  /** Delivered events of a site with seq > since, in order (at most the last 256). */
  recent(siteId: string, since: number): LoketEvent[] {
    return (this.rings.get(siteId) ?? []).filter((e) => e.seq > since);
  }

  async start(): Promise<void> {
    const ids = [...this.sites.keys()];
    const pipe = this.conn.pipeline();
    for (const id of ids) pipe.get(keys.eventSeq(id));
    const res = (await pipe.exec()) ?? [];
    ids.forEach((id, i) => this.last.set(id, Number(res[i]?.[1] ?? 0)));
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.conn.disconnect();
    await this.loop?.catch(() => undefined);
  }

  private async run(): Promise<void> {
    const ids = [...this.sites.keys()];
    const streamKeys = ids.map((id) => keys.events(id));
    while (this.running) {
      try {
        const from = ids.map((id) => `${this.last.get(id) ?? 0}-0`);
        const res = (await this.conn.xread('COUNT', 1000, 'BLOCK', this.blockMs, 'STREAMS', ...streamKeys, ...from)) as [string, [string, string[]][]][] | null;
        if (!res) continue;
        for (const [key, entries] of res) {
          const siteId = ids[streamKeys.indexOf(key)]!;
          this.deliver(siteId, entries);
        }
      } catch (err) {
        if (!this.running) return;
        this.log.warn({ err: (err as Error).message }, 'event tail: read failed; retrying');
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  private deliver(siteId: string, entries: [string, string[]][]): void {
    const site = this.sites.get(siteId)!;
    let ring = this.rings.get(siteId);
    if (!ring) this.rings.set(siteId, (ring = []));
    for (const [, fields] of entries) {
      const stored = decodeEntry(fields);
      const last = this.last.get(siteId) ?? 0;
      if (stored.seq <= last) continue;
      const e = toEnvelope(site, stored);
      this.last.set(siteId, e.seq);
      ring.push(e);
      if (ring.length > RING) ring.splice(0, ring.length - RING);
      for (const l of this.listeners) l(siteId, e);
    }
  }
}
