/** Tiny fetch wrapper for the engine's JSON API (`{error:{code,message}}` on failure). */
import type { ErrorBody } from '@loket/engine/protocol';
import { ApiError, sendJson } from '@loket/web-common/api';

export { ApiError };

export interface RequestOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Sends one request to `apiBase + path`; resolves with the parsed body or throws ApiError. */
export async function apiRequest<T>(apiBase: string, method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const { ok, status, statusText, data } = await sendJson(apiBase + path, { method, token: opts.token, body: opts.body, headers: opts.headers });
  if (!ok) {
    const err = (data as Partial<ErrorBody> | null)?.error;
    throw new ApiError(status, err?.code ?? `HTTP_${status}`, err?.message ?? statusText);
  }
  return data as T;
}
