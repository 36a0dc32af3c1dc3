/**
 * A small real Socket.IO server speaking the engine's protocol on one namespace, whose
 * handshake and answers a test scripts: refuse with a code, accept and send a snapshot,
 * answer `resume` and `snapshot` (or not).
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import type { ClientToServerEvents, LoketEvent, ResumeAck, ServerToClientEvents, Snapshot } from '@loket/engine/protocol';

export type ServerSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

export interface LiveServerScript {
  /** Handshake number n (from 0): a refusal code, or null to accept. */
  handshake?: (n: number) => string | null;
  /** What a new connection gets (default: a snapshot at seq 0). */
  onConnection?: (socket: ServerSocket, n: number) => void;
  /** The answer to `resume` (default `{ok: true, count: 0}`); undefined: never answer. */
  resume?: (sinceSeq: number, socket: ServerSocket) => ResumeAck | undefined;
  /** The answer to `snapshot`; undefined: never answer. */
  snapshot?: (n: number) => Snapshot | undefined;
}

export interface LiveServer {
  origin: string;
  /** Time (ms) of each handshake and what it answered. */
  handshakes: { at: number; refused: string | null }[];
  resumes: number[];
  snapshotRequests: number;
  io: Server<ClientToServerEvents, ServerToClientEvents>;
  close(): Promise<void>;
}

export function snapshotAt(seq: number): Snapshot {
  return {
    seq,
    calls: [],
    counters: [],
    waiting: {},
    site: { id: 's', name: 'S', timezone: 'Asia/Jakarta', agencies: [], counters: [], displays: [], openNow: true },
  };
}

export function eventAt(seq: number): LoketEvent {
  return {
    seq,
    type: 'ticket.issued',
    at: new Date().toISOString(),
    siteId: 's',
    waiting: {},
    ticket: {
      id: `t${seq}`,
      number: `A-${String(seq).padStart(3, '0')}`,
      siteId: 's',
      serviceId: 'ktp',
      agencyId: 'a',
      state: 'waiting',
      priority: 'regular',
      channel: 'kiosk',
      createdAt: new Date().toISOString(),
      recallCount: 0,
    },
  };
}

export async function startLiveServer(namespace: string, script: LiveServerScript = {}): Promise<LiveServer> {
  const http: HttpServer = createServer();
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(http);
  const server: LiveServer = {
    origin: '',
    handshakes: [],
    resumes: [],
    snapshotRequests: 0,
    io,
    close: () => new Promise<void>((resolve) => io.close(() => resolve())),
  };
  const nsp = io.of(namespace);
  nsp.use((_socket, next) => {
    const refused = script.handshake?.(server.handshakes.length) ?? null;
    server.handshakes.push({ at: Date.now(), refused });
    if (!refused) return next();
    const err = new Error('refused') as Error & { data?: unknown };
    err.data = { code: refused };
    next(err);
  });
  let connections = 0;
  nsp.on('connection', (socket) => {
    const n = connections++;
    socket.on('resume', (req, ack) => {
      server.resumes.push(req.sinceSeq);
      const answer = script.resume ? script.resume(req.sinceSeq, socket) : { ok: true, count: 0 };
      if (answer) ack?.(answer);
    });
    socket.on('snapshot', (ack) => {
      const answer = script.snapshot?.(server.snapshotRequests++);
      if (answer) ack?.(answer);
    });
    if (script.onConnection) script.onConnection(socket, n);
    else socket.emit('snapshot', snapshotAt(0));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  server.origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return server;
}
