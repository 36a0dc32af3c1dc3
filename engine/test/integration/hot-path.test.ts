/**
 * The hot path (src/http/hot-path.ts) serves issue, call-next and the ticket transitions
 * without express's router. These tests hold it to what the router answers: the same headers,
 * the same errors (bad JSON, too large, no token, wrong role, other site, bad id), the request
 * deadline (503 while Redis is stalled), and the forms it leaves to the router still work.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, KIOSK_TOKEN, login, startTestEngine, type TestEngine } from '../support/harness.js';
import { startRedis, type RedisHandle } from '../support/redis-server.js';

let e: TestEngine;
let redis: RedisHandle;
let staff: string;
const site = () => `/api/v1/sites/${e.siteId}`;

beforeAll(async () => {
  // Its own redis-server, so the deadline test may stall it (the shared test cluster cannot be).
  redis = await startRedis();
  e = await startTestEngine({ jobs: false, redisUrl: redis.url, env: { LOKET_REQUEST_TIMEOUT_MS: '2000', LOKET_REDIS_TIMEOUT_MS: '10000' } });
  staff = await login(e.url, 'staff-1');
  expect((await api(e.url, 'PATCH', `${site()}/counters/1`, { token: staff, body: { status: 'open' } })).status).toBe(200);
});
afterAll(async () => {
  await e.stop();
  await redis.stop();
});

/** Status, the header names (minus the per-answer ones) and the body's error code. */
async function answer(method: string, path: string, o: { token?: string; body?: unknown; raw?: string } = {}) {
  const headers: Record<string, string> = {};
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  const payload = o.raw ?? (o.body === undefined ? undefined : JSON.stringify(o.body));
  if (payload !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(e.url + path, { method, headers, ...(payload !== undefined ? { body: payload } : {}) });
  const text = await res.text();
  // Header names and values, minus those that differ per answer.
  const names = [...res.headers.entries()]
    .filter(([h]) => !['date', 'content-length', 'keep-alive', 'connection'].includes(h))
    .map(([h, v]) => `${h}: ${v}`)
    .sort();
  const body = text ? (JSON.parse(text) as { error?: { code: string }; ticket?: { id: string; state: string } | null }) : null;
  return { status: res.status, names, code: body?.error?.code ?? null, body };
}

describe('the hot path', () => {
  it('answers a transition with the headers and errors the router gives the same request', async () => {
    // The trailing-slash form is left to the router: same route, same middleware.
    const hot = await answer('POST', `${site()}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'ktp' } });
    const routed = await answer('POST', `${site()}/tickets/`, { token: KIOSK_TOKEN, body: { serviceId: 'ktp' } });
    expect(hot.status).toBe(201);
    expect(routed.status).toBe(201);
    expect(hot.names).toEqual(routed.names);
    expect(hot.names).toEqual(expect.arrayContaining(['content-type: application/json; charset=utf-8', 'x-content-type-options: nosniff', 'x-frame-options: SAMEORIGIN']));
    expect(hot.names.some((h) => h.startsWith('content-security-policy: '))).toBe(true);
    expect(hot.names.some((h) => h.startsWith('x-powered-by'))).toBe(false);

    const cases: [string, string, { token?: string; body?: unknown; raw?: string }, number, string][] = [
      ['POST', `${site()}/tickets`, { token: KIOSK_TOKEN, raw: '{"serviceId":' }, 400, 'MALFORMED_JSON'],
      ['POST', `${site()}/tickets`, { token: KIOSK_TOKEN, raw: JSON.stringify({ serviceId: 'x'.repeat(20_000) }) }, 413, 'PAYLOAD_TOO_LARGE'],
      ['POST', `${site()}/tickets`, { body: { serviceId: 'ktp' } }, 401, 'UNAUTHENTICATED'],
      ['POST', `${site()}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'ktp', extra: 1 } }, 400, 'VALIDATION_FAILED'],
      ['POST', `/api/v1/sites/other-site/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'ktp' } }, 403, 'FORBIDDEN'],
      ['POST', `${site()}/tickets/nope/start`, { token: KIOSK_TOKEN }, 403, 'FORBIDDEN'],
      ['POST', `${site()}/tickets/no*such/start`, { token: staff }, 400, 'VALIDATION_FAILED'],
      ['POST', `${site()}/tickets/nosuchticket/finish`, { token: staff }, 404, 'NOT_FOUND'],
      ['POST', `${site()}/counters/99/call-next`, { token: staff }, 404, 'NOT_FOUND'],
    ];
    for (const [method, path, o, status, code] of cases) {
      const a = await answer(method, path, o);
      const b = await answer(method, `${path}/`, o);
      expect({ path, status: a.status, code: a.code }).toEqual({ path, status, code });
      expect({ path, status: b.status, code: b.code, names: b.names }).toEqual({ path, status, code, names: a.names });
    }
  });

  it('runs a whole cycle on the hot forms, and leaves other forms (case, encoding) to the router', async () => {
    const t = await answer('POST', `${site()}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'ktp' } });
    expect(t.status).toBe(201);
    let called = await answer('POST', `${site()}/counters/1/call-next`, { token: staff });
    // Earlier tests left tickets waiting: call until ours comes up (finishing the others).
    while (called.body?.ticket && called.body.ticket.id !== t.body?.ticket?.id) {
      expect((await answer('POST', `${site()}/tickets/${called.body.ticket.id}/start`, { token: staff })).status).toBe(200);
      expect((await answer('POST', `${site()}/tickets/${called.body.ticket.id}/finish`, { token: staff })).status).toBe(200);
      called = await answer('POST', `${site()}/counters/1/call-next`, { token: staff });
    }
    expect(called.body?.ticket?.state).toBe('called');
    const id = t.body!.ticket!.id;
    // Express matches paths case-insensitively and decodes params: those forms reach the router.
    const started = await answer('POST', `${site()}/TICKETS/${encodeURIComponent(id).replace(/^./, (c) => `%${c.charCodeAt(0).toString(16)}`)}/Start`, { token: staff });
    expect(started.status).toBe(200);
    expect(started.body?.ticket?.state).toBe('serving');
    const finished = await answer('POST', `${site()}/tickets/${id}/finish?x=1`, { token: staff });
    expect(finished.status).toBe(200);
    expect(finished.body?.ticket?.state).toBe('done');
    // A route the hot path does not serve, on a hot prefix, still reaches its router.
    expect((await answer('GET', `${site()}/tickets?state=done`, { token: staff })).status).toBe(200);
  });

  it('answers 503 STORE_UNAVAILABLE within the request deadline while Redis is stalled', async () => {
    redis.pause();
    try {
      const t0 = Date.now();
      const [issue, call] = await Promise.all([
        answer('POST', `${site()}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'ktp' } }),
        answer('POST', `${site()}/counters/1/call-next`, { token: staff }),
      ]);
      expect(issue.status).toBe(503);
      expect(issue.code).toBe('STORE_UNAVAILABLE');
      expect((issue.body?.error as { details?: unknown } | undefined)?.details).toEqual({ mayHaveApplied: true });
      expect(call.status).toBe(503);
      // The deadline (2 s), not the command timeout (10 s), answered.
      expect(Date.now() - t0).toBeLessThan(6000);
    } finally {
      redis.resume();
    }
  });
});
