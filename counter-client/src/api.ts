/** The engine's JSON API from a staff page (same origin): bearer token, typed errors. */
import { ApiError, requestJson } from '@loket/web-common/api';

export { ApiError };

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  token?: string | null;
  body?: unknown;
}

/** Calls `path` on the page's own origin and returns the parsed JSON body. Throws `ApiError`. */
export function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  return requestJson<T>(path, { method: opts.method ?? 'GET', token: opts.token, body: opts.body });
}

/** Path of a site-scoped API resource. */
export function sitePath(siteId: string, rest: string): string {
  return `/api/v1/sites/${encodeURIComponent(siteId)}${rest}`;
}
