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

  for (const nsp of namespaces) nsp.on('connection', (socket) => onConnection(socket, app, tail, log));

  tail.onEvent((siteId: string, e: LoketEvent) => {
    for (const nsp of namespaces) nsp.to(room(siteId)).emit('event', e);
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

function onConnection(socket: LoketSocket, app: UseCases, tail: EventTail, log: Logger): void {
  sendSnapshotAndJoin(app, tail, socket).catch((err: unknown) => {
    log.warn({ err: (err as Error).message }, 'socket: snapshot failed');
    socket.disconnect(true);
  });

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
