/**
 * Socket.IO: four namespaces, every subscriber of a site in room `site:<id>` receives all of
 * the site's events. On connect a client gets a snapshot, then is caught up and joined to
 * the live flow without a gap; `resume {sinceSeq}` replays what it missed, in order.
 *
 * Never deaf: once it had its first snapshot, a socket is in its site's room at all times
 * except while a catch-up runs, and a catch-up that fails (Redis down) rejoins it before
 * answering. A first snapshot that cannot be read is retried by the server with back-off
 * while the socket stays connected (and the client may ask too); the server never closes a
 * socket for a transient failure. Limits: see socket-limits.ts.
 */
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { UseCases } from '../app/use-cases.js';
import { LoketError } from '../errors.js';
import type { Logger } from '../logger.js';
import { HANDSHAKE_REFUSAL, type LoketEvent, type ResumeAck, type Snapshot } from '../protocol/index.js';
import type { EventTail } from './event-tail.js';
import { LOBBY_NAMESPACES, lobbyEvent, lobbySnapshot } from './lobby-view.js';
import { SiteStateCache } from './site-state-cache.js';
import { NAMESPACE_ROLES, originAllowed, publicAuth, staffAuth, tokenOf } from './socket-auth.js';
import { Bucket, credentialId, CredentialLimits, MAX_REPLAY, PER_SOCKET, type CredentialKind } from './socket-limits.js';
import type { LoketNamespace, LoketServer, LoketSocket } from './types.js';

const room = (siteId: string): string => `site:${siteId}`;

/** Refused `resume`/`snapshot` requests after which a socket is closed as abusive. */
const ABUSE_REFUSALS = 30;

export interface LiveServer {
  io: LoketServer;
  /** Closes every socket of a credential (logout, revocation); returns how many. */
  closeCredential(credential: string): number;
  /** Sends every socket of a site a fresh snapshot (its store was found empty and reseeded). */
  resync(siteId: string): void;
  /** Open sockets per namespace (metrics). */
  socketCounts(): Record<string, number>;
  /** Asks every client to reconnect (to another node, or to this one once restarted) by ending its transport. */
  close(): void;
}

