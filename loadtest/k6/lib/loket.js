// Shared helpers of the k6 scripts: the engine's HTTP API (design.md, v1).
// Plain ES module; k6 only (imports k6/http). CI checks the syntax with `node --check`.
import http from 'k6/http';

export const BASE = __ENV.BASE_URL || 'http://127.0.0.1:3000';
export const SITE = __ENV.SITE || 'mpp-demo';
export const KIOSK_TOKEN = __ENV.KIOSK_TOKEN || 'demo-kiosk-token';
export const DISPLAY_TOKEN = __ENV.DISPLAY_TOKEN || 'demo-display-token';

export function headers(token, extra) {
  return { headers: Object.assign({ 'content-type': 'application/json', authorization: `Bearer ${token}` }, extra || {}), tags: {} };
}

/** POST with a JSON body; `name` groups the URL in k6's metrics. */
export function post(path, body, token, name, extra) {
  const p = headers(token, extra);
  p.tags.name = name;
  return http.post(`${BASE}${path}`, body === undefined ? null : JSON.stringify(body), p);
}

/** Logs `staff-<counter>` in (site-qualified when several sites are loaded) and opens the counter. */
export function staffLogin(counterId) {
  const user = __ENV.QUALIFY === '0' ? `staff-${counterId}` : `${SITE}/staff-${counterId}`;
  const r = http.post(`${BASE}/api/v1/auth/login`, JSON.stringify({ username: user, password: __ENV.PASSWORD || 'demo' }), {
    headers: { 'content-type': 'application/json' },
    tags: { name: 'login' },
  });
  if (r.status !== 200) throw new Error(`login ${user}: ${r.status} ${r.body}`);
  const token = r.json('token');
  http.patch(`${BASE}/api/v1/sites/${SITE}/counters/${counterId}`, JSON.stringify({ status: 'open' }), headers(token));
  return token;
}

export const paths = {
  tickets: () => `/api/v1/sites/${SITE}/tickets`,
  callNext: (counter) => `/api/v1/sites/${SITE}/counters/${counter}/call-next`,
  ticket: (id, verb) => `/api/v1/sites/${SITE}/tickets/${id}/${verb}`,
};

/** Picks a key of `weights` by weight. */
export function weighted(weights) {
  const entries = Object.entries(weights);
  let x = Math.random() * entries.reduce((a, e) => a + e[1], 0);
  for (const [k, w] of entries) {
    x -= w;
    if (x <= 0) return k;
  }
  return entries[entries.length - 1][0];
}
