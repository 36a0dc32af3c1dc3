/**
 * The sites' event streams as a source for the event tail: the last seq of each site and a
 * blocking read of what follows, decoded to protocol envelopes.
 */
import type { Redis } from 'ioredis';
import type { Site } from '../domain/site.js';
import type { LoketEvent } from '../protocol/index.js';
import { decodeEntry, toEnvelope } from './event-codec.js';
import { keys } from './keys.js';

export class EventLog {
  /** `conn` is used for blocking reads only: give it a connection of its own. */
  constructor(private readonly conn: Redis) {}

  async lastSeqs(sites: readonly Site[]): Promise<Map<string, number>> {
    const pipe = this.conn.pipeline();
    for (const s of sites) pipe.get(keys.eventSeq(s.id));
    const res = (await pipe.exec()) ?? [];
    return new Map(sites.map((s, i) => [s.id, Number(res[i]?.[1] ?? 0)]));
  }

  /** Events after each site's position, waiting up to `blockMs` for the first; null when none came. */
  async readAfter(sites: readonly Site[], after: ReadonlyMap<string, number>, blockMs: number): Promise<[Site, LoketEvent[]][] | null> {
    const streamKeys = sites.map((s) => keys.events(s.id));
    const from = sites.map((s) => `${after.get(s.id) ?? 0}-0`);
    const res = (await this.conn.xread('COUNT', 1000, 'BLOCK', blockMs, 'STREAMS', ...streamKeys, ...from)) as [string, [string, string[]][]][] | null;
    if (!res) return null;
    return res.map(([key, entries]) => {
      const site = sites[streamKeys.indexOf(key)]!;
      return [site, entries.map(([, fields]) => toEnvelope(site, decodeEntry(fields)))];
    });
  }

  disconnect(): void {
    this.conn.disconnect();
  }
}