export function createSocketServer(http: HttpServer, app: UseCases, tail: EventTail, log: Logger, allowedOrigins: string[]): LiveServer {
  const io: LoketServer = new Server(http, {
    maxHttpBufferSize: 8 * 1024,
    allowRequest: (req, cb) => cb(null, originAllowed(req, allowedOrigins)),
    cors: { origin: allowedOrigins.length ? allowedOrigins : false },
    pingInterval: 20_000,
    pingTimeout: 20_000,
  });
  const limits = new CredentialLimits();
  const live = new Live(app, tail, log, limits);
  const namespaces: LoketNamespace[] = [];
  // Before authentication (a store read): a credential cooling down after abuse is refused at once.
  const cooling = (socket: LoketSocket, next: (err?: Error) => void): void => {
    if (!limits.penalized(credentialId(tokenOf(socket)))) return next();
    const err = new Error('Too many refused requests: try again later') as Error & { data?: unknown };
    err.data = { code: HANDSHAKE_REFUSAL.rateLimited };
    next(err);
  };
  for (const [name, roles] of Object.entries(NAMESPACE_ROLES)) {
    const nsp = io.of(name);
    nsp.use(cooling);
    nsp.use(staffAuth(app, roles));
    namespaces.push(nsp);
  }
  const pub = io.of('/public');
  pub.use(cooling);
  pub.use(publicAuth(app));
  namespaces.push(pub);

  for (const nsp of namespaces) {
    // After authentication: one credential may hold only so many sockets (a refusal the client retries later).
    nsp.use((socket, next) => {
      const kind: CredentialKind = nsp.name === '/public' ? 'public' : socket.data.user?.username.startsWith('device:') ? 'device' : 'session';
      if (!limits.open(socket.data.credential, kind)) {
        const err = new Error('Too many connections with this credential') as Error & { data?: unknown };
        err.data = { code: HANDSHAKE_REFUSAL.rateLimited };
        return next(err);
      }
      socket.data.counted = true;
      socket.data.kind = kind;
      next();
    });
    nsp.on('connection', (socket) => live.onConnection(socket));
  }

  // Socket.IO encodes a broadcast before it looks at the room: skip the namespaces where
  // nobody of this site listens (most of them, most of the time; issue 15). Each node has
  // its own in-memory adapter (every node tails Redis itself), so the room is all there is.
  tail.onEvent((siteId: string, e: LoketEvent) => {
    const r = room(siteId);
    let lobby: LoketEvent | undefined;
    for (const nsp of namespaces) {
      if (!nsp.adapter.rooms.get(r)?.size) continue;
      nsp.to(r).emit('event', LOBBY_NAMESPACES.includes(nsp.name) ? (lobby ??= lobbyEvent(e)) : e);
    }
  });

  // A new definition may revoke a device or disable an account: their sockets close at once.
  const recheck = (siteId?: string) => void recheckSockets(app, namespaces, log, siteId);
  app.onSiteSwapped(recheck);
  // Device tokens also expire by time.
  const timer = setInterval(recheck, 30_000);
  timer.unref();

  const allSockets = (): LoketSocket[] => namespaces.flatMap((n) => [...n.sockets.values()]);
  return {
    io,
    closeCredential(credential) {
      let n = 0;
      for (const s of allSockets()) {
        if (s.data.credential !== credential) continue;
        s.disconnect(true);
        n++;
      }
      return n;
    },
    resync(siteId) {
      live.forget(siteId);
      for (const s of allSockets()) if (s.data.siteId === siteId) live.deliverSnapshot(s);
    },
    socketCounts() {
      return Object.fromEntries(namespaces.map((n) => [n.name, n.sockets.size]));
    },
    close() {
      live.closing = true;
      // Each transport ends ("transport close" on the client, not a server disconnect):
      // Socket.IO reconnects by itself, to another node behind the balancer. Not io.close():
      // it waits for the HTTP server to close, i.e. for every connection to end, without bound.
      io.engine.close();
    },
  };
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

/** How long the first socket of a batch waits for others of its site and namespace. */
const BATCH_MS = 10;

class Live {
  private readonly cache: SiteStateCache;
  /** Sockets of one namespace and site waiting for their first snapshot together. */
  private readonly batches = new Map<string, LoketSocket[]>();
  closing = false;

  constructor(
    private readonly app: UseCases,
    private readonly tail: EventTail,
    private readonly log: Logger,
    private readonly limits: CredentialLimits,
  ) {
    this.cache = new SiteStateCache(app.liveState);
  }

  /** The site's store was reset: no shared state read before it may be sent again. */
  forget(siteId: string): void {
    this.cache.drop(siteId);
  }

  onConnection(socket: LoketSocket): void {
    const siteId = socket.data.siteId;
    socket.on('disconnect', () => {
      clearTimeout(socket.data.retry);
      if (socket.data.counted) this.limits.close(socket.data.credential);
    });
    const own = new Bucket(PER_SOCKET.burst, PER_SOCKET.perSecond);
    let busy = false;
    let refused = 0;
    /**
     * One request at a time per socket, within the socket's and the credential's rates. A
     * socket that keeps asking after many refusals is not a screen (the live controller backs
     * off): it is closed, so that answering it costs nothing more.
     */
    const admit = (): boolean => {
      if (!busy && own.take() && this.limits.request(socket.data.credential)) return true;
      if (++refused > ABUSE_REFUSALS) {
        this.log.warn({ nsp: socket.nsp.name, site: siteId }, 'socket: closed after too many refused requests');
        if (socket.data.kind !== 'device') this.limits.penalize(socket.data.credential);
        socket.disconnect(true);
      }
      return false;
    };

    this.deliverSnapshot(socket);

    socket.on('resume', async (req, ack) => {
      const reply = (a: ResumeAck) => (typeof ack === 'function' ? ack(a) : undefined);
      const since = Number((req as { sinceSeq?: unknown } | undefined)?.sinceSeq);
      if (!Number.isSafeInteger(since) || since < 0) return reply({ ok: false, count: 0, error: 'sinceSeq must be a whole number >= 0' });
      if (!admit()) return reply({ ok: false, count: 0, error: 'RATE_LIMITED' });
      busy = true;
      try {
        // Too far behind: a snapshot. A client ahead of the log (its store started over) gets
        // one too: the log read says so (null). Not by this node's tail position, which may
        // lag the store (a cluster's tail reads on notifications) behind what the client has.
        const last = this.tail.delivered(siteId);
        const count = last - since > MAX_REPLAY ? null : await this.catchUp(socket, since);
        if (count !== null) return reply({ ok: true, count });
        await this.sendSnapshotAndJoin(socket);
        reply({ ok: true, count: 0, snapshotSent: true });
      } catch (err) {
        this.log.warn({ err: (err as Error).message }, 'socket: resume failed');
        reply({ ok: false, count: 0, error: 'STORE_UNAVAILABLE' });
      } finally {
        busy = false;
      }
    });

    socket.on('snapshot', async (ack) => {
      if (typeof ack !== 'function' || !admit()) return;
      busy = true;
      try {
        const snap = await this.snapshotOf(socket);
        ack(snap);
        // The answer first, then what happened since, and the socket in its room.
        await this.catchUp(socket, snap.seq);
      } catch {
        /* store down: no answer; the client asks again with back-off (and stays in its room) */
      } finally {
        busy = false;
      }
    });
  }

  /** Sends a snapshot now, or keeps trying with jittered back-off while the socket stays connected. */
  deliverSnapshot(socket: LoketSocket, attempt = 0, batched = true): void {
    if (batched && attempt === 0 && !socket.data.ticketId) return this.batch(socket);
    clearTimeout(socket.data.retry);
    this.sendSnapshotAndJoin(socket).catch((err: unknown) => {
      if (!socket.connected || this.closing) return;
      // The watched ticket is gone (its store was lost): final, as at the handshake.
      if (err instanceof LoketError && err.code === 'NOT_FOUND') return void socket.disconnect(true);
      if (attempt === 0) this.log.warn({ err: (err as Error).message }, 'socket: snapshot failed; retrying');
      const cap = Math.min(4000, 500 * 2 ** attempt);
      socket.data.retry = setTimeout(() => this.deliverSnapshot(socket, attempt + 1, false), cap / 2 + (Math.random() * cap) / 2);
    });
  }

  /**
   * Sockets of one site and namespace that connect within BATCH_MS of each other (a hall of
   * screens after a power cut or a restart) get one snapshot, one catch-up read and one
   * encoding of each: Socket.IO encodes a broadcast once and writes the same frame to every
   * socket, where an emit per socket encodes it per socket (7.5 KB of JSON each: 15 MB of
   * strings for 2,000 screens at once; issue 15). `/public` sockets (their own ticket) are
   * not batched. A batch the store cannot serve falls back to each socket's own retries.
   */
  private batch(socket: LoketSocket): void {
    const key = `${socket.nsp.name}\n${socket.data.siteId}`;
    const pending = this.batches.get(key);
    if (pending) return void pending.push(socket);
    this.batches.set(key, [socket]);
    setTimeout(() => {
      const sockets = this.batches.get(key) ?? [];
      this.batches.delete(key);
      this.flushBatch(sockets).catch(() => {
        for (const s of sockets) if (s.connected) this.deliverSnapshot(s, 0, false);
      });
    }, BATCH_MS);
  }

  private async flushBatch(sockets: LoketSocket[]): Promise<void> {
    const connected = (): LoketSocket[] => sockets.filter((s) => s.connected);
    const first = connected()[0];
    if (!first) return;
    const nsp = first.nsp;
    const siteId = first.data.siteId;
    const view = LOBBY_NAMESPACES.includes(nsp.name) ? lobbyEvent : (e: LoketEvent) => e;
    for (let attempt = 0; attempt < 5; attempt++) {
      const snap = await this.snapshotOf(first);
      nsp.to(connected().map((s) => s.id)).emit('snapshot', snap);
      const stored = await this.app.liveState.eventsSince(siteId, snap.seq);
      // The shared state is too old for the log (or the store was reset): read a fresh one.
      if (stored === null) {
        this.cache.drop(siteId);
        continue;
      }
      // From here to the join, nothing awaits: no event can slip between.
      const to = connected().map((s) => s.id);
      if (to.length === 0) return;
      let last = snap.seq;
      for (const e of stored) {
        nsp.to(to).emit('event', view(e));
        last = e.seq;
      }
      for (const e of this.tail.recent(siteId, last)) nsp.to(to).emit('event', view(e));
      break;
    }
    // As in sendSnapshotAndJoin: in its room in any case; a client seeing a gap asks to resume.
    for (const s of connected()) void s.join(room(siteId));
  }

  private async snapshotOf(socket: LoketSocket): Promise<Snapshot> {
    const siteId = socket.data.siteId;
    const state = await this.cache.get(siteId);
    const snap: Snapshot = { ...state, site: this.app.siteInfo.of(siteId) };
    const nsp = socket.nsp.name;
    if (socket.data.ticketId) snap.ticket = await this.app.publicStatus.of({ site: this.app.sites.get(siteId), ticketId: socket.data.ticketId });
    return LOBBY_NAMESPACES.includes(nsp) ? lobbySnapshot(snap) : snap;
  }

  /**
   * Replays the events after `since` from the log, then (synchronously, so no event can slip
   * between) those the tail delivered meanwhile, and joins the live room; rejoins it when
   * the log cannot be read. Returns null when the log no longer holds them: the caller
   * sends a snapshot instead.
   */
  private async catchUp(socket: LoketSocket, since: number): Promise<number | null> {
    const siteId = socket.data.siteId;
    const lobby = LOBBY_NAMESPACES.includes(socket.nsp.name);
    const view = (e: LoketEvent) => (lobby ? lobbyEvent(e) : e);
    await socket.leave(room(siteId));
    try {
      const stored = await this.app.liveState.eventsSince(siteId, since);
      if (stored === null) return null;
      let last = since;
      let count = 0;
      for (const e of stored) {
        socket.emit('event', view(e));
        last = e.seq;
        count++;
      }
      for (const e of this.tail.recent(siteId, last)) {
        socket.emit('event', view(e));
        last = e.seq;
        count++;
      }
      return count;
    } finally {
      void socket.join(room(siteId));
    }
  }

  /** Sends a snapshot, then catches up from its seq; the socket is in its room afterwards in any case. */
  private async sendSnapshotAndJoin(socket: LoketSocket): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const snap = await this.snapshotOf(socket);
      socket.emit('snapshot', snap);
      if ((await this.catchUp(socket, snap.seq)) !== null) return;
      this.cache.drop(socket.data.siteId);
    }
    // The log kept moving past every snapshot: the client sees the next event's seq, finds a gap and asks to resume.
  }
}
