/** The express app: security headers, logging, body limits, the API routes and the web clients. */
import cors from 'cors';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { UseCases } from '../app/use-cases.js';
import type { Logger } from '../logger.js';
import type { RedisConn } from '../redis-connection.js';
import { body, errorHandler, notFoundHandler } from './error-handler.js';
import { Limits } from './rate-limit.js';
import { deadline } from './deadline.js';
import { serveHotRoutes } from './hot-path.js';
import { redactUrl } from './redact.js';
import { openApi } from './openapi.js';
import { adminRoutes } from './routes/admin-routes.js';
import { authRoutes } from './routes/auth-routes.js';
import { bookingRoutes } from './routes/booking-routes.js';
import { counterRoutes, hotCounterRoutes } from './routes/counter-routes.js';
import { publicRoutes } from './routes/public-routes.js';
import { reportRoutes } from './routes/report-routes.js';
import { hotTicketRoutes, ticketRoutes } from './routes/ticket-routes.js';
import { webhookRoutes } from './routes/webhook-routes.js';
import { staticPages } from './static-pages.js';

export interface AppOptions {
  app: UseCases;
  /** Resolves when the store answers (readiness). */
  ping: () => Promise<unknown>;
  log: Logger;
  clientDirs: { displays: string; counter: string };
  /** Other origins that may embed the web components and call the API (LOKET_ALLOWED_ORIGINS). */
  allowedOrigins?: string[];
  /** Per IP and minute. */
  loginPerMinute?: number;
  /** Public booking writes (book, cancel) per IP and minute. */
  bookingPerMinute?: number;
  /** What /readyz reports beside the store's answer. */
  status?: () => { stopping: boolean; reseeds: { siteId: string; at: string }[] };
  /** Shared rate limits (Redis) and who the client is. */
  limits: {
    redis: RedisConn;
    trustProxy: boolean | number | string;
    loginPerAccount: number;
    issuePerMinuteDevice: number;
    issuePerMinuteAddress: number;
  };
  /** Every request is answered within this long (503 when the store did not answer in time). */
  requestTimeoutMs?: number;
  /** Extra routes mounted before the 404 (metrics). */
  extra?: (app: Express) => void;
}

export function createApp(o: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  // No ETag on res.send/res.json: express would SHA-1 every API answer (POSTs included, where
  // it is never used; 2-3% of the engine's CPU under the HTTP bench, issue 15). The static
  // files (express.static, res.sendFile) keep theirs: those set their own.
  app.set('etag', false);
  // Who the client is: the socket's address, unless LOKET_TRUST_PROXY names the proxies in front.
  app.set('trust proxy', o.limits.trustProxy);
  const limits = new Limits({ ...o.limits, loginPerMinute: o.loginPerMinute ?? 60 });
  // The app-level middleware, in order: mounted here, and run by the hot path (hot-path.ts)
  // before a hot route's own handlers. A request to a hot route passes through exactly these.
  const before: express.RequestHandler[] = [];
  before.push(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          connectSrc: ["'self'", 'ws:', 'wss:'],
          mediaSrc: ["'self'", 'data:', 'blob:'],
          upgradeInsecureRequests: null,
        },
      },
      crossOriginEmbedderPolicy: false,
      strictTransportSecurity: false,
    }),
  );
  // Request logs cost on every request: only where they would be written.
  if (o.log.isLevelEnabled('info')) {
    before.push(
      pinoHttp({
        logger: o.log.child({ mod: 'http' }),
        autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
        // Status tokens travel in paths and device tokens may in query strings: never in a log line.
        serializers: {
          req: (req: { id?: unknown; method?: string; url?: string; remoteAddress?: string }) => ({
            id: req.id,
            method: req.method,
            url: redactUrl(req.url ?? ''),
            remoteAddress: req.remoteAddress,
          }),
        },
      }),
    );
  }
  for (const fn of before) app.use(fn);
  // A whole site definition is larger than any other body (body-parser skips a parsed body).
  // No hot route is under this path: the hot path leaves it out.
  app.use('/api/v1/sites/:site/config', express.json({ limit: '1mb' }));
  const deadlineMw = o.requestTimeoutMs ? deadline(o.requestTimeoutMs) : null;
  const jsonMw = express.json({ limit: '16kb' });
  if (deadlineMw) app.use(deadlineMw);
  app.use(jsonMw);
  before.push(...(deadlineMw ? [deadlineMw] : []), jsonMw);
  if (o.allowedOrigins?.length) {
    const origin = o.allowedOrigins.includes('*') ? true : o.allowedOrigins;
    // Embedding on another site: the component bundles and the API, answered to those origins only.
    const corsMw = cors({ origin, allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'], maxAge: 600 });
    app.use(['/api', '/ui'], corsMw);
    // Every hot route is under /api.
    before.push(corsMw);
  }

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/readyz', async (_req, res) => {
    const status = o.status?.() ?? { stopping: false, reseeds: [] };
    if (status.stopping) return void res.status(503).json(body('STORE_UNAVAILABLE', 'Stopping'));
    try {
      await Promise.race([o.ping(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000))]);
      // A store found empty and reseeded is ready again, but says so (its earlier tickets are gone).
      res.json(status.reseeds.length ? { ok: true, reseeded: status.reseeds } : { ok: true });
    } catch {
      res.status(503).json({ error: { code: 'STORE_UNAVAILABLE', message: 'Redis is not reachable' } });
    }
  });
  app.get(['/api/docs', '/api/docs/openapi.json'], (_req, res) => {
    res.json(openApi);
  });

  // The hot routes (every transition) first, and through the hot path: they do not walk the
  // routers' layers. No path of one router matches another's, so the order changes nothing else.
  const hotTickets = hotTicketRoutes(o.app, limits);
  const hotCounters = hotCounterRoutes(o.app);
  app.use('/api/v1/sites/:site/tickets', ticketRoutes(o.app, limits, hotTickets));
  app.use('/api/v1/sites/:site/counters', counterRoutes(o.app, hotCounters));
  app.use('/api/v1/auth', authRoutes(o.app, limits));
  app.use('/api/v1', publicRoutes(o.app));
  app.use('/api/v1', bookingRoutes(o.app, { bookingPerMinute: o.bookingPerMinute ?? 10 }));
  app.use('/api/v1/sites/:site', reportRoutes(o.app));
  app.use('/api/v1/sites/:site', adminRoutes(o.app));
  app.use('/api/v1/sites/:site/webhooks', webhookRoutes(o.app));
  o.extra?.(app);
  app.use(staticPages(o.clientDirs));
  app.use(notFoundHandler);
  const onError = errorHandler(o.log);
  app.use(onError);
  serveHotRoutes(app, {
    before,
    mounts: [
      { prefix: '/api/v1/sites/:site/tickets', routes: hotTickets },
      { prefix: '/api/v1/sites/:site/counters', routes: hotCounters },
    ],
    onError,
    notFound: notFoundHandler,
  });
  return app;
}
