// Stand-in for `k6/http`: synchronous requests, made by the host (runner.ts) with fetch while
// this VU blocks. The host records every request and the built-in metrics (http_reqs,
// http_req_duration, http_req_failed with k6's default 200-399 or the responseCallback).
import { call, ctx } from '../runtime.mjs';

/** `r.json('a.b.0')`: the dotted subset of k6's gjson selectors. */
function select(value, selector) {
  if (!selector) return value;
  let v = value;
  for (const part of String(selector).split('.')) {
    if (v === null || v === undefined) return undefined;
    v = v[part];
  }
  return v;
}

let defaultExpected = null;

function request(method, url, body, params) {
  const p = params || {};
  const headers = { ...(p.headers || {}) };
  let payload = body;
  if (payload !== null && payload !== undefined && typeof payload === 'object') {
    payload = new URLSearchParams(payload).toString();
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  const expected = p.responseCallback !== undefined ? p.responseCallback : defaultExpected;
  const tags = { ...(p.tags || {}), scenario: ctx.scenario?.name ?? (ctx.vuId === 0 ? 'setup' : '') };
  const a = call({ op: 'http', method, url: String(url), body: payload === null || payload === undefined ? null : String(payload), headers, tags, expected, timeoutMs: 60_000 });
  const res = {
    status: a.status,
    body: a.body,
    headers: a.headers,
    url: String(url),
    error: a.error || '',
    error_code: a.error ? 1000 : 0,
    timings: { duration: a.durationMs, waiting: a.durationMs, sending: 0, receiving: 0, blocked: 0, connecting: 0 },
    request: { method, url: String(url), body: payload, headers },
    json(selector) {
      return select(JSON.parse(a.body), selector);
    },
  };
  return res;
}

/** k6 marks a response callback it made; the host reads the statuses. */
export function expectedStatuses(...list) {
  return { expectedStatuses: list };
}
export function setResponseCallback(cb) {
  defaultExpected = cb;
}

export const get = (url, params) => request('GET', url, null, params);
export const head = (url, params) => request('HEAD', url, null, params);
export const options = (url, body, params) => request('OPTIONS', url, body, params);
export const post = (url, body, params) => request('POST', url, body, params);
export const put = (url, body, params) => request('PUT', url, body, params);
export const patch = (url, body, params) => request('PATCH', url, body, params);
export const del = (url, body, params) => request('DELETE', url, body, params);
export { request };

export default { get, head, options, post, put, patch, del, request, expectedStatuses, setResponseCallback };
