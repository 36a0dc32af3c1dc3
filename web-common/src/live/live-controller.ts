/**
 * The one live-socket controller of every web client (lobby, citizen status page, desk,
 * supervisor floor): a Lit reactive controller that owns one Socket.IO connection (opened
 * when the host connects, closed when it disconnects), hands the host the snapshot and each
 * event exactly once and in `seq` order, and never leaves it deaf:
 *
 * - a lost transport: Socket.IO reconnects by itself (jittered exponential back-off), then
 *   `resume {sinceSeq}` fetches what was missed;
 * - a seq gap: `resume`;
 * - a failed or unanswered resume: a fresh snapshot, asked again with back-off until one comes;
 * - the server closing the socket (`io server disconnect`), which Socket.IO does not retry:
 *   reconnect with back-off;
 * - a refused handshake: see `refusal.ts`. Only `UNAUTHENTICATED` and `FORBIDDEN` stop, and
 *   are reported in `refusal`; anything else is retried with back-off.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  HandshakeRefusalCode,
  LoketEvent,
  ResumeAck,
  ServerToClientEvents,
  Snapshot,
} from '@loket/engine/protocol';
import { noteServerTime } from '../server-clock.js';
import { ackWithin } from './ack.js';
import { Backoff, type BackoffOptions } from './backoff.js';
import { EventSequencer } from './event-sequencer.js';
import { judgeRefusal } from './refusal.js';

/** `refused`: the engine refused the credentials for good (see `refusal`). */
export type ConnectionState = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'refused';

