/**
 * Lobby-display sockets that survive an engine restart the way the web clients' live
 * controller does (web-common/src/live/live-controller.ts): Socket.IO reconnects by itself
 * with jittered back-off, then `resume {sinceSeq}` fetches what was missed; a seq gap asks
 * to resume; a snapshot arriving while a resume runs is held back (replayed events decide
 * first). Per socket it counts the events applied in order and the seqs it only saw
 * covered by a snapshot (missing events), and per restart round when it was live again.
 */
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, LoketEvent, ResumeAck, ServerToClientEvents, Snapshot } from '@loket/engine/protocol';

type DisplaySocket = Socket<ServerToClientEvents, ClientToServerEvents>;

interface Screen {
  socket: DisplaySocket;
  /** Highest seq applied in order (-1 before the first snapshot). */
  last: number;
  /** Seq of the first snapshot. */
  base: number;
  /** Events applied in order since the first snapshot. */
  applied: number;
  /** Seqs a snapshot skipped over (the state was right, the event not yet seen); removed when the event comes after all. */
  skipped: Set<number>;
  /** Events that came ahead of a missing one, kept until it arrives. */
  ahead: Map<number, true>;
  resuming: boolean;
  held: Snapshot | null;
  everConnected: boolean;
  /** performance.now() when it was last live again after losing its transport (0: not yet in this round). */
  liveAt: number;
  /** A socket lost its transport in the current round. */
  lost: boolean;
}

export interface StormCrowdOptions {
  url: string;
  token: string;
  count: number;
  /** Sockets opened at once. */
  batch?: number;
  connectTimeoutMs?: number;
}

export interface CrowdCounts {
  sockets: number;
  gapsSeen: number;
  resumes: number;
  resumeRefusals: number;
  snapshotsApplied: number;
  reconnects: number;
  disconnects: Record<string, number>;
}

export class StormCrowd {
  private readonly screens: Screen[] = [];
  private closing = false;
  readonly counts: CrowdCounts = { sockets: 0, gapsSeen: 0, resumes: 0, resumeRefusals: 0, snapshotsApplied: 0, reconnects: 0, disconnects: {} };

  constructor(private readonly o: StormCrowdOptions) {}

  /** Opens all sockets (in batches) and resolves when each has its first snapshot. */
  async connect(): Promise<void> {
    const batch = this.o.batch ?? 200;
    for (let i = 0; i < this.o.count; i += batch) {
      await Promise.all(Array.from({ length: Math.min(batch, this.o.count - i) }, () => this.open()));
    }
    this.counts.sockets = this.screens.length;
  }

