/** Maps every error to the contract's `{ error: { code, message, details? } }` with one status table. */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import type { Logger } from '../logger.js';
import { LoketError } from '../errors.js';
import type { ErrorBody, ErrorCode } from '../protocol/index.js';

export const STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_TRANSITION: 409,
  COUNTER_BUSY: 409,
  COUNTER_NOT_OPEN: 409,
  QUOTA_EXHAUSTED: 409,
  SITE_CLOSED: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  FEEDBACK_EXISTS: 409,
  FEEDBACK_NOT_ALLOWED: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  SLOT_FULL: 409,
  BOOKING_LIMIT: 409,
  CHECK_IN_TOO_EARLY: 409,
  BOOKING_NOT_CHANGEABLE: 409,
  STORE_UNAVAILABLE: 503,
  INTERNAL: 500,
  CONFLICT: 409,
  STRANDS_TICKETS: 409,
  SERVICE_OF_OTHER_AGENCY: 409,
};

export function body(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

function isStoreDown(err: unknown): boolean {
  const e = err as { name?: string; message?: string; code?: string };
  return (
    e?.name === 'MaxRetriesPerRequestError' ||
    /Connection is closed|Stream isn't writeable|Command timed out|ECONNREFUSED|LOADING/.test(e?.message ?? '') ||
    e?.code === 'ECONNREFUSED'
  );
}

export function toErrorResponse(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof LoketError) return { status: STATUS[err.code], body: body(err.code, err.message, err.details) };
  if (err instanceof ZodError) {
    const details = err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    return { status: 400, body: body('VALIDATION_FAILED', 'The request is not valid', details) };
  }
  const e = err as { type?: string; status?: number };
  if (e?.type === 'entity.too.large') return { status: 413, body: body('PAYLOAD_TOO_LARGE', 'The request body is too large') };
  if (e?.type === 'entity.parse.failed') return { status: 400, body: body('MALFORMED_JSON', 'The request body is not valid JSON') };
  if (e?.status && e.status >= 400 && e.status < 500) return { status: e.status, body: body('VALIDATION_FAILED', 'The request could not be read') };
  if (isStoreDown(err)) {
    // A command that timed out may have reached Redis and run: a write may still apply.
    const maybe = /Command timed out/.test((err as Error)?.message ?? '');
    return { status: 503, body: body('STORE_UNAVAILABLE', 'The store is not reachable; try again shortly', { mayHaveApplied: maybe }) };
  }
  return { status: 500, body: body('INTERNAL', 'Internal error') };
}

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    const r = toErrorResponse(err);
    if (r.status >= 500) log.error({ err }, 'request failed');
    res.status(r.status).json(r.body);
  };
}

export const notFoundHandler: RequestHandler = (_req, res) => {
  res.status(404).json(body('NOT_FOUND', 'No such route'));
};
