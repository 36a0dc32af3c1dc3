/**
 * The bound on every request: when no answer was sent after `ms` (the store stalled: its
 * commands time out after LOKET_REDIS_TIMEOUT_MS, but a request may run several), answer
 * `503 STORE_UNAVAILABLE`. A write answered so may still apply once the store answers: the
 * body says `mayHaveApplied`, and a kiosk retries with the same Idempotency-Key.
 *
 * One sweep for all requests, not a timer and two listeners per request (those were 4% of a
 * transition's CPU, issue 14): the requests in flight wait in a map in arrival order (so in
 * deadline order); a sweep every `ms / 20` (at most 100 ms) drops the answered ones and answers
 * the overdue ones, so a deadline fires within `ms` plus one sweep. The sweep runs only while
 * requests are in flight, and an answered request stays in the map one sweep at most.
 */
import type { RequestHandler, Response } from 'express';
import { body } from './error-handler.js';

export function deadline(ms: number): RequestHandler {
  const pending = new Map<Response, number>();
  const every = Math.max(5, Math.min(100, Math.floor(ms / 20)));
  let timer: NodeJS.Timeout | null = null;
  const sweep = (): void => {
    const now = performance.now();
    for (const [res, due] of pending) {
      if (res.headersSent || res.writableEnded || res.destroyed) pending.delete(res);
      else if (due <= now) {
        pending.delete(res);
        expire(res);
      }
    }
    if (pending.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
  return (_req, res, next) => {
    pending.set(res, performance.now() + ms);
    if (!timer) {
      timer = setInterval(sweep, every);
      timer.unref();
    }
    next();
  };
}

function expire(res: Response): void {
  res.status(503).json(body('STORE_UNAVAILABLE', 'The store did not answer in time; try again shortly', { mayHaveApplied: res.req.method !== 'GET' }));
  // What the route sends later goes nowhere.
  res.json = () => res;
  res.send = () => res;
  res.end = (() => res) as typeof res.end;
  res.status = () => res;
}
