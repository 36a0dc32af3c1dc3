/** Wires the engine, HTTP app, Socket.IO and timers onto one HTTP server. Used by main.ts and tests. */
import { createServer, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { collectDefaultMetrics, Counter, Gauge, Histogram, register } from 'prom-client';
import type { Config } from './config.js';
import type { Site } from './domain/site.js';
import { createUseCases, type UseCases } from './app/use-cases.js';
import { EventLog } from './store/event-log.js';
import { subscribeRevocations } from './store/session-store.js';
import { connectRedis, type RedisConn } from './redis-connection.js';
import { createApp } from './http/app.js';
import { expressHttpClasses } from './http/hot-path.js';
import type { Logger } from './logger.js';
import { EventTail } from './realtime/event-tail.js';
import { createSocketServer, type LiveServer } from './realtime/socket-server.js';
import type { LoketServer } from './realtime/types.js';
import { startTimers, type Timers } from './jobs/timers.js';
import { WebhookDispatcher } from './jobs/webhook-dispatcher.js';
import { gaugeSources, liveGauges, type GaugeSource } from './live-gauges.js';

export interface RunningServer {
  app: UseCases;
  /** The engine's command connection (tests read keys through it). */
  redis: RedisConn;
  http: HttpServer;
  io: LoketServer;
  live: LiveServer;
  port: number;
  url: string;
  timers: Timers | null;
  /** Checks the store now (as the watcher does every second); returns the sites reseeded. */
  checkStore(): Promise<string[]>;
  /** Graceful stop: no new work, in-flight requests finish (up to `drainMs`), sockets told to reconnect. */
  close(drainMs?: number): Promise<void>;
}

export interface ServerOptions {
  config: Config;
  redisUrl: string;
  sites: Map<string, Site>;
  log: Logger;
  clock?: () => number;
}

let metricsStarted = false;


const metric = <T>(name: string, make: () => T): T => (register.getSingleMetric(name) as T | undefined) ?? make();

export async function startServer(o: ServerOptions): Promise<RunningServer> {
  const { config, log } = o;
  const redis = connectRedis(o.redisUrl, 'command', config.redisTimeoutMs);
  redis.on('error', (err) => log.warn({ err: err.message }, 'redis: connection error'));
  const app = await createUseCases({
    redis,
    sites: o.sites.values(),
    sessionSeconds: config.sessionSeconds,
    production: config.production,
    bookingSecret: config.bookingSecret,
    ignoreHours: config.ignoreHours,
    now: o.clock,
  });

  // Blocking reads and subscriptions: connections of their own, without a command timeout.
  const tailConn = connectRedis(o.redisUrl, 'blocking');
  tailConn.on('error', () => undefined);
  const eventLog = new EventLog(tailConn, log.child({ mod: 'event-log' }));
  // The report figures take the events the tail decodes rather than reading the log again.
  eventLog.onDecoded((siteId, events) => app.dailyReports.feed(siteId, events));
  const tail = new EventTail(eventLog, app.sites.all(), log.child({ mod: 'tail' }));
  // Another node changed a site's definition: swap it in before any socket hears of it.
  tail.beforeDelivery(async (siteId, events) => {
    if (events.some((e) => e.type === 'site.updated')) await app.siteUpdated(siteId);
  });
  await tail.start();
  const heads = new EventLog(redis);

  const timers = config.noJobs ? null : await startTimers(app, connectRedis(o.redisUrl, 'jobs'), log.child({ mod: 'jobs' }));
  if (!config.noJobs) {
    const conn = connectRedis(o.redisUrl, 'jobs');
    conn.on('error', () => undefined);
    app.extensions.register(
      new WebhookDispatcher(app, conn, log.child({ mod: 'webhooks' }), { backoffBaseMs: config.webhookBackoffMs, disableAfter: config.webhookDisableAfter, now: o.clock ?? Date.now }),
    );
  }
  tail.onEvent((siteId, e) => app.extensions.event(siteId, e));

  if (!metricsStarted) {
    collectDefaultMetrics({ prefix: 'loket_' });
    metricsStarted = true;
  }
  const eventsCounter = metric('loket_events_total', () => new Counter({ name: 'loket_events_total', help: 'Transitions delivered to sockets, by event type', labelNames: ['type'] }));
  const redisLatency = metric(
    'loket_redis_command_seconds',
    () => new Histogram({ name: 'loket_redis_command_seconds', help: 'Latency of the store probe (one Redis command each second)', buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] }),
  );
  const redisUp = metric('loket_redis_up', () => new Gauge({ name: 'loket_redis_up', help: '1 when the last store probe answered' }));
  const reseedCounter = metric('loket_store_reseeds_total', () => new Counter({ name: 'loket_store_reseeds_total', help: 'Times a site was found missing from Redis and reseeded', labelNames: ['site'] }));
  liveGauges();
  tail.onEvent((siteId, e) => {
    eventsCounter.inc({ type: e.type });
    if (e.type === 'counter.updated') app.counterChanged(siteId);
  });

  // The store watcher: each second (and at once after a reconnect) a probe; a site missing from
  // the store is reseeded, the tail restarted, the timers re-armed and every screen resynced.
  let stopping = false;
  let storeOk = true;
  let checking: Promise<string[]> | null = null;
  const checkStore = (): Promise<string[]> =>
    (checking ??= (async () => {
      const t0 = performance.now();
      try {
        const reseeded = await app.storeHealth.reseedIfEmpty();
        redisLatency.observe((performance.now() - t0) / 1000);
        redisUp.set(1);
        if (!storeOk) log.info('redis: reachable again');
        storeOk = true;
        for (const siteId of reseeded) {
          log.warn({ site: siteId }, 'redis: the site was missing from the store (restarted empty?): reseeded counters and settings; event log starts over');
          reseedCounter.inc({ site: siteId });
          tail.restart(siteId);
          app.dailyReports.forget(siteId);
          live.resync(siteId);
        }
        if (reseeded.length) await timers?.rearm();
        return reseeded;
      } catch (err) {
        redisUp.set(0);
        if (storeOk) log.error({ err: (err as Error).message }, 'redis: store probe failed');
        storeOk = false;
        return [];
      } finally {
        checking = null;
      }
    })());
  const watcher = setInterval(() => void checkStore(), 1000);
  watcher.unref();
  redis.on('ready', () => void checkStore());

  const httpApp = createApp({
    app,
    ping: () => redis.ping(),
    status: () => ({ stopping, reseeds: [...app.storeHealth.reseeds.values()] }),
    log,
    clientDirs: config.clientDirs,
    allowedOrigins: config.allowedOrigins,
    loginPerMinute: config.loginPerMinute,
    bookingPerMinute: config.bookingPerMinute,
    limits: {
      redis,
      trustProxy: config.trustProxy,
      loginPerAccount: config.loginPerAccount,
      issuePerMinuteDevice: config.issuePerMinuteDevice,
      issuePerMinuteAddress: config.issuePerMinuteAddress,
    },
    requestTimeoutMs: config.requestTimeoutMs,
    extra: (a) =>
      a.get('/metrics', async (_req, res) => {
        res.type(register.contentType).send(await register.metrics());
      }),
  });
  // The report records follow the event log (one consumer per site; every node may run it, each batch counts once).
  const figures = setInterval(() => {
    for (const site of app.sites.all()) app.dailyReports.catchUp(site.id, false).catch((err: Error) => log.warn({ err: err.message }, 'reports: catch-up failed'));
  }, 2000);
  figures.unref();
  // Stopping: a request that arrives on a kept-alive connection is refused (the client or the
  // balancer retries another node); those already in flight finish, then their connection closes.
  const inflight = new Set<ServerResponse>();
  const http = createServer(expressHttpClasses(httpApp), (req, res) => {
    if (stopping) {
      res.writeHead(503, { 'content-type': 'application/json', connection: 'close', 'retry-after': '1' });
      return void res.end(JSON.stringify({ error: { code: 'STORE_UNAVAILABLE', message: 'This node is stopping: retry on another' } }));
    }
    inflight.add(res);
    res.once('close', () => inflight.delete(res));
    httpApp(req, res);
  });
  // Every TCP connection, upgraded (WebSocket) ones included, which closeAllConnections() leaves alone.
  const connections = new Set<Socket>();
  http.on('connection', (c: Socket) => {
    connections.add(c);
    c.once('close', () => connections.delete(c));
  });
  const upgraded = new Set<Socket>();
  http.on('upgrade', (_req, c: Socket) => {
    upgraded.add(c);
    c.once('close', () => upgraded.delete(c));
  });
  const live = createSocketServer(http, app, tail, log.child({ mod: 'realtime' }), config.allowedOrigins);
  const io = live.io;
  // Read at each scrape (gauges.ts): exact, and nothing runs between scrapes.
  const gaugeSource: GaugeSource = {
    socketCounts: () => live.socketCounts(),
    lag: async () => tail.lagOf(await heads.lastSeqs(app.sites.all())),
    waiting: async () => new Map(await Promise.all(app.sites.all().map(async (s) => [s.id, (await app.liveState.state(s.id)).waiting] as const))),
  };
  gaugeSources.add(gaugeSource);

  // Logout on any node: forget the session here and close its sockets (within a second).
  const subConn = connectRedis(o.redisUrl, 'blocking');
  subConn.on('error', () => undefined);
  await subscribeRevocations(subConn, (hash) => {
    app.sessions.forget(hash);
    const n = live.closeCredential(hash);
    if (n) log.info({ sockets: n }, 'closed the sockets of a revoked session');
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.port, config.host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  return {
    app,
    redis,
    http,
    io,
    live,
    port,
    url: `http://127.0.0.1:${port}`,
    timers,
    checkStore,
    async close(drainMs = 10_000) {
      stopping = true;
      for (const res of inflight) if (!res.headersSent) res.setHeader('connection', 'close');
      clearInterval(watcher);
      gaugeSources.delete(gaugeSource);
      // No new connections; idle keep-alive ones closed; in-flight requests may finish.
      const httpClosed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections();
      live.close();
      // A WebSocket whose client does not answer the close frame within a second is cut.
      const cut = setTimeout(() => {
        for (const c of upgraded) c.destroy();
      }, Math.min(1000, drainMs));
      cut.unref();
      const drained = await Promise.race([httpClosed.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), drainMs).unref())]);
      if (!drained) {
        log.warn({ open: connections.size }, 'shutdown: connections still open after the drain; closing them');
        http.closeAllConnections();
        for (const c of connections) c.destroy();
      }
      await tail.stop();
      clearInterval(figures);
      await timers?.close();
      await app.extensions.close();
      subConn.disconnect();
      redis.disconnect();
    },
  };
}
