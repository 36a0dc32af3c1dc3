// Shared helpers of the k6 scripts: the engine's HTTP API (design.md, v1).
// Plain ES module for k6 v0.45 or later (imports k6/http). CI runs the scripts against a real
// engine with a stand-in for the k6 modules (loadtest/test/k6-run.test.ts).
import http from 'k6/http';

export const BASE = __ENV.BASE_URL || 'http://127.0.0.1:3000';
export const SITE = __ENV.SITE || 'mpp-demo';
export const KIOSK_TOKEN = __ENV.KIOSK_TOKEN || 'demo-kiosk-token';
export const DISPLAY_TOKEN = __ENV.DISPLAY_TOKEN || 'demo-display-token';

export function headers(token, extra) {
  return { headers: Object.assign({ 'content-type': 'application/json', authorization: `Bearer ${token}` }, extra || {}), tags: {} };
}

/** POST with a JSON body; `name` groups the URL in k6's metrics; `expected` lists statuses that are not failures. */
export function post(path, body, token, name, extra, expected) {
  const p = headers(token, extra);
  p.tags.name = name;
  if (expected) p.responseCallback = http.expectedStatuses(...expected);
  return http.post(`${BASE}${path}`, body === undefined ? null : JSON.stringify(body), p);
}

export const paths = {
  tickets: () => `/api/v1/sites/${SITE}/tickets`,
  counters: () => `/api/v1/sites/${SITE}/counters`,
  counter: (counter) => `/api/v1/sites/${SITE}/counters/${counter}`,
  callNext: (counter) => `/api/v1/sites/${SITE}/counters/${counter}/call-next`,
  ticket: (id, verb) => `/api/v1/sites/${SITE}/tickets/${id}/${verb}`,
};

/** Logs `staff-<counter>` in (site-qualified unless QUALIFY=0); returns the bearer token. Throws on failure. */
export function login(counterId) {
  const user = __ENV.QUALIFY === '0' ? `staff-${counterId}` : `${SITE}/staff-${counterId}`;
  const r = http.post(`${BASE}/api/v1/auth/login`, JSON.stringify({ username: user, password: __ENV.PASSWORD || 'demo' }), {
    headers: { 'content-type': 'application/json' },
    tags: { name: 'login' },
  });
  if (r.status !== 200) throw new Error(`login ${user}: ${r.status} ${r.body}`);
  return r.json('token');
}

/**
 * Opens the counters and makes each hold nothing: a ticket left held by an earlier run that was
 * stopped part-way is finished (serving) or put back in its queue (called), so that the first
 * `call-next` of this run does not meet COUNTER_BUSY. Throws when a counter cannot be opened.
 */
export function openCounters(token, counterIds) {
  for (const id of counterIds) {
    const r = http.patch(`${BASE}${paths.counter(id)}`, JSON.stringify({ status: 'open' }), Object.assign(headers(token), { tags: { name: 'open-counter' } }));
    if (r.status !== 200) throw new Error(`open counter ${id}: ${r.status} ${r.body}`);
  }
  const list = http.get(`${BASE}${paths.counters()}`, Object.assign(headers(token), { tags: { name: 'counters' } }));
  if (list.status !== 200) throw new Error(`list counters: ${list.status} ${list.body}`);
  for (const c of list.json('counters')) {
    const t = c.currentTicket;
    if (!t || !counterIds.includes(c.id)) continue;
    const verb = t.state === 'serving' ? 'finish' : 'requeue';
    const r = post(paths.ticket(t.id, verb), undefined, token, verb);
    if (r.status !== 200) throw new Error(`counter ${c.id} holds ${t.number} (${t.state}); ${verb}: ${r.status} ${r.body}`);
  }
}

/** Logs `staff-<counter>` in and opens that counter (see openCounters); returns the token. */
export function staffLogin(counterId) {
  const token = login(counterId);
  openCounters(token, [counterId]);
  return token;
}

/**
 * Tokens for the given counters of `site`, one login per agency (a demo staff account works at
 * every counter of its agency, and the engine limits logins per address and minute), every
 * counter opened and holding nothing. Returns `{ [counterId]: token }`.
 */
export function staffForCounters(site, counters) {
  const byAgency = {};
  for (const c of counters) (byAgency[c.agencyId] = byAgency[c.agencyId] || []).push(c.id);
  const tokens = {};
  for (const ids of Object.values(byAgency)) {
    const token = login(ids[0]);
    openCounters(token, ids);
    for (const id of ids) tokens[id] = token;
  }
  return tokens;
}

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
