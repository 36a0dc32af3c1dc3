/** Tiny fetch wrapper for the engine's JSON API (`{error:{code,message}}` on failure). */
import type { ErrorBody } from '@loket/engine/protocol';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** Engine error code (`QUOTA_EXHAUSTED`, ...) or `NETWORK` when no answer came. */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Sends one request to `apiBase + path`; resolves with the parsed body or throws ApiError. */
export async function apiRequest<T>(apiBase: string, method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(apiBase + path, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch (err) {
    throw new ApiError(0, 'NETWORK', err instanceof Error ? err.message : String(err));
  }
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: reported below by status */
  }
  if (!res.ok) {
    const err = (parsed as Partial<ErrorBody> | null)?.error;
    throw new ApiError(res.status, err?.code ?? `HTTP_${res.status}`, err?.message ?? res.statusText);
  }
  return parsed as T;
}
