/**
 * Socket.IO: four namespaces, every subscriber of a site in room `site:<id>` receives all of
 * the site's events. On connect a client gets a snapshot, then is caught up and joined to
 * the live flow without a gap; `resume {sinceSeq}` replays what it missed, in order.
 */
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { UseCases } from '../app/use-cases.js';
import type { Logger } from '../logger.js';
import type { LoketEvent, ResumeAck, Snapshot } from '../protocol/index.js';
import type { EventTail } from './event-tail.js';
import { SiteStateCache } from './site-state-cache.js';
import { NAMESPACE_ROLES, originAllowed, publicAuth, staffAuth } from './socket-auth.js';
import type { LoketNamespace, LoketServer, LoketSocket } from './types.js';

const room = (siteId: string): string => `site:${siteId}`;

export function createSocketServer(http: HttpServer, app: UseCases, tail: EventTail, log: Logger, allowedOrigins: string[]): LoketServer {
  const io: LoketServer = new Server(http, {
    maxHttpBufferSize: 8 * 1024,
    allowRequest: (req, cb) => cb(null, originAllowed(req, allowedOrigins)),
    cors: { origin: allowedOrigins.length ? allowedOrigins : false },
    pingInterval: 20_000,
    pingTimeout: 20_000,
  });
  const namespaces: LoketNamespace[] = [];
  for (const [name, roles] of Object.entries(NAMESPACE_ROLES)) {
    const nsp = io.of(name);
    nsp.use(staffAuth(app, roles));
    namespaces.push(nsp);
  }
  const pub = io.of('/public');
  pub.use(publicAuth(app));
  namespaces.push(pub);

  for (const nsp of namespaces) {
    const batches = new JoinBatches(app, tail, nsp, log);
    nsp.on('connection', (socket) => onConnection(socket, app, tail, log, batches));
  }

  // Socket.IO encodes a broadcast before it looks at the room: skip the namespaces where
  // nobody of this site listens (most of them, most of the time; issue 15). Each node has
  // its own in-memory adapter (every node tails Redis itself), so the room is all there is.
  tail.onEvent((siteId: string, e: LoketEvent) => {
    const r = room(siteId);
    for (const nsp of namespaces) if (nsp.adapter.rooms.get(r)?.size) nsp.to(r).emit('event', e);
  });
  // A new definition may revoke a device or disable an account: their sockets close at once.
  const recheck = (siteId?: string) => void recheckSockets(app, namespaces, log, siteId);
  app.onSiteSwapped(recheck);
  // Device tokens also expire by time.
  const timer = setInterval(recheck, 30_000);
  timer.unref();
  return io;
}

/** Closes the staff-namespace sockets whose token no longer resolves to a user allowed there. */
async function recheckSockets(app: UseCases, namespaces: LoketNamespace[], log: Logger, siteId?: string): Promise<void> {
  for (const nsp of namespaces) {
    const roles = NAMESPACE_ROLES[nsp.name as keyof typeof NAMESPACE_ROLES];
    if (!roles) continue;
    for (const socket of nsp.sockets.values()) {
      if ((siteId && socket.data.siteId !== siteId) || socket.data.token === undefined) continue;
      try {
        const user = await app.sessions.resolve(socket.data.token);
        if (!user || !roles.includes(user.role) || user.siteId !== socket.data.siteId) socket.disconnect(true);
      } catch (err) {
        log.warn({ err: (err as Error).message }, 'socket: recheck failed');
      }
    }
  }
}

const caches = new WeakMap<UseCases, SiteStateCache>();

async function snapshotOf(app: UseCases, socket: LoketSocket): Promise<Snapshot> {
  const siteId = socket.data.siteId;
  let cache = caches.get(app);
  if (!cache) caches.set(app, (cache = new SiteStateCache(app.liveState)));
  const state = await cache.get(siteId);
  const snap: Snapshot = { ...state, site: app.siteInfo.of(siteId) };
  if (socket.data.ticketId) snap.ticket = await app.publicStatus.of({ site: app.sites.get(siteId), ticketId: socket.data.ticketId });
  return snap;
}

/**
 * Replays the events after `since` from the log, then (synchronously, so no event can slip
 * between) those the tail delivered meanwhile, and joins the live room.
 * Returns null when the log no longer holds them: the caller sends a snapshot instead.
 */
async function catchUp(app: UseCases, tail: EventTail, socket: LoketSocket, since: number): Promise<number | null> {
  const siteId = socket.data.siteId;
  await socket.leave(room(siteId));
  const stored = await app.liveState.eventsSince(siteId, since);
  if (stored === null) return null;
  let last = since;
  let count = 0;
  for (const e of stored) {
    socket.emit('event', e);
    last = e.seq;
    count++;
  }
  for (const e of tail.recent(siteId, last)) {
    socket.emit('event', e);
    last = e.seq;
    count++;
  }
  void socket.join(room(siteId));
  return count;
}

