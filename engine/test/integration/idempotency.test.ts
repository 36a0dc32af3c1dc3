import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../src/store/keys.js';
import { api, KIOSK_TOKEN, startTestEngine, type TestEngine } from '../support/harness.js';

let e: TestEngine;
beforeAll(async () => {
  e = await startTestEngine({ jobs: false });
});
afterAll(async () => {
  await e.stop();
});

const issue = (key: string, body: unknown) =>
  api(e.url, 'POST', `/api/v1/sites/${e.siteId}/tickets`, { token: KIOSK_TOKEN, body, headers: { 'Idempotency-Key': key } });

describe('Idempotency-Key', () => {
  it('issues one ticket for the same key: 201 then 200 with the same ticket', async () => {
    const a = await issue('kiosk-7-0001', { serviceId: 'ktp' });
    const b = await issue('kiosk-7-0001', { serviceId: 'ktp' });
    expect(a.status).toBe(201);
    expect(b.status).toBe(200);
    expect(b.body.ticket.id).toBe(a.body.ticket.id);
    expect(b.body.ticket.number).toBe(a.body.ticket.number);
  });

  it('issues exactly one ticket for 20 concurrent requests with one key', async () => {
    const before = await e.server.redis.zcard(keys.queue(e.siteId, 'kk'));
    const rs = await Promise.all(Array.from({ length: 20 }, () => issue('double-tap-42', { serviceId: 'kk' })));
    expect(new Set(rs.map((r) => r.body.ticket.id)).size).toBe(1);
    expect(rs.filter((r) => r.status === 201)).toHaveLength(1);
    expect(await e.server.redis.zcard(keys.queue(e.siteId, 'kk'))).toBe(before + 1);
  });

  it('refuses the same key with a different body with 409 and issues nothing', async () => {
    await issue('k-diff', { serviceId: 'akta' });
    const seq = await e.server.redis.get(keys.eventSeq(e.siteId));
    const r = await issue('k-diff', { serviceId: 'akta', priority: 'priority' });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await e.server.redis.get(keys.eventSeq(e.siteId))).toBe(seq);
  });

  it('keeps the key for 24 hours', async () => {
    await issue('k-ttl', { serviceId: 'ktp' });
    const ttl = await e.server.redis.ttl(keys.idempotency(e.siteId, 'device:demo-kiosk:k-ttl'));
    expect(ttl).toBeGreaterThan(24 * 3600 - 10);
    expect(ttl).toBeLessThanOrEqual(24 * 3600);
  });
});
