/** Wires the engine, HTTP app, Socket.IO and timers onto one HTTP server. Used by main.ts and tests. */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Counter, register } from 'prom-client';
import type { Config } from './config.js';
import type { Site } from './domain/site.js';
import { createUseCases, type UseCases } from './app/use-cases.js';
import { EventLog } from './store/event-log.js';
import { connectRedis, type RedisConn } from './store/redis-connection.js';
import { createApp } from './http/app.js';
import type { Logger } from './logger.js';
import { EventTail } from './realtime/event-tail.js';
import { createSocketServer } from './realtime/socket-server.js';
import type { LoketServer } from './realtime/types.js';
import { startTimers, type Timers } from './jobs/timers.js';

export interface RunningServer {
  app: UseCases;
  /** The engine's command connection (tests read keys through it). */
  redis: RedisConn;
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


export async function startServer(o: ServerOptions): Promise<RunningServer> {
  const { config, log } = o;
  const redis = connectRedis(o.redisUrl, 'command');
  redis.on('error', (err) => log.warn({ err: err.message }, 'redis: connection error'));
  const app = await createUseCases({
    redis,
    sites: o.sites.values(),
    sessionSeconds: config.sessionSeconds,
    production: config.production,
    ignoreHours: config.ignoreHours,
    now: o.clock,
  });

  const tailConn = connectRedis(o.redisUrl, 'blocking');
  tailConn.on('error', () => undefined);
  const tail = new EventTail(new EventLog(tailConn, log.child({ mod: 'event-log' })), app.sites.all(), log.child({ mod: 'tail' }));
  await tail.start();

  const timers = config.noJobs ? null : await startTimers(app, connectRedis(o.redisUrl, 'jobs'), log.child({ mod: 'jobs' }));

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
    extra: (a) =>
      a.get('/metrics', async (_req, res) => {
        res.type(register.contentType).send(await register.metrics());
      }),
  });
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
      await tail.stop();
      await timers?.close();
      redis.disconnect();
    },
  };
}
