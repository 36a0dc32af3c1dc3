/**
 * A Lit reactive controller that owns one Socket.IO connection to a Loket
 * namespace: opens it when the host connects, closes it when the host
 * disconnects, applies the snapshot, hands over events strictly in `seq`
 * order, and resumes after a reconnect or a gap. Elements never handle
 * reconnects themselves.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  LoketEvent,
  ResumeAck,
  ServerToClientEvents,
  Snapshot,
} from '@loket/engine/protocol';
import { EventSequencer } from './event-sequencer.js';

export type ConnectionState = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'refused';

export interface LiveSocketOptions {
  /** `/display`, `/public`, ... */
  namespace: string;
  /** Engine origin; empty = this page's origin. */
  origin: () => string;
  /** Handshake token; the socket stays closed while it is empty. */
  token: () => string;
  onSnapshot: (s: Snapshot) => void;
  /** Called once per event, in seq order, never twice for one seq. */
  onEvent: (e: LoketEvent) => void;
}

const RESUME_TIMEOUT_MS = 5000;

export class LiveSocketController implements ReactiveController {
  /** Connection state for the host's status corner. */
  state: ConnectionState = 'idle';
  readonly seq = new EventSequencer();
  private socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
  private everConnected = false;
  private openedWith = '';

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly opts: LiveSocketOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.open();
  }

  hostDisconnected(): void {
    this.close();
  }

  /** (Re)opens the socket, e.g. once the host learnt its token; a no-op when already open with the same token and origin. */
  open(): void {
    const token = this.opts.token();
    const origin = this.opts.origin() || globalThis.location.origin;
    if (this.socket && this.openedWith === `${origin} ${token}`) return;
    this.close();
    if (!token) return;
    this.openedWith = `${origin} ${token}`;
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(origin + this.opts.namespace, {
      auth: { token },
      transports: ['websocket', 'polling'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
    });
    this.socket = socket;
    this.setState('connecting');
    socket.on('connect', () => this.onConnect());
    socket.on('disconnect', () => this.setState('reconnecting'));
    socket.on('connect_error', (err) => {
      // The server refuses a bad token in middleware: retrying cannot help.
      if (!socket.active) this.setState('refused');
      else if (this.everConnected) this.setState('reconnecting');
      void err;
    });
    socket.on('snapshot', (s) => {
      if (this.seq.onSnapshot(s)) this.opts.onSnapshot(s);
    });
    socket.on('event', (e) => this.onEvent(e));
  }

  close(): void {
    if (!this.socket) return;
    this.socket.removeAllListeners();
    this.socket.disconnect();
    this.socket = null;
    this.openedWith = '';
    this.everConnected = false;
    this.setState('idle');
  }

  private onConnect(): void {
    this.setState('live');
    if (this.everConnected) this.resume();
    this.everConnected = true;
  }

  private onEvent(e: LoketEvent): void {
    const verdict = this.seq.onEvent(e);
    if (verdict === 'apply') this.opts.onEvent(e);
    else if (verdict === 'gap') this.resume();
  }

  private resume(): void {
    const socket = this.socket;
    const sinceSeq = this.seq.beginResume();
    if (!socket || sinceSeq === null) return;
    void socket
      .timeout(RESUME_TIMEOUT_MS)
      .emitWithAck('resume', { sinceSeq })
      .then(
        (ack: ResumeAck) => this.afterResume(socket, ack),
        () => this.afterResume(socket, null),
      );
  }

  private afterResume(socket: Socket<ServerToClientEvents, ClientToServerEvents>, ack: ResumeAck | null): void {
    const held = this.seq.endResume(Boolean(ack?.snapshotSent));
    if (held) this.opts.onSnapshot(held);
    if (socket !== this.socket) return;
    if (!ack?.ok) {
      // No usable answer: ask for a fresh snapshot so the screen is right again.
      socket.emit('snapshot', (s) => {
        this.seq.lastSeq = null;
        if (this.seq.onSnapshot(s)) this.opts.onSnapshot(s);
      });
    } else if (this.seq.behind) {
      this.resume();
    }
  }

  private setState(s: ConnectionState): void {
    if (this.state === s) return;
    this.state = s;
    this.host.requestUpdate();
  }
}
