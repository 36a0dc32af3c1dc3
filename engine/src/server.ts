/** Wires the engine, HTTP app, Socket.IO and timers onto one HTTP server. Used by main.ts and tests. */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { collectDefaultMetrics, Counter, register } from 'prom-client';
import type { Config } from './config.js';
import type { Site } from './domain/site.js';
import { createUseCases, type UseCases } from './app/use-cases.js';
import { EventLog } from './store/event-log.js';
import { createApp } from './http/app.js';
import type { Logger } from './logger.js';
import { EventTail } from './realtime/event-tail.js';
import { createSocketServer } from './realtime/socket-server.js';
import type { LoketServer } from './realtime/types.js';
import { startTimers, type Timers } from './jobs/timers.js';
import { WebhookDispatcher } from './jobs/webhook-dispatcher.js';

export interface RunningServer {
  app: UseCases;
  /** The engine's command connection (tests read keys through it). */
  redis: Redis;
  http: HttpServer;
  io: LoketServer;
  port: number;
  url: string;
  timers: Timers | null;
  close(): Promise<void>;
}

export interface ServerOptions {
  config: Config;
  redisUrl: string;
  sites: Map<string, Site>;
  log: Logger;
  clock?: () => number;
}

let metricsStarted = false;

export function redisClient(url: string, extra: Record<string, unknown> = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: 2, enableAutoPipelining: true, connectTimeout: 5000, ...extra });
}

export async function startServer(o: ServerOptions): Promise<RunningServer> {
  const { config, log } = o;
  const redis = redisClient(o.redisUrl);
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

  const tailConn = new Redis(o.redisUrl, { maxRetriesPerRequest: null });
  tailConn.on('error', () => undefined);
  const tail = new EventTail(new EventLog(tailConn), app.sites.all(), log.child({ mod: 'tail' }));
  // Another node changed a site's definition: swap it in before any socket hears of it.
  tail.beforeDelivery(async (siteId, events) => {
    if (events.some((e) => e.type === 'site.updated')) await app.siteUpdated(siteId);
  });
  await tail.start();

  const timers = config.noJobs ? null : await startTimers(app, new Redis(o.redisUrl, { maxRetriesPerRequest: null }), log.child({ mod: 'jobs' }));
  if (!config.noJobs) {
    const conn = new Redis(o.redisUrl, { maxRetriesPerRequest: null });
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
  const eventsCounter = (register.getSingleMetric('loket_events_total') as Counter | undefined) ?? new Counter({ name: 'loket_events_total', help: 'Events delivered to sockets', labelNames: ['type'] });
  tail.onEvent((siteId, e) => {
    eventsCounter.inc({ type: e.type });
    if (e.type === 'counter.updated') app.counterChanged(siteId);
  });

  const httpApp = createApp({
    app,
    ping: () => redis.ping(),
    log,
    clientDirs: config.clientDirs,
    allowedOrigins: config.allowedOrigins,
    loginPerMinute: config.loginPerMinute,
    bookingPerMinute: config.bookingPerMinute,
    extra: (a) =>
      a.get('/metrics', async (_req, res) => {
        res.type(register.contentType).send(await register.metrics());
      }),
  });
  // The report records follow the event log (one consumer per site; every node may run it, each batch counts once).
  const figures = setInterval(() => {
    for (const site of app.sites.all()) app.dailyReports.catchUp(site.id).catch((err: Error) => log.warn({ err: err.message }, 'reports: catch-up failed'));
  }, 2000);
  figures.unref();
  const http = createServer(httpApp);
  const io = createSocketServer(http, app, tail, log.child({ mod: 'realtime' }), config.allowedOrigins);
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
    port,
    url: `http://127.0.0.1:${port}`,
    timers,
    async close() {
      // io.close() ends every socket and then closes the HTTP server, which waits for open
      // keep-alive connections (a browser's): end those too, or a stop can hang for seconds.
      const closed = new Promise<void>((resolve) => io.close(() => resolve()));
      http.closeAllConnections();
      await closed;
      clearInterval(figures);
      await tail.stop();
      await timers?.close();
      await app.extensions.close();
      redis.disconnect();
    },
  };
}
