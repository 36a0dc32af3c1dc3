/**
 * The fetch part of a call to the engine's JSON API, shared by both web
 * clients: `requestJson` answers the parsed body or throws `ApiError`.
 */

/** A failed request: `code` is the engine's error code (`QUOTA_EXHAUSTED`, ...), or `NETWORK` when no answer came. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The error's `details` as the engine sent them (e.g. `checkInFrom` of `CHECK_IN_TOO_EARLY`). */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface JsonRequest {
  method: string;
  /** Sent as `Authorization: Bearer <token>` when set. */
  token?: string | null;
  /** Sent as JSON when defined. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** An answer, failing or not: its body as text and as parsed JSON (null when empty or not JSON). */
export interface JsonAnswer {
  ok: boolean;
  status: number;
  statusText: string;
  text: string;
  data: unknown;
}

/** Sends one request to `url`. Throws `ApiError` with code `NETWORK` only when no answer came. */
export async function sendJson(url: string, req: JsonRequest): Promise<JsonAnswer> {
  const headers: Record<string, string> = { Accept: 'application/json', ...req.headers };
  if (req.token) headers.Authorization = `Bearer ${req.token}`;
  if (req.body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(url, {
      method: req.method,
      headers,
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
    });
  } catch (err) {
    throw new ApiError(0, 'NETWORK', err instanceof Error ? err.message : String(err));
  }
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: the caller reports it by status */
  }
  return { ok: res.ok, status: res.status, statusText: res.statusText, text, data };
}

/** `sendJson` that resolves with the parsed body, or throws `ApiError` with the engine's error code (`HTTP_<status>` when the body has none). */
export async function requestJson<T>(url: string, req: JsonRequest): Promise<T> {
  const { ok, status, statusText, text, data } = await sendJson(url, req);
  if (!ok) {
    const err = (data as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
    if (typeof err?.code === 'string') throw new ApiError(status, err.code, typeof err.message === 'string' ? err.message : statusText, err.details);
    throw new ApiError(status, `HTTP_${status}`, text.slice(0, 200) || statusText);
  }
  return data as T;
}
