// k6 (v0.45 or later): the sample mall's busiest hour over HTTP, time compressed (FACTOR, default 60x).
// Kiosk arrivals at the peak rate by service share (12% priority); one VU per counter, each on
// its own counter, calls, starts, serves for the service's time and finishes. Thresholds on
// p95/p99 and errors.
//   k6 run -e BASE_URL=http://127.0.0.1:3000 -e SITE=mpp-demo loadtest/k6/peak-hour.js
// Options (-e): FACTOR (60), MINUTES (60 simulated minutes), PER_HOUR (the site's peak-hour
// demand), COUNTERS (how many of the site's counters take part; all), SITE_FILE (the site JSON).
import exec from 'k6/execution';
import { check, sleep } from 'k6';
import { Counter, Trend } from 'k6/metrics';
import { KIOSK_TOKEN, paths, post, staffForCounters, weighted } from './lib/loket.js';

const site = JSON.parse(open(__ENV.SITE_FILE || '../../sites/mpp-demo.json'));
const FACTOR = Number(__ENV.FACTOR || 60);
const MINUTES = Number(__ENV.MINUTES || 60);
const hours = Object.values(site.demand.shareByHour);
const perHour = Number(__ENV.PER_HOUR || site.demand.ticketsPerDay * Math.max(...hours));
const wallSeconds = Math.ceil((MINUTES * 60) / FACTOR);
const avgMinutes = {};
for (const a of site.agencies) for (const s of a.services) avgMinutes[s.id] = s.avgServiceMinutes;
const serveSeconds = (serviceId) => ((avgMinutes[serviceId] || 10) * 60 * (0.5 + Math.random())) / FACTOR;
// The longest a counter serves one ticket (1.5x the slowest service), so the last one finishes in time.
const longestServe = Math.ceil((Math.max(10, ...Object.values(avgMinutes)) * 60 * 1.5) / FACTOR);
// One VU per counter: never more VUs than the site has counters.
const counters = site.counters.slice(0, Math.min(site.counters.length, Number(__ENV.COUNTERS || site.counters.length)));

const waitMinutes = new Trend('ticket_wait_sim_minutes');
const served = new Counter('tickets_served');
const quotaRefused = new Counter('issue_refused_quota');

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
      vus: counters.length,
      iterations: 1,
      maxDuration: `${wallSeconds + longestServe + 30}s`,
    },
  },
  thresholds: {
    'http_req_duration{name:issue}': ['p(95)<100', 'p(99)<250'],
    'http_req_duration{name:call-next}': ['p(95)<100', 'p(99)<250'],
    http_req_duration: ['p(95)<150', 'p(99)<300'],
    http_req_failed: ['rate<0.01'],
  },
};

/** Logs staff in (one login per agency), opens every counter that takes part, and clears what it holds. */
export function setup() {
  return { tokens: staffForCounters(site, counters) };
}

export function kiosk() {
  const serviceId = weighted(site.demand.shareByService);
  const body = { serviceId, channel: 'kiosk' };
  if (Math.random() < site.demand.priorityShare) {
    body.priority = 'priority';
    body.priorityReason = 'elderly';
  }
  // A service's daily quota may run out when the script runs several times a day: a 409, not a failure.
  const r = post(paths.tickets(), body, KIOSK_TOKEN, 'issue', { 'idempotency-key': `${exec.vu.idInTest}-${exec.scenario.iterationInTest}-${Date.now()}` }, [201, 409]);
  if (r.status === 409) quotaRefused.add(1);
  else check(r, { 'issued 201': (x) => x.status === 201 });
}

/**
 * One counter per VU. k6 numbers VUs (`__VU`) across all scenarios in no fixed order, so the
 * counter comes from this scenario's own iteration number: per-vu-iterations with one
 * iteration per VU gives each VU of the scenario a distinct 0..vus-1.
 */
export function counter(data) {
  const i = exec.scenario.iterationInTest;
  if (i >= counters.length) {
    console.warn(`counter VU ${exec.vu.idInTest}: the site has ${counters.length} counters, this VU (#${i + 1} of its scenario) has none and stops`);
    return;
  }
  const c = counters[i];
  const token = data.tokens[c.id];
  const end = Date.now() + wallSeconds * 1000;
  while (Date.now() < end) {
    // The counter holds nothing here: every ticket it called was finished or put back below.
    const r = post(paths.callNext(c.id), undefined, token, 'call-next');
    if (!check(r, { 'call-next 200': (x) => x.status === 200 })) return;
    const t = r.json('ticket');
    if (!t) {
      sleep(Math.max(0.2, 30 / FACTOR));
      continue;
    }
    waitMinutes.add(((Date.now() - Date.parse(t.createdAt)) * FACTOR) / 60000);
    const s = post(paths.ticket(t.id, 'start'), undefined, token, 'start');
    if (!check(s, { 'started 200': (x) => x.status === 200 })) {
      post(paths.ticket(t.id, 'requeue'), undefined, token, 'requeue');
      return;
    }
    sleep(serveSeconds(t.serviceId));
    const f = post(paths.ticket(t.id, 'finish'), undefined, token, 'finish');
    // A ticket the counter could not finish stays held: stop rather than call-next into COUNTER_BUSY.
    if (!check(f, { 'finished 200': (x) => x.status === 200 })) return;
    served.add(1);
  }
}
