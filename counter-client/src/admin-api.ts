/**
 * Calls of the admin console: like `api()`, but a refusal keeps the engine's
 * `details: [{path, message}]` so a form can show each message next to its field.
 */
import { ApiError, sendJson } from '@loket/web-common/api';
import type { RequestOptions } from './api.js';

export interface FieldProblem {
  path: string;
  message: string;
}

/** A refused admin call, with the fields at fault (empty when the engine named none). */
export class AdminApiError extends ApiError {
  constructor(
    status: number,
    code: string,
    message: string,
    override readonly details: FieldProblem[],
    /** The engine's `details` as sent (e.g. the stranded tickets of a `409 STRANDS_TICKETS`). */
    readonly raw: unknown = undefined,
  ) {
    super(status, code, message, details);
  }
}

export async function adminApi<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const { ok, status, statusText, text, data } = await sendJson(path, { method: opts.method ?? 'GET', token: opts.token, body: opts.body });
  if (ok) return data as T;
  const err = (data as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  const details = Array.isArray(err?.details) ? (err.details as FieldProblem[]).filter((d) => typeof d?.path === 'string') : [];
  if (typeof err?.code === 'string') throw new AdminApiError(status, err.code, typeof err.message === 'string' ? err.message : statusText, details, err.details);
  throw new AdminApiError(status, `HTTP_${status}`, text.slice(0, 200) || statusText, []);
}

/** The field messages of a refusal by field path (`prefix`, `sla.minutes`...). */
export function fieldProblems(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (err instanceof AdminApiError)
    for (const d of err.details) {
      out[d.path] ??= d.message;
      // A whole-definition check names `agencies.2.services.4.prefix`: the form's field is its last named part.
      const last = d.path
        .split('.')
        .filter((p) => !/^\d+$/.test(p))
        .pop();
      if (last) out[last] ??= d.message;
    }
  return out;
}

/** A service whose waiting tickets a change would strand (`409 STRANDS_TICKETS`). */
export interface StrandedService {
  service: string;
  waiting: number;
  reason: 'removed' | 'unserved';
}

/** The stranded services of a refusal, or [] (held tickets cannot be moved: they are only in the message). */
export function strandedServices(err: unknown): StrandedService[] {
  if (!(err instanceof AdminApiError) || err.code !== 'STRANDS_TICKETS' || !Array.isArray(err.raw)) return [];
  return (err.raw as unknown[]).filter((x): x is StrandedService => typeof (x as StrandedService)?.service === 'string');
}