export interface LiveOptions {
  /** `/display`, `/public`, `/counter`, `/supervisor`. */
  namespace: string;
  /** Engine origin; empty or absent = this page's origin. */
  origin?: () => string;
  /** Handshake token; the socket stays closed while it is empty. Read at each `open()`. */
  token: () => string | null;
  /** When given, the socket also waits for a site id and sends it along. */
  siteId?: () => string | null;
  onSnapshot: (s: Snapshot) => void;
  /** Called once per event, in seq order, never twice for one seq. */
  onEvent: (e: LoketEvent) => void;
  /** Back-off of every retry (reconnects, refused handshakes, snapshot requests). */
  retry?: BackoffOptions;
  /** How long to wait for the answer to `resume` or `snapshot`. */
  answerTimeoutMs?: number;
}

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export class LiveController implements ReactiveController {
  /** Connection state, for the host's status line. */
  state: ConnectionState = 'idle';
  /** The final refusal code while `state` is `refused`; null otherwise. */
  refusal: HandshakeRefusalCode | null = null;
  /** Handshake refusals retried since the last snapshot (a host may say "still trying"). */
  retries = 0;
  readonly seq = new EventSequencer();
  private socket: LiveSocket | null = null;
  private openedWith = '';
  private everConnected = false;
  private readonly backoff: Backoff;
  private readonly answerMs: number;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly opts: LiveOptions,
  ) {
    this.backoff = new Backoff(opts.retry);
    this.answerMs = opts.answerTimeoutMs ?? 5000;
    host.addController(this);
  }

  /** Whether the socket is connected right now. */
  get connected(): boolean {
    return this.state === 'live';
  }

  hostConnected(): void {
    this.open();
  }

  hostDisconnected(): void {
    this.close();
  }

  /** (Re)opens the socket, e.g. once the host learnt its token; a no-op when already open with the same token, site and origin. */
  open(): void {
    const token = this.opts.token() ?? '';
    const siteId = this.opts.siteId?.() ?? '';
    const origin = this.opts.origin?.() || globalThis.location?.origin || '';
    const key = `${origin} ${siteId} ${token}`;
    if (this.socket && key === this.openedWith) return;
    this.close();
    if (!token || (this.opts.siteId && !siteId)) return;
    this.openedWith = key;
    this.refusal = null;
    const socket: LiveSocket = io(origin + this.opts.namespace, {
      auth: siteId ? { token, siteId } : { token },
      ...(siteId ? { query: { site: siteId } } : {}),
      transports: ['websocket', 'polling'],
      reconnectionDelay: this.backoff.baseMs,
      reconnectionDelayMax: this.backoff.maxMs,
      randomizationFactor: 0.5,
    });
    this.socket = socket;
    this.setState('connecting');
    socket.on('connect', () => this.onConnect(socket));
    socket.on('disconnect', (reason) => this.onDisconnect(socket, reason));
    socket.on('connect_error', (err) => this.onConnectError(socket, err));
    socket.on('snapshot', (s) => this.offerSnapshot(s));
    socket.on('event', (e) => this._receive(e));
  }

  close(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    if (this.seq.resuming) this.seq.endResume(false);
    if (!this.socket) return;
    this.socket.removeAllListeners();
    this.socket.disconnect();
    this.socket = null;
    this.openedWith = '';
    this.everConnected = false;
    if (this.state !== 'refused') this.setState('idle');
  }

  private onConnect(socket: LiveSocket): void {
    if (socket !== this.socket) return;
    this.setState('live');
    if (this.everConnected) this.resume();
    this.everConnected = true;
    // The server sends a snapshot on every connect; should none come, ask for one.
    this.later(() => {
      if (!this.seq.ready) this.requestSnapshot(socket);
    }, this.answerMs);
  }

  private onDisconnect(socket: LiveSocket, reason: string): void {
    if (socket !== this.socket) return;
    this.setState(this.everConnected ? 'reconnecting' : 'connecting');
    // Socket.IO reconnects by itself after anything but a close by the server.
    if (reason === 'io server disconnect') this.retryLater(socket);
  }

  private onConnectError(socket: LiveSocket, err: Error): void {
    if (socket !== this.socket) return;
    // Still `active`: a transport failure the Manager retries with its own back-off.
    if (socket.active) {
      this.setState(this.everConnected ? 'reconnecting' : 'connecting');
      return;
    }
    const verdict = judgeRefusal(err);
    if (verdict.stop) {
      this.refusal = verdict.code;
      this.setState('refused');
      return;
    }
    this.retries++;
    this.setState(this.everConnected ? 'reconnecting' : 'connecting');
    this.retryLater(socket);
  }

  /** Connects `socket` again after the next back-off delay (once, however often asked meanwhile). */
  private retryLater(socket: LiveSocket): void {
    if (this.retryTimer !== undefined) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (socket === this.socket && !socket.connected && !socket.active) socket.connect();
    }, this.backoff.next());
  }

  private offerSnapshot(s: Snapshot): void {
    if (this.seq.onSnapshot(s)) this.applySnapshot(s);
  }

  private applySnapshot(s: Snapshot): void {
    this.backoff.reset();
    this.retries = 0;
    this.opts.onSnapshot(s);
    this.host.requestUpdate();
  }

  /** Every event passes here (tests may wrap it to drop one, as a lost packet would). */
  _receive(e: LoketEvent): void {
    noteServerTime(e.at);
    const verdict = this.seq.onEvent(e);
    if (verdict === 'apply') this.opts.onEvent(e);
    else if (verdict === 'gap') this.resume();
  }

  /** Asks for everything after the last applied seq; repeats while still behind. */
  private resume(): void {
    const socket = this.socket;
    if (!socket?.connected) return;
    const sinceSeq = this.seq.beginResume();
    if (sinceSeq === null) return;
    ackWithin<ResumeAck>(this.answerMs, (ack) => socket.emit('resume', { sinceSeq }, ack)).then(
      (ack) => this.afterResume(socket, ack),
      () => this.afterResume(socket, null),
    );
  }

  private afterResume(socket: LiveSocket, ack: ResumeAck | null): void {
    const held = this.seq.endResume(Boolean(ack?.snapshotSent));
    if (socket !== this.socket) return;
    if (held) this.applySnapshot(held);
    if (!ack?.ok) this.requestSnapshot(socket);
    else if (this.seq.behind()) this.resume();
  }

  /**
   * No usable resume: a fresh snapshot puts the client back on track. Asked again with
   * back-off until one comes; a reconnect in between resumes by itself.
   */
  private requestSnapshot(socket: LiveSocket): void {
    if (socket !== this.socket || !socket.connected) return;
    ackWithin<Snapshot>(this.answerMs, (ack) => socket.emit('snapshot', ack)).then(
      (s) => {
        if (socket !== this.socket) return;
        this.offerSnapshot(s);
        if (this.seq.behind()) this.resume();
      },
      () => this.later(() => this.requestSnapshot(socket), this.backoff.next()),
    );
  }

  private later(fn: () => void, ms: number): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  private setState(s: ConnectionState): void {
    if (this.state === s) return;
    this.state = s;
    this.host.requestUpdate();
  }
}
