/** The engine's JSON API from a display page: `apiBase + path`, the parsed body or an `ApiError`. */
import { ApiError, requestJson } from '@loket/web-common/api';

export { ApiError };

export interface RequestOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Sends one request to `apiBase + path`; resolves with the parsed body or throws ApiError. */
export function apiRequest<T>(apiBase: string, method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  return requestJson<T>(apiBase + path, { method, token: opts.token, body: opts.body, headers: opts.headers });
}
