/**
 * The hot routes (issue, call-next, the ticket transitions: what every kiosk and desk sends
 * all day) dispatched without express's router: the path is split once, compared with a few
 * precompiled patterns, and the app-level middleware and the route's own handlers run in
 * order, exactly the chain express would run (the routers keep the same routes, so anything
 * this does not match, e.g. a different case, a trailing slash or an encoded character, still
 * reaches them through express).
 *
 * Why: express 5's router allocates per request and per layer it walks (its dispatch closures,
 * params objects, `debug` arguments), and a transition walked the app's layers, two mounted
 * routers and up to a dozen route layers: the largest allocator of a transition request, and
 * a good part of its CPU (issue 14).
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorRequestHandler, Express, NextFunction, Request, RequestHandler, Response } from 'express';

/** One route of a router, with the handlers it mounts (the router registers the same list). */
export interface HotRoute {
  method: 'post' | 'get' | 'patch';
  /** Relative to the router's mount, e.g. `/:id/start`. */
  path: string;
  handlers: RequestHandler[];
}

/** A mounted router's hot routes and where it is mounted, e.g. `/api/v1/sites/:site/tickets`. */
export interface HotMount {
  prefix: string;
  routes: HotRoute[];
}

interface Compiled {
  method: string;
  /** Literal segment, or the name of a param (`:name`). */
  segs: { lit: string | null; param: string | null }[];
  handlers: RequestHandler[];
}

const compile = (prefix: string, r: HotRoute, before: RequestHandler[]): Compiled => ({
  method: r.method.toUpperCase(),
  segs: `${prefix}${r.path === '/' ? '' : r.path}`
    .split('/')
    .slice(1)
    .map((s) => (s.startsWith(':') ? { lit: null, param: s.slice(1) } : { lit: s, param: null })),
  handlers: [...before, ...r.handlers],
});

/** Runs `handlers` in order as express would (a returned promise that rejects is an error); an error goes to `done`. */
function runChain(handlers: RequestHandler[], req: Request, res: Response, done: NextFunction): void {
  let i = 0;
  const next = (err?: unknown): void => {
    if (err !== undefined && err !== null) {
      // 'route' / 'router' skip to the next route in express: none of the hot handlers uses them.
      done(err === 'route' || err === 'router' ? undefined : err);
      return;
    }
    const fn = handlers[i++];
    if (!fn) return done();
    try {
      const ret = fn(req, res, next) as unknown;
      if (ret instanceof Promise) ret.then(undefined, (e: unknown) => next(e ?? new Error('Rejected promise')));
    } catch (e) {
      next(e);
    }
  };
  next();
}

/** Finds the hot route of a request: its handlers and params, or null (the request goes to express). */
export function hotMatcher(mounts: HotMount[], before: RequestHandler[] = []): (req: IncomingMessage) => { handlers: RequestHandler[]; params: Record<string, string> } | null {
  const routes = mounts.flatMap((m) => m.routes.map((r) => compile(m.prefix, r, before)));
  const maxSegs = Math.max(...routes.map((r) => r.segs.length));
  return (req) => {
    const url = req.url ?? '';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    // Encoded characters, empty segments, a trailing slash: the router's to decode, match or refuse.
    if (path.charCodeAt(0) !== 47 || path.includes('%') || path.includes('//') || path.endsWith('/')) return null;
    const parts = path.split('/');
    const n = parts.length - 1;
    if (n > maxSegs) return null;
    for (const r of routes) {
      if (r.method !== req.method || r.segs.length !== n) continue;
      let params: Record<string, string> | null = {};
      for (let k = 0; k < n; k++) {
        const s = r.segs[k]!;
        const v = parts[k + 1]!;
        if (s.lit !== null) {
          if (s.lit !== v) {
            params = null;
            break;
          }
        } else params[s.param!] = v;
      }
      if (params) return { handlers: r.handlers, params };
    }
    return null;
  };
}

/**
 * Serves the mounts' hot routes before express's router: `before` is the app-level middleware
 * a request to those paths passes through (in the app's order), then the route's handlers; an
 * error goes to `onError`, as express's would. Every other request goes to express unchanged.
 * It does what `app.handle` does first (circular references, prototypes, locals), so the
 * handlers see the same `req` and `res`.
 */
export function serveHotRoutes(app: Express, o: { before: RequestHandler[]; mounts: HotMount[]; onError: ErrorRequestHandler; notFound: RequestHandler }): void {
  const match = hotMatcher(o.mounts, o.before);
  // `handle` is express's dispatch (not in its types): what `app(req, res)` calls.
  const x = app as unknown as { handle: (req: Request, res: Response, cb?: NextFunction) => void; request: object; response: object };
  const handle = x.handle.bind(app);
  const poweredBy = app.enabled('x-powered-by');
  x.handle = (req, res, cb) => {
    const m = match(req);
    if (!m) return handle(req, res, cb);
    if (poweredBy) res.setHeader('X-Powered-By', 'Express');
    req.res = res;
    res.req = req;
    // Made by expressHttpClasses: express's methods are on their prototype chain already.
    if (!x.request.isPrototypeOf(req)) Object.setPrototypeOf(req, x.request);
    if (!x.response.isPrototypeOf(res)) Object.setPrototypeOf(res, x.response);
    if (!res.locals) res.locals = Object.create(null) as Record<string, unknown>;
    req.originalUrl = req.originalUrl || req.url;
    req.baseUrl = '';
    req.params = m.params;
    runChain(m.handlers, req, res, (err?: unknown) => {
      if (err === undefined || err === null) return o.notFound(req, res, () => undefined);
      o.onError(err, req, res, () => {
        if (!res.headersSent) res.status(500).end();
      });
    });
  };
}

/**
 * Request and response classes for `http.createServer` whose prototypes already inherit
 * from the app's `request` and `response` (express's methods over node's), so a hot route
 * need not change each request's prototype as `app.handle` does: `Object.setPrototypeOf` on
 * two objects per request was the largest allocator of a transition and a large part of its
 * CPU (V8 gives an object whose prototype changes a new map and drops what its inline caches
 * knew; issue 14). Every other request still goes through express, which sets the same
 * prototypes as before.
 */
export function expressHttpClasses(app: Express): { IncomingMessage: typeof IncomingMessage; ServerResponse: typeof ServerResponse } {
  const x = app as unknown as { request: object; response: object };
  class Req extends IncomingMessage {}
  class Res extends ServerResponse {}
  Object.setPrototypeOf(Req.prototype, x.request);
  Object.setPrototypeOf(Res.prototype, x.response);
  // A subclass with no members of its own: the generic signature of node's class is not inferred for it.
  return { IncomingMessage: Req, ServerResponse: Res as typeof ServerResponse };
}

/**
 * `res.status(status).json(obj)` for the hot routes, without express's per-call lookups
 * (settings, charset parsing, mime tables): the same status, headers and body as express
 * gives (no ETag: the app has none; no JSON replacer, spaces or escaping: the app sets none).
 * Nothing is sent when an answer went out already (the request deadline's 503).
 */
export function sendJson(res: Response, status: number, obj: unknown): void {
  if (res.headersSent) return;
  const s = JSON.stringify(obj);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(s));
  res.end(s);
}
