// k6: the sample mall's busiest hour over HTTP, time compressed (FACTOR, default 60x).
// Kiosk arrivals at the peak rate by service share (12% priority); one VU per counter
// calls, starts, serves for the service's time and finishes. Thresholds on p95/p99 and errors.
//   k6 run -e BASE_URL=http://127.0.0.1:3000 -e SITE=mpp-demo loadtest/k6/peak-hour.js
import { check, sleep } from 'k6';
import { Counter, Trend } from 'k6/metrics';
import { KIOSK_TOKEN, paths, post, staffLogin, weighted } from './lib/loket.js';

const site = JSON.parse(open(__ENV.SITE_FILE || '../../sites/mpp-demo.json'));
const FACTOR = Number(__ENV.FACTOR || 60);
const MINUTES = Number(__ENV.MINUTES || 60);
const hours = Object.values(site.demand.shareByHour);
const perHour = site.demand.ticketsPerDay * Math.max(...hours);
const wallSeconds = Math.ceil((MINUTES * 60) / FACTOR);
const avgMinutes = {};
for (const a of site.agencies) for (const s of a.services) avgMinutes[s.id] = s.avgServiceMinutes;

const waitMinutes = new Trend('ticket_wait_sim_minutes');
const served = new Counter('tickets_served');

export const options = {
  scenarios: {
    kiosk: {
      executor: 'constant-arrival-rate',
      exec: 'kiosk',
      rate: Math.max(1, Math.round((perHour * FACTOR) / 60)),
      timeUnit: '1m',
      duration: `${wallSeconds}s`,
      preAllocatedVUs: 10,
      maxVUs: 50,
    },
    counters: {
      executor: 'per-vu-iterations',
      exec: 'counter',
      vus: site.counters.length,
      iterations: 1,
      maxDuration: `${wallSeconds + 30}s`,
    },
  },
  thresholds: {
    'http_req_duration{name:issue}': ['p(95)<100', 'p(99)<250'],
    'http_req_duration{name:call-next}': ['p(95)<100', 'p(99)<250'],
    http_req_duration: ['p(95)<150', 'p(99)<300'],
    http_req_failed: ['rate<0.01'],
  },
};

export function setup() {
  return { tokens: site.counters.map((c) => staffLogin(c.id)) };
}

export function kiosk() {
  const serviceId = weighted(site.demand.shareByService);
  const body = { serviceId, channel: 'kiosk' };
  if (Math.random() < site.demand.priorityShare) {
    body.priority = 'priority';
    body.priorityReason = 'elderly';
  }
  const r = post(paths.tickets(), body, KIOSK_TOKEN, 'issue', { 'idempotency-key': `${__VU}-${__ITER}-${Date.now()}` });
  check(r, { 'issued 201': (x) => x.status === 201 });
}

export function counter(data) {
  const i = __VU - 1;
  const c = site.counters[i % site.counters.length];
  const token = data.tokens[i % data.tokens.length];
  const end = Date.now() + wallSeconds * 1000;
  while (Date.now() < end) {
    const r = post(paths.callNext(c.id), undefined, token, 'call-next');
    const t = r.status === 200 ? r.json('ticket') : null;
    if (!t) {
      sleep(Math.max(0.2, 30 / FACTOR));
      continue;
    }
    waitMinutes.add(((Date.now() - Date.parse(t.createdAt)) * FACTOR) / 60000);
    post(paths.ticket(t.id, 'start'), undefined, token, 'start');
    sleep(((avgMinutes[t.serviceId] || 10) * 60 * (0.5 + Math.random())) / FACTOR);
    const f = post(paths.ticket(t.id, 'finish'), undefined, token, 'finish');
    if (check(f, { 'finished 200': (x) => x.status === 200 })) served.add(1);
  }
}