  private open(): Promise<void> {
    const socket: DisplaySocket = io(`${this.o.url}/display`, {
      auth: { token: this.o.token },
      transports: ['websocket'],
      forceNew: true,
      // As the live controller: 500 ms doubling to 10 s, jittered by half.
      reconnectionDelay: 500,
      reconnectionDelayMax: 10_000,
      randomizationFactor: 0.5,
      timeout: this.o.connectTimeoutMs ?? 20_000,
    });
    const sc: Screen = { socket, last: -1, base: -1, applied: 0, skipped: new Set(), ahead: new Map(), resuming: false, held: null, everConnected: false, liveAt: 0, lost: false };
    this.screens.push(sc);
    socket.on('event', (e: LoketEvent) => this.onEvent(sc, e.seq));
    socket.on('snapshot', (s: Snapshot) => this.onSnapshot(sc, s));
    socket.on('disconnect', (reason: string) => {
      if (this.closing) return;
      this.counts.disconnects[reason] = (this.counts.disconnects[reason] ?? 0) + 1;
      sc.lost = true;
      sc.liveAt = 0;
      // A close by the server is not reconnected by Socket.IO: the controller reconnects itself.
      if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 500 + Math.random() * 500);
    });
    socket.on('connect_error', (err: Error & { data?: { code?: string } }) => {
      // A refused handshake (a limit, the store down) is not retried by Socket.IO either.
      if (err.data?.code && !this.closing) setTimeout(() => socket.connect(), 500 + Math.random() * 1000);
    });
    socket.on('connect', () => {
      if (!sc.everConnected) {
        sc.everConnected = true;
        return;
      }
      this.counts.reconnects++;
      this.resume(sc);
    });
    return new Promise((resolve, reject) => {
      const ms = this.o.connectTimeoutMs ?? 20_000;
      const t = setTimeout(() => reject(new Error(`display: no snapshot within ${ms} ms`)), ms);
      socket.once('snapshot', () => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  private onSnapshot(sc: Screen, s: Snapshot): void {
    if (sc.last < 0) {
      sc.last = sc.base = s.seq;
      this.drain(sc);
      return;
    }
    if (sc.resuming) {
      sc.held = s;
      return;
    }
    this.applySnapshot(sc, s);
  }

  private applySnapshot(sc: Screen, s: Snapshot): void {
    if (s.seq <= sc.last) return;
    this.counts.snapshotsApplied++;
    for (let q = sc.last + 1; q <= s.seq; q++) if (!sc.ahead.has(q)) sc.skipped.add(q);
    sc.last = s.seq;
    for (const k of sc.ahead.keys()) {
      if (k > sc.last) continue;
      sc.ahead.delete(k);
      sc.applied++;
    }
    this.drain(sc);
  }

  private onEvent(sc: Screen, seq: number): void {
    if (sc.last < 0) return;
    if (seq <= sc.last) {
      // A snapshot ran ahead of the live flow; the event came after all.
      if (sc.skipped.delete(seq)) sc.applied++;
      return;
    }
    if (seq === sc.last + 1) {
      sc.last = seq;
      sc.applied++;
      this.drain(sc);
      return;
    }
    sc.ahead.set(seq, true);
    if (!sc.resuming) {
      this.counts.gapsSeen++;
      this.resume(sc);
    }
  }

  private drain(sc: Screen): void {
    while (sc.ahead.delete(sc.last + 1)) {
      sc.last++;
      sc.applied++;
    }
  }

  private resume(sc: Screen, attempt = 0): void {
    if (this.closing || !sc.socket.connected) return;
    sc.resuming = true;
    this.counts.resumes++;
    let answered = false;
    const answer = (ack: ResumeAck | null): void => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      this.afterResume(sc, ack, attempt);
    };
    const timer = setTimeout(() => answer(null), 10_000);
    sc.socket.emit('resume', { sinceSeq: sc.last }, (ack: ResumeAck) => answer(ack));
  }

  private afterResume(sc: Screen, ack: ResumeAck | null, attempt: number): void {
      if (!ack || !ack.ok) {
        this.counts.resumeRefusals++;
        // Jittered back-off, as the controller; a reconnect in between resumes by itself.
        const cap = Math.min(10_000, 500 * 2 ** attempt);
        setTimeout(() => (sc.socket.connected ? this.resume(sc, attempt + 1) : undefined), cap / 2 + (Math.random() * cap) / 2);
        return;
      }
      sc.resuming = false;
      const held = sc.held;
      sc.held = null;
      // The replay decides: a held snapshot counts only when the server answered with one (a
      // replay too long); events after the replay come from the live room.
      if (held && ack.snapshotSent) this.applySnapshot(sc, held);
      if (sc.ahead.size) {
        this.counts.gapsSeen++;
        return this.resume(sc);
      }
      if (sc.lost && !sc.liveAt) sc.liveAt = performance.now();
  }

  /** Starts a restart round: every socket is expected to lose its transport and come back. */
  newRound(): void {
    for (const sc of this.screens) {
      sc.lost = false;
      sc.liveAt = 0;
    }
  }

  /** Sockets live again (reconnected and resumed) in this round. */
  liveAgain(): number {
    return this.screens.filter((sc) => sc.liveAt > 0).length;
  }

  /** Per socket, when it was live again in this round (performance.now(); 0 = not yet). */
  liveTimes(): number[] {
    return this.screens.map((sc) => sc.liveAt);
  }

  /** Sockets at `seq` with nothing held back. */
  at(seq: number): number {
    return this.screens.filter((sc) => sc.last === seq && !sc.resuming && sc.ahead.size === 0).length;
  }

  /** Events a socket never received as an event (its state came from a snapshot), summed over sockets. */
  missing(): number {
    return this.screens.reduce((a, sc) => a + sc.skipped.size, 0);
  }

  /** Sockets whose applied events do not account for every seq since their first snapshot (a gap left open). */
  withGaps(seq: number): number {
    return this.screens.filter((sc) => sc.applied + sc.skipped.size !== seq - sc.base || sc.last !== seq).length;
  }

  /** Up to `n` sockets not at `seq`: where they are (diagnostics). */
  behind(seq: number, n = 10): { last: number; connected: boolean; resuming: boolean; ahead: number }[] {
    return this.screens
      .filter((sc) => sc.last !== seq)
      .slice(0, n)
      .map((sc) => ({ last: sc.last, connected: sc.socket.connected, resuming: sc.resuming, ahead: sc.ahead.size }));
  }

  close(): void {
    this.closing = true;
    for (const sc of this.screens) sc.socket.disconnect();
  }
}
