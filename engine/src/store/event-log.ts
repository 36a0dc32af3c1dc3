/**
 * The sites' event streams as a source for the event tail: the last seq of each site and a
 * read of what follows, decoded to protocol envelopes.
 *
 * One Redis: one blocking `XREAD` over every site's stream.
 *
 * Redis Cluster: a command's keys must share one slot (`CROSSSLOT` otherwise, even on the
 * same node), and each site has its own `{site}` slot, so no single read can cover a shard's
 * sites. Instead, per primary, one subscription to its keyspace notifications of stream
 * appends (`__keyevent@0__:xadd`, class `Et` of `notify-keyspace-events`, which the log sets
 * when it may) says which sites grew, and the tail reads just those (one `XREAD` each,
 * routed by slot, so MOVED/ASK and failovers are followed by the cluster client). The set of
 * primaries is checked every second and on every topology change: a promoted replica or a
 * new shard gets a subscription, and every (re)subscription, slot-map change and a periodic
 * sweep make the tail read every site once, since a notification is delivered at most once.
 */
import { Redis, type Cluster } from 'ioredis';
import type { Site } from '../domain/site.js';
import type { Logger } from '../logger.js';
import type { LoketEvent } from '../protocol/index.js';
import { decodeEntry, toEnvelope, type StoredEvent } from './event-codec.js';
import { keys } from './keys.js';
import { isCluster, type RedisConn } from '../redis-connection.js';

const XADD_CHANNEL = '__keyevent@0__:xadd';
/** Read every site this often anyway (cluster): a net under at-most-once notifications. */
const SWEEP_MS = 10_000;
/** Without notifications (a managed cluster that refuses CONFIG SET): read every site this often. */
const POLL_MS = 250;

/** Ids of sites whose streams grew, or 'all'. */
export type Wake = (siteIds: string[] | 'all') => void;

export class EventLog {
  private subscribers = new Map<string, Redis>();
  private timers: NodeJS.Timeout[] = [];
  private slotMap = '';
  private closed = false;
  private decoded: ((siteId: string, events: readonly StoredEvent[]) => void) | null = null;

  /** `conn` is used by the log only (blocking reads on one Redis): give it a connection of its own. */
  constructor(
    private readonly conn: RedisConn,
    private readonly log?: Logger,
  ) {}

  /** Also hands each read batch of a site's events, as stored, to `fn` (the report figures: store/report-store.ts `feed`). */
  onDecoded(fn: (siteId: string, events: readonly StoredEvent[]) => void): void {
    this.decoded = fn;
  }

  /** True when the sites' streams live on a cluster (the tail then reads on wake-ups, see `watch`). */
  get sharded(): boolean {
    return isCluster(this.conn);
  }

  async lastSeqs(sites: readonly Site[]): Promise<Map<string, number>> {
    const seqs = await Promise.all(sites.map((s) => this.conn.get(keys.eventSeq(s.id))));
    return new Map(sites.map((s, i) => [s.id, Number(seqs[i] ?? 0)]));
  }

  /**
   * Events after each site's position, decoded. One Redis: one `XREAD` waiting up to
   * `blockMs` for the first. Cluster: one `XREAD` per site, not blocking. Null when none came.
   */
  async readAfter(sites: readonly Site[], after: ReadonlyMap<string, number>, blockMs: number): Promise<[Site, LoketEvent[]][] | null> {
    const from = (s: Site) => `${after.get(s.id) ?? 0}-0`;
    type Reply = [string, [string, string[]][]][] | null;
    let res: Reply;
    if (isCluster(this.conn)) {
      const conn = this.conn;
      const each = await Promise.all(sites.map((s) => conn.xread('COUNT', 1000, 'STREAMS', keys.events(s.id), from(s)) as Promise<Reply>));
      res = each.flatMap((r) => r ?? []);
      if (!res.length) return null;
    } else {
      const streamKeys = sites.map((s) => keys.events(s.id));
      res = (await this.conn.xread('COUNT', 1000, 'BLOCK', blockMs, 'STREAMS', ...streamKeys, ...sites.map(from))) as Reply;
      if (!res) return null;
    }
    const byKey = new Map(sites.map((s) => [keys.events(s.id), s]));
    return res.map(([key, entries]) => {
      const site = byKey.get(key)!;
      const stored = entries.map(([, fields]) => decodeEntry(fields));
      this.decoded?.(site.id, stored);
      return [site, stored.map((e) => toEnvelope(site, e))];
    });
  }

