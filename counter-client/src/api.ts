/** Small fetch wrapper for the engine's JSON API: bearer token, typed errors. */
import type { ErrorBody } from '@loket/engine/protocol';
import { ApiError, sendJson } from '@loket/web-common/api';

export { ApiError };

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  token?: string | null;
  body?: unknown;
}

function isErrorBody(v: unknown): v is ErrorBody {
  return typeof v === 'object' && v !== null && 'error' in v && typeof (v as ErrorBody).error?.code === 'string';
}

/** Calls `path` on the page's own origin and returns the parsed JSON body. Throws `ApiError`. */
export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const { ok, status, text, data } = await sendJson(path, { method: opts.method ?? 'GET', token: opts.token, body: opts.body });
  if (!ok) {
    if (isErrorBody(data)) throw new ApiError(status, data.error.code, data.error.message);
    throw new ApiError(status, `HTTP_${status}`, text.slice(0, 200));
  }
  return data as T;
}

/** Path of a site-scoped API resource. */
export function sitePath(siteId: string, rest: string): string {
  return `/api/v1/sites/${encodeURIComponent(siteId)}${rest}`;
}