/** Sends a snapshot, then catches up from its seq and joins the live room. */
async function sendSnapshotAndJoin(app: UseCases, tail: EventTail, socket: LoketSocket): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const snap = await snapshotOf(app, socket);
    socket.emit('snapshot', snap);
    if ((await catchUp(app, tail, socket, snap.seq)) !== null) return;
  }
  // The log kept moving past every snapshot (it cannot, short of trimming): join anyway;
  // the client sees the next event's seq, finds a gap and asks to resume.
  void socket.join(room(socket.data.siteId));
}

/** How long the first socket of a batch waits for others of its site and namespace. */
const BATCH_MS = 10;

/**
 * Sockets of one site and namespace that connect within BATCH_MS of each other (a hall of
 * screens after a power cut or a restart) get one snapshot, one catch-up read and one
 * encoding of each: Socket.IO encodes a broadcast once and writes the same WebSocket frame
 * to every socket, where an emit per socket encodes it per socket (7.5 KB of JSON each, so
 * 15 MB of strings for 2,000 screens at once; issue 15). The catch-up and join are those of
 * `catchUp`, for the batch: the events after the snapshot's seq from the log, then
 * (synchronously) those the tail delivered meanwhile, then the join.
 * Sockets with their own snapshot (`/public`: the watched ticket) are not batched.
 */
class JoinBatches {
  private readonly pending = new Map<string, LoketSocket[]>();

  constructor(
    private readonly app: UseCases,
    private readonly tail: EventTail,
    private readonly nsp: LoketNamespace,
    private readonly log: Logger,
  ) {}

  add(socket: LoketSocket): void {
    const siteId = socket.data.siteId;
    const batch = this.pending.get(siteId);
    if (batch) {
      batch.push(socket);
      return;
    }
    this.pending.set(siteId, [socket]);
    setTimeout(() => {
      const sockets = this.pending.get(siteId) ?? [];
      this.pending.delete(siteId);
      this.flush(siteId, sockets).catch((err: unknown) => {
        this.log.warn({ err: (err as Error).message }, 'socket: snapshot failed');
        for (const s of sockets) s.disconnect(true);
      });
    }, BATCH_MS);
  }

  private async flush(siteId: string, sockets: LoketSocket[]): Promise<void> {
    const ids = (): string[] => sockets.filter((s) => s.connected).map((s) => s.id);
    for (let attempt = 0; attempt < 5; attempt++) {
      const first = sockets.find((s) => s.connected);
      if (!first) return;
      const snap = await snapshotOf(this.app, first);
      this.nsp.to(ids()).emit('snapshot', snap);
      const stored = await this.app.liveState.eventsSince(siteId, snap.seq);
      if (stored === null) continue;
      // From here to the join, nothing awaits: no event can slip between.
      const to = ids();
      if (to.length === 0) return;
      let last = snap.seq;
      for (const e of stored) {
        this.nsp.to(to).emit('event', e);
        last = e.seq;
      }
      for (const e of this.tail.recent(siteId, last)) this.nsp.to(to).emit('event', e);
      for (const s of sockets) if (s.connected) void s.join(room(siteId));
      return;
    }
    // As in sendSnapshotAndJoin: join anyway; a client seeing a gap asks to resume.
    for (const s of sockets) if (s.connected) void s.join(room(siteId));
  }
}

function onConnection(socket: LoketSocket, app: UseCases, tail: EventTail, log: Logger, batches: JoinBatches): void {
  if (socket.data.ticketId) {
    sendSnapshotAndJoin(app, tail, socket).catch((err: unknown) => {
      log.warn({ err: (err as Error).message }, 'socket: snapshot failed');
      socket.disconnect(true);
    });
  } else {
    batches.add(socket);
  }

  socket.on('resume', async (req, ack) => {
    const since = Number((req as { sinceSeq?: unknown } | undefined)?.sinceSeq);
    const reply = (a: ResumeAck) => (typeof ack === 'function' ? ack(a) : undefined);
    if (!Number.isInteger(since) || since < 0) return reply({ ok: false, count: 0, error: 'sinceSeq must be a whole number >= 0' });
    try {
      const count = await catchUp(app, tail, socket, since);
      if (count !== null) return reply({ ok: true, count });
      await sendSnapshotAndJoin(app, tail, socket);
      reply({ ok: true, count: 0, snapshotSent: true });
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'socket: resume failed');
      reply({ ok: false, count: 0, error: 'STORE_UNAVAILABLE' });
    }
  });

  socket.on('snapshot', async (ack) => {
    if (typeof ack !== 'function') return;
    try {
      ack(await snapshotOf(app, socket));
    } catch {
      /* store down: the client retries */
    }
  });
}
