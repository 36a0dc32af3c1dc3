/**
 * A crowd of lobby-display sockets (real socket.io-client, websocket only).
 * Records, per called ticket, when each display received its `ticket.called`
 * event (process clock), and checks every socket's `seq` stays gap-free.
 */
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, LoketEvent, ServerToClientEvents, Snapshot } from '@loket/engine/protocol';

/** One call of one ticket: a route ticket is called once per step. */
export function callKey(t: { id: string; routeIndex?: number }): string {
  return `${t.id}:${t.routeIndex ?? 0}`;
}

type DisplaySocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface DisplayCrowdOptions {
  url: string;
  /** Several engine nodes: each site's sockets spread over them (default: `url` only). */
  urls?: string[];
  /** Namespace, `/display` for the engine. */
  namespace?: string;
  /** The display token of a site. */
  tokenFor: (siteId: string) => string;
  /** Site of each socket, by index (round robin over the list). */
  siteIds: string[];
  count: number;
  /** Sockets opened at once. */
  batch?: number;
  connectTimeoutMs?: number;
}

export class DisplayCrowd {
  readonly sockets: DisplaySocket[] = [];
  /** callKey(ticket) -> receipt times (performance.now()) of its `ticket.called`, one per display. */
  readonly calledAt = new Map<string, number[]>();
  /** Events received in total, and seq gaps seen. */
  events = 0;
  gaps = 0;
  /** Sockets that disconnected before close(), by reason. */
  readonly disconnects: Record<string, number> = {};
  private closing = false;
  snapshots = 0;
  private readonly lastSeq: number[] = [];
  /** Per socket: the snapshot it got (site, seq) and how many events it received. */
  readonly snapshotOf: { site: string; seq: number }[] = [];
  readonly eventsOf: number[] = [];

  constructor(private readonly o: DisplayCrowdOptions) {}

  /** Opens all sockets (in batches) and resolves when each has its first snapshot. */
  async connect(): Promise<void> {
    const batch = this.o.batch ?? 200;
    for (let i = 0; i < this.o.count; i += batch) {
      const n = Math.min(batch, this.o.count - i);
      await Promise.all(Array.from({ length: n }, (_, k) => this.open(i + k)));
    }
  }

  private open(i: number): Promise<void> {
    const siteId = this.o.siteIds[i % this.o.siteIds.length] ?? '';
    const urls = this.o.urls?.length ? this.o.urls : [this.o.url];
    const url = urls[Math.floor(i / Math.max(1, this.o.siteIds.length)) % urls.length];
    const s: DisplaySocket = io(`${url}${this.o.namespace ?? '/display'}`, {
      auth: { token: this.o.tokenFor(siteId) },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: this.o.connectTimeoutMs ?? 20_000,
    });
    this.sockets.push(s);
    this.lastSeq[i] = -1;
    s.on('event', (e: LoketEvent) => this.onEvent(i, e));
    s.on('disconnect', (reason: string) => {
      if (!this.closing) this.disconnects[reason] = (this.disconnects[reason] ?? 0) + 1;
    });
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`display ${i}: no snapshot within ${this.o.connectTimeoutMs ?? 20_000} ms`)), this.o.connectTimeoutMs ?? 20_000);
      s.once('snapshot', (snap: Snapshot) => {
        clearTimeout(t);
        this.snapshots++;
        this.lastSeq[i] = snap.seq;
        this.snapshotOf[i] = { site: snap.site?.id ?? '', seq: snap.seq };
        resolve();
      });
      s.once('connect_error', (err: Error) => {
        clearTimeout(t);
        reject(new Error(`display ${i}: ${err.message}`));
      });
    });
  }

  private onEvent(i: number, e: LoketEvent): void {
    const now = performance.now();
    this.events++;
    this.eventsOf[i] = (this.eventsOf[i] ?? 0) + 1;
    const last = this.lastSeq[i] ?? -1;
    if (e.seq <= last) return;
    if (last >= 0 && e.seq !== last + 1) this.gaps++;
    this.lastSeq[i] = e.seq;
    if (e.type === 'ticket.called') {
      const key = callKey(e.ticket);
      const arr = this.calledAt.get(key);
      if (arr) arr.push(now);
      else this.calledAt.set(key, [now]);
    }
  }

  /** Sockets that received no event at all, with the snapshot each got (diagnostics). */
  silent(): { socket: number; expectedSite: string; snapshotSite: string; snapshotSeq: number; lastSeq: number }[] {
    return this.sockets
      .map((_, i) => i)
      .filter((i) => !this.eventsOf[i])
      .map((i) => ({
        socket: i,
        expectedSite: this.o.siteIds[i % this.o.siteIds.length] ?? '',
        snapshotSite: this.snapshotOf[i]?.site ?? '',
        snapshotSeq: this.snapshotOf[i]?.seq ?? -1,
        lastSeq: this.lastSeq[i] ?? -1,
      }));
  }

  close(): void {
    this.closing = true;
    for (const s of this.sockets) s.disconnect();
  }
}

/**
 * Call-to-screen latencies: for each call whose request was sent at
 * `sentAt.get(key)`, the delay to each display's receipt. Also counts calls
 * that some display never received.
 */
export function callToScreen(crowd: DisplayCrowd, sentAt: Map<string, number>, expectedPerCall: (key: string) => number): { latencies: number[]; missing: number; calls: number } {
  const latencies: number[] = [];
  let missing = 0;
  for (const [key, sent] of sentAt) {
    const got = crowd.calledAt.get(key) ?? [];
    for (const at of got) latencies.push(at - sent);
    missing += Math.max(0, expectedPerCall(key) - got.length);
  }
  return { latencies, missing, calls: sentAt.size };
}
