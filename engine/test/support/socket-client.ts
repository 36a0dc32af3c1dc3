/** A real socket.io-client that records what a screen would receive, deduplicating by seq. */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, LoketEvent, ResumeAck, ServerToClientEvents, Snapshot } from '../../src/protocol/index.js';

export interface Recorder {
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  snapshots: Snapshot[];
  /** Accepted events, in the order applied (seq > last). */
  events: LoketEvent[];
  lastSeq: number;
  waitFor(pred: () => boolean, ms?: number): Promise<void>;
  resume(sinceSeq?: number): Promise<ResumeAck>;
  close(): void;
}

export async function connectRecorder(url: string, nsp: string, token: string, o: { reconnection?: boolean } = {}): Promise<Recorder> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(`${url}${nsp}`, {
    auth: { token },
    transports: ['websocket'],
    reconnection: o.reconnection ?? false,
    forceNew: true,
  });
  const rec: Recorder = {
    socket,
    snapshots: [],
    events: [],
    lastSeq: -1,
    async waitFor(pred, ms = 5000) {
      const start = Date.now();
      while (!pred()) {
        if (Date.now() - start > ms) throw new Error('timed out waiting for socket data');
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    resume(sinceSeq = rec.lastSeq) {
      return new Promise((resolve) => socket.emit('resume', { sinceSeq }, resolve));
    },
    close() {
      socket.close();
    },
  };
  socket.on('snapshot', (s) => {
    rec.snapshots.push(s);
    rec.lastSeq = s.seq;
  });
  socket.on('event', (e) => {
    if (e.seq <= rec.lastSeq) return;
    rec.events.push(e);
    rec.lastSeq = e.seq;
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
  await rec.waitFor(() => rec.snapshots.length > 0);
  // The snapshot may be shared with other sockets and a little older than now; the server
  // catches each client up from it. A resume acks once those events are sent: caught up.
  await rec.resume(rec.lastSeq);
  return rec;
}

/** Connect and expect a refusal; returns the error's code. */
export async function refusedCode(url: string, nsp: string, token: unknown): Promise<string> {
  const socket = io(`${url}${nsp}`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  try {
    return await new Promise<string>((resolve, reject) => {
      socket.once('connect', () => reject(new Error('connected but should have been refused')));
      socket.once('connect_error', (err: Error & { data?: { code?: string } }) => resolve(err.data?.code ?? err.message));
    });
  } finally {
    socket.close();
  }
}
