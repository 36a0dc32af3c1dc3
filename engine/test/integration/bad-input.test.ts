import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../src/store/keys.js';
import { api, KIOSK_TOKEN, login, startTestEngine, type TestEngine } from '../support/harness.js';

let e: TestEngine;
let staff: string;
let seqBefore: string | null;
beforeAll(async () => {
  e = await startTestEngine({ jobs: false });
  staff = await login(e.url, 'staff-1');
  await api(e.url, 'POST', `/api/v1/sites/${e.siteId}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'ktp' } });
  seqBefore = await e.server.redis.get(keys.eventSeq(e.siteId));
});
afterAll(async () => {
  // Nothing of all the bad requests above changed the store, and the process is still up.
  expect(await e.server.redis.get(keys.eventSeq(e.siteId))).toBe(seqBefore);
  expect((await api(e.url, 'GET', '/healthz')).status).toBe(200);
  await e.stop();
});

const site = () => `/api/v1/sites/${e.siteId}`;

function expectError(r: { status: number; body: any }, status: number, code: string): void {
  expect(r.status).toBe(status);
  expect(r.body.error.code).toBe(code);
  expect(typeof r.body.error.message).toBe('string');
  expect(JSON.stringify(r.body)).not.toMatch(/at .*\.(ts|js):\d+/); // no stack traces
}

describe('bad input gets a clear 4xx and changes nothing', () => {
  it.each([
    ['a number as serviceId', { serviceId: 12 }],
    ['an unknown priority', { serviceId: 'ktp', priority: 'vip' }],
    ['an unknown field', { serviceId: 'ktp', foo: 1 }],
    ['no serviceId', {}],
    ['an array body', [1, 2]],
    ['a route not starting at serviceId', { serviceId: 'ktp', route: ['kk', 'ktp'] }],
  ])('issuing with %s is 400 VALIDATION_FAILED', async (_name, body) => {
    expectError(await api(e.url, 'POST', `${site()}/tickets`, { token: KIOSK_TOKEN, body }), 400, 'VALIDATION_FAILED');
  });

  it('an unknown service is 404', async () => {
    expectError(await api(e.url, 'POST', `${site()}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'nope' } }), 404, 'NOT_FOUND');
  });

  it('malformed JSON is 400 MALFORMED_JSON', async () => {
    expectError(await api(e.url, 'POST', `${site()}/tickets`, { token: KIOSK_TOKEN, raw: '{"serviceId": "ktp",' }), 400, 'MALFORMED_JSON');
  });

  it('a body over the limit is 413', async () => {
    const big = JSON.stringify({ serviceId: 'ktp', pad: 'x'.repeat(40_000) });
    expectError(await api(e.url, 'POST', `${site()}/tickets`, { token: KIOSK_TOKEN, raw: big }), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('an unknown ticket id is 404 and a bad id is 400', async () => {
    expectError(await api(e.url, 'POST', `${site()}/tickets/doesnotexist/start`, { token: staff }), 404, 'NOT_FOUND');
    expectError(await api(e.url, 'POST', `${site()}/tickets/${encodeURIComponent('a b$')}/start`, { token: staff }), 400, 'VALIDATION_FAILED');
  });

  it('an unknown counter is 404', async () => {
    const admin = await login(e.url, 'admin');
    expectError(await api(e.url, 'POST', `${site()}/counters/999/call-next`, { token: admin }), 404, 'NOT_FOUND');
  });

  it('a bad counter patch is 400', async () => {
    const sup = await login(e.url, 'supervisor');
    expectError(await api(e.url, 'PATCH', `${site()}/counters/1`, { token: sup, body: { status: 'half-open' } }), 400, 'VALIDATION_FAILED');
    expectError(await api(e.url, 'PATCH', `${site()}/counters/1`, { token: sup, body: {} }), 400, 'VALIDATION_FAILED');
    expectError(await api(e.url, 'PATCH', `${site()}/counters/1`, { token: sup, body: { services: [['nope']] } }), 404, 'NOT_FOUND');
  });

  it('a missing token is 401, an unknown one 401', async () => {
    expectError(await api(e.url, 'POST', `${site()}/tickets`, { body: { serviceId: 'ktp' } }), 401, 'UNAUTHENTICATED');
    expectError(await api(e.url, 'POST', `${site()}/tickets`, { token: 'forged', body: { serviceId: 'ktp' } }), 401, 'UNAUTHENTICATED');
  });

  it('a token of another site is 403', async () => {
    expectError(await api(e.url, 'POST', `/api/v1/sites/other-mall/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'ktp' } }), 403, 'FORBIDDEN');
  });

  it('a bad Idempotency-Key header is 400', async () => {
    const r = await api(e.url, 'POST', `${site()}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'ktp' }, headers: { 'Idempotency-Key': 'x'.repeat(300) } });
    expectError(r, 400, 'VALIDATION_FAILED');
  });

  it('bad feedback is 400 and an unknown status token 404', async () => {
    expectError(await api(e.url, 'POST', `/api/v1/public/tickets/${e.siteId}.nope/feedback`, { body: { answers: { U1: 4 } } }), 404, 'NOT_FOUND');
    expectError(await api(e.url, 'POST', `/api/v1/public/tickets/${e.siteId}.nope/feedback`, { body: { answers: { U1: 9 } } }), 400, 'VALIDATION_FAILED');
    expectError(await api(e.url, 'GET', `/api/v1/public/tickets/${e.siteId}.nope`), 404, 'NOT_FOUND');
  });

  it('an unknown route is a 404 in the error shape', async () => {
    expectError(await api(e.url, 'GET', '/api/v1/nothing-here'), 404, 'NOT_FOUND');
  });
});