  /**
   * Cluster: calls `wake` with the sites whose streams grew, per primary's notifications,
   * following failovers and slot moves (see the file's comment). One Redis: does nothing.
   */
  watch(sites: readonly Site[], wake: Wake): void {
    if (!isCluster(this.conn)) return;
    const cluster = this.conn;
    const siteOfKey = new Map(sites.map((s) => [keys.events(s.id), s.id]));
    const reconcile = () => {
      if (this.closed) return;
      const masters = new Map<string, { host: string; port: number }>();
      for (const n of cluster.nodes('master')) {
        const { host, port } = n.options;
        if (host && port) masters.set(`${host}:${port}`, { host, port });
      }
      for (const [addr, sub] of this.subscribers) {
        if (masters.has(addr)) continue;
        sub.disconnect();
        this.subscribers.delete(addr);
      }
      for (const [addr, node] of masters) {
        if (this.subscribers.has(addr)) continue;
        this.subscribers.set(addr, this.subscribe(cluster, node, siteOfKey, wake));
      }
      const map = slotSignature(cluster);
      if (map !== this.slotMap) {
        if (this.slotMap) this.log?.info({ primaries: [...masters.keys()] }, 'event log: cluster slots moved; reading every site');
        this.slotMap = map;
        wake('all');
      }
    };
    cluster.on('refresh', reconcile);
    cluster.on('+node', reconcile);
    cluster.on('-node', reconcile);
    reconcile();
    this.timers.push(setInterval(reconcile, 1000), setInterval(() => wake('all'), SWEEP_MS));
  }

  private subscribe(cluster: Cluster, node: { host: string; port: number }, siteOfKey: Map<string, string>, wake: Wake): Redis {
    const sub = new Redis({
      ...cluster.options.redisOptions,
      host: node.host,
      port: node.port,
      maxRetriesPerRequest: null,
      enableAutoPipelining: false,
      retryStrategy: (times) => Math.min(200 * times, 2000),
    });
    sub.on('error', () => undefined);
    let poll: NodeJS.Timeout | null = null;
    sub.on('ready', () => {
      void (async () => {
        const notifying = await ensureNotifications(node.port, sub, this.log);
        if (!notifying && !poll && !this.closed) {
          poll = setInterval(() => wake('all'), POLL_MS);
          this.timers.push(poll);
        }
        await sub.subscribe(XADD_CHANNEL);
        // Appends made while this subscription was down are read now.
        wake('all');
      })().catch(() => undefined);
    });
    sub.on('message', (_channel: string, key: string) => {
      const id = siteOfKey.get(key);
      if (id) wake([id]);
    });
    return sub;
  }

  disconnect(): void {
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    for (const s of this.subscribers.values()) s.disconnect();
    this.subscribers.clear();
    this.conn.disconnect();
  }
}

/** Turns on stream-append notifications on a node (`E` + `t`) if needed; false if it refuses. */
async function ensureNotifications(port: number, sub: Redis, log?: Logger): Promise<boolean> {
  // A subscribed connection takes no other command: ask through a short-lived twin.
  const c = sub.duplicate({ lazyConnect: false, maxRetriesPerRequest: 1 });
  c.on('error', () => undefined);
  try {
    const [, flags = ''] = (await c.config('GET', 'notify-keyspace-events')) as [string, string];
    const has = (f: string) => flags.includes(f);
    if (has('E') && (has('t') || has('A'))) return true;
    await c.config('SET', 'notify-keyspace-events', `${flags}${has('E') ? '' : 'E'}${has('t') || has('A') ? '' : 't'}`);
    return true;
  } catch (err) {
    log?.warn({ port, err: (err as Error).message }, 'event log: cannot turn on keyspace notifications (notify-keyspace-events Et); polling every site');
    return false;
  } finally {
    c.disconnect();
  }
}

/** Which primary serves each slot, compactly (runs of equal owners). */
function slotSignature(cluster: Cluster): string {
  const parts: string[] = [];
  let prev = '';
  const slots = cluster.slots as string[][];
  for (let i = 0; i < 16384; i++) {
    const owner = slots[i]?.[0] ?? '';
    if (owner !== prev) {
      parts.push(`${i}=${owner}`);
      prev = owner;
    }
  }
  return parts.join(',');
}
