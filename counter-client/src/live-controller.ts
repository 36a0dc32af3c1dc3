/**
 * A Lit ReactiveController that owns one Socket.IO connection: it opens when
 * the host connects, closes when the host disconnects, hands the host the
 * snapshot and each event exactly once and in order, and catches up after a
 * reconnect or a seq gap with `resume {sinceSeq}`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, LoketEvent, ResumeAck, ServerToClientEvents, Snapshot } from '@loket/engine/protocol';
import { SeqTracker } from '@loket/web-common/seq-tracker';
import { t } from './i18n/i18n.js';
import { noteServerTime } from './server-clock.js';

export interface LiveOptions {
  namespace: '/counter' | '/supervisor';
  /** Read at each (re)connect, so a new login is picked up. */
  token: () => string | null;
  siteId: () => string | null;
  onSnapshot: (s: Snapshot) => void;
  onEvent: (e: LoketEvent) => void;
}

const RESUME_TIMEOUT_MS = 5000;
const RETRY_AFTER_REFUSAL_MS = 2000;

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export class LiveController implements ReactiveController {
  /** Whether the socket is connected right now. */
  connected = false;
  /** Error code when the engine refused the handshake (`UNAUTHENTICATED`, `FORBIDDEN`); null otherwise. */
  refusal: string | null = null;
  /** Whether the first snapshot arrived. */
  ready = false;
  readonly seq = new SeqTracker();
  private _socket: LiveSocket | null = null;
  private _resuming = false;
  private _everConnected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly opts: LiveOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.open();
  }

  hostDisconnected(): void {
    this.close();
  }

  /** Opens the socket if a token and site are known (called again after login). */
  open(): void {
    if (this._socket || !this.opts.token() || !this.opts.siteId()) return;
    const socket: LiveSocket = io(this.opts.namespace, {
      auth: (cb) => cb({ token: this.opts.token(), siteId: this.opts.siteId() }),
      query: { site: this.opts.siteId() ?? '' },
      reconnectionDelay: 500,
      reconnectionDelayMax: 3000,
    });
    socket.on('connect', () => {
      this.refusal = null;
      this._setConnected(true);
      if (this._everConnected && this.seq.ready) this._resume();
      this._everConnected = true;
    });
    socket.on('disconnect', () => this._setConnected(false));
    socket.on('connect_error', (err) => this._onConnectError(socket, err));
    socket.on('snapshot', (s) => {
      this.seq.reset(s.seq);
      this.ready = true;
      this.opts.onSnapshot(s);
      this.host.requestUpdate();
    });
    socket.on('event', (e) => this._receive(e));
    this._socket = socket;
  }

  close(): void {
    this._socket?.removeAllListeners();
    this._socket?.disconnect();
    this._socket = null;
    this._resuming = false;
    this._setConnected(false);
  }

  /**
   * Socket.IO does not retry after a refusal by the server's middleware. A
   * refused token or role stays refused (shown to the user); anything else
   * (the store briefly unavailable during a restart) is retried.
   */
  private _onConnectError(socket: LiveSocket, err: Error): void {
    this._setConnected(false);
    if (socket.active || socket !== this._socket) return;
    const code = (err as Error & { data?: { code?: unknown } }).data?.code;
    if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') {
      this.refusal = code;
      this.host.requestUpdate();
      return;
    }
    setTimeout(() => {
      if (socket === this._socket && !socket.connected) socket.connect();
    }, RETRY_AFTER_REFUSAL_MS);
  }

  private _setConnected(on: boolean): void {
    if (this.connected === on) return;
    this.connected = on;
    this.host.requestUpdate();
  }

  private _receive(e: LoketEvent): void {
    noteServerTime(e.at);
    const verdict = this.seq.offer(e.seq);
    if (verdict === 'stale') return;
    if (verdict === 'gap') {
      if (this.seq.ready) this._resume();
      return;
    }
    this.opts.onEvent(e);
  }

  /** Asks for everything after `lastSeq`; repeats while still behind. */
  private _resume(): void {
    const socket = this._socket;
    if (!socket || this._resuming) return;
    this._resuming = true;
    let answered = false;
    const done = (ack: ResumeAck | null): void => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      this._resuming = false;
      if (socket !== this._socket) return;
      if (!ack?.ok) {
        // No usable answer: a fresh snapshot puts us back on track.
        socket.emit('snapshot');
        return;
      }
      if (this.seq.behind()) this._resume();
    };
    // Own timer instead of socket.timeout(): its typing does not fit an optional ack.
    const timer = setTimeout(() => done(null), RESUME_TIMEOUT_MS);
    socket.emit('resume', { sinceSeq: this.seq.lastSeq }, (ack) => done(ack));
  }
}

/** The connection line of a live page, in words. */
export function connectionText(live: Pick<LiveController, 'connected' | 'refusal'>): string {
  if (live.connected) return t('connected');
  if (live.refusal === 'UNAUTHENTICATED') return t('err_UNAUTHENTICATED');
  if (live.refusal === 'FORBIDDEN') return t('err_liveForbidden');
  return t('reconnecting');
}
