import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, KIOSK_TOKEN, login, startTestEngine, type TestEngine } from '../support/harness.js';
import { FakeClock } from '../support/core.js';
import { keys } from '../../src/store/keys.js';

let e: TestEngine;
let staff: string;
let sup: string;
beforeAll(async () => {
  e = await startTestEngine({ jobs: false });
  staff = await login(e.url, 'staff-1');
  sup = await login(e.url, 'supervisor');
  await api(e.url, 'PATCH', `/api/v1/sites/${e.siteId}/counters/1`, { token: staff, body: { status: 'open' } });
});
afterAll(async () => {
  await e.stop();
});
const site = () => `/api/v1/sites/${e.siteId}`;

async function serve(serviceId = 'ktp') {
  const t = (await api(e.url, 'POST', `${site()}/tickets`, { token: KIOSK_TOKEN, body: { serviceId } })).body.ticket;
  await api(e.url, 'POST', `${site()}/counters/1/call-ticket`, { token: staff, body: { ticketId: t.id } });
  await api(e.url, 'POST', `${site()}/tickets/${t.id}/start`, { token: staff });
  await api(e.url, 'POST', `${site()}/tickets/${t.id}/finish`, { token: staff });
  return t as { id: string; statusToken: string; number: string };
}

describe('citizen status, stats and IKM', () => {
  it('shows a citizen the people ahead, the estimate, and the counter once called', async () => {
    const a = (await api(e.url, 'POST', `${site()}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'akta' } })).body.ticket;
    const b = (await api(e.url, 'POST', `${site()}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'akta' } })).body.ticket;
    const s = await api(e.url, 'GET', `/api/v1/public/tickets/${b.statusToken}`);
    expect(s.status).toBe(200);
    expect(s.body).toMatchObject({ number: b.number, state: 'waiting', position: 1, serviceName: 'Akta Kelahiran dan Kematian', counter: null });
    // Only counter 1 (ktp, then kk) is open: nobody serves akta, so no number is promised.
    expect(s.body.noCounterServing).toBe(true);
    expect(s.body).not.toHaveProperty('estimatedWaitMinutes');
    expect(s.body).not.toHaveProperty('statusToken');
    await api(e.url, 'POST', `${site()}/counters/1/call-ticket`, { token: staff, body: { ticketId: b.id } });
    const called = await api(e.url, 'GET', `/api/v1/public/tickets/${b.statusToken}`);
    expect(called.body).toMatchObject({ state: 'called', counter: { id: '1', name: 'Loket 1' } });
    await api(e.url, 'POST', `${site()}/tickets/${b.id}/cancel`, { token: staff });
    await api(e.url, 'POST', `${site()}/tickets/${a.id}/cancel`, { token: staff });
  });

  it('finds a ticket by the token that names it, refuses one that does not match, and still takes an older token', async () => {
    const t = (await api(e.url, 'POST', `${site()}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'akta' } })).body.ticket;
    const [siteId, named, secret] = t.statusToken.split('.');
    expect([siteId, named, secret?.length]).toEqual([e.siteId, t.id, 22]);
    // No key per token: the ticket holds it.
    expect(await e.server.redis.exists(keys.statusToken(e.siteId, t.statusToken))).toBe(0);
    expect((await api(e.url, 'GET', `/api/v1/public/tickets/${t.statusToken}`)).body.number).toBe(t.number);
    const forged = `${siteId}.${t.id}.${'A'.repeat(22)}`;
    expect((await api(e.url, 'GET', `/api/v1/public/tickets/${forged}`)).status).toBe(404);
    expect((await api(e.url, 'GET', `/api/v1/public/tickets/${siteId}.${t.id}.${secret}x`)).status).toBe(404);
    // A token of an older engine (`<site>.<random>`) is found through its key.
    const older = `${siteId}.${'B'.repeat(22)}`;
    await e.server.redis.hset(keys.ticket(e.siteId, t.id), 'statusToken', older);
    await e.server.redis.set(keys.statusToken(e.siteId, older), t.id);
    expect((await api(e.url, 'GET', `/api/v1/public/tickets/${older}`)).body.number).toBe(t.number);
    expect((await api(e.url, 'GET', `/api/v1/public/tickets/${siteId}.${'C'.repeat(22)}`)).status).toBe(404);
  });

  it('counts waiting, served and no-shows per service and agency in stats', async () => {
    await serve();
    await serve();
    const ns = (await api(e.url, 'POST', `${site()}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'ktp' } })).body.ticket;
    await api(e.url, 'POST', `${site()}/counters/1/call-ticket`, { token: staff, body: { ticketId: ns.id } });
    await api(e.url, 'POST', `${site()}/tickets/${ns.id}/no-show`, { token: staff });
    await api(e.url, 'POST', `${site()}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'ktp' } });
    const r = await api(e.url, 'GET', `${site()}/stats`, { token: staff });
    expect(r.status).toBe(200);
    const ktp = r.body.services.find((x: { serviceId: string }) => x.serviceId === 'ktp');
    expect(ktp).toMatchObject({ served: 2, noShow: 1, waiting: 1, issued: 4, openCounters: 1, slaMinutes: 20 });
    expect(ktp.avgWaitMinutes).toBeGreaterThanOrEqual(0);
    expect(ktp.withinSlaShare).toBe(1);
    expect(ktp.longestWaitMinutes).toBeGreaterThanOrEqual(0);
    const dukcapil = r.body.agencies.find((x: { agencyId: string }) => x.agencyId === 'dukcapil');
    expect(dukcapil.served).toBeGreaterThanOrEqual(2);
    expect(dukcapil.openCounters).toBe(1);
    // One source: the live figures are the day's report records, as the daily report shows them.
    const daily = await api(e.url, 'GET', `${site()}/reports/daily`, { token: staff });
    const row = daily.body.services.find((x: { serviceId: string }) => x.serviceId === 'ktp');
    expect(row).toMatchObject({ served: 2, noShow: 1 });
    expect([ktp.issued, ktp.served, ktp.noShow, ktp.avgWaitMinutes, ktp.p90WaitMinutes, ktp.avgServiceMinutes, ktp.withinSlaShare]).toEqual([
      row.issued,
      row.served,
      row.noShow,
      row.waitAvgMinutes,
      row.waitP90Minutes,
      row.serviceAvgMinutes,
      row.slaShare,
    ]);
  });

  it('takes one feedback per done ticket and computes the IKM per the official method', async () => {
    const t1 = await serve();
    const t2 = await serve('kk');
    const waiting = (await api(e.url, 'POST', `${site()}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'ktp' } })).body.ticket;
    const all4 = Object.fromEntries(['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'].map((u) => [u, 4]));
    const all3 = Object.fromEntries(['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'].map((u) => [u, 3]));
    expect((await api(e.url, 'POST', `/api/v1/public/tickets/${waiting.statusToken}/feedback`, { body: { answers: all4 } })).status).toBe(409);
    expect((await api(e.url, 'POST', `/api/v1/public/tickets/${t1.statusToken}/feedback`, { body: { answers: all4, comment: 'Cepat' } })).status).toBe(201);
    const again = await api(e.url, 'POST', `/api/v1/public/tickets/${t1.statusToken}/feedback`, { body: { answers: all3 } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('FEEDBACK_EXISTS');
    expect((await api(e.url, 'POST', `/api/v1/public/tickets/${t2.statusToken}/feedback`, { body: { answers: all3 } })).status).toBe(201);
    const r = await api(e.url, 'GET', `${site()}/ikm`, { token: sup });
    expect(r.status).toBe(200);
    // NRR per element = (4 + 3) / 2 = 3.5; IKM = 3.5 x 25 = 87.5 -> B (Baik)
    expect(r.body).toMatchObject({ responses: 2, ikm: 87.5, grade: 'B', gradeLabel: 'Baik' });
    expect(r.body.nrr.U1).toBe(3.5);
    const onlyKk = await api(e.url, 'GET', `${site()}/ikm?serviceId=kk`, { token: sup });
    expect(onlyKk.body).toMatchObject({ responses: 1, ikm: 75, grade: 'C' });
    const status = await api(e.url, 'GET', `/api/v1/public/tickets/${t1.statusToken}`);
    expect(status.body.feedbackOpen).toBe(false);
  });

  it('lists the counters with the ticket each one holds', async () => {
    const t = (await api(e.url, 'POST', `${site()}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'kk' } })).body.ticket;
    await api(e.url, 'POST', `${site()}/counters/1/call-ticket`, { token: staff, body: { ticketId: t.id } });
    const r = await api(e.url, 'GET', `${site()}/counters`, { token: staff });
    expect(r.status).toBe(200);
    expect(r.body.counters).toHaveLength(26);
    const one = r.body.counters.find((c: { id: string }) => c.id === '1');
    expect(one).toMatchObject({ status: 'open', services: [['ktp'], ['kk']], currentTicket: { id: t.id, number: t.number, state: 'called' } });
    expect(one.currentTicket).not.toHaveProperty('statusToken');
    await api(e.url, 'POST', `${site()}/tickets/${t.id}/cancel`, { token: staff });
  });

  it('serves the OpenAPI description and health endpoints', async () => {
    const docs = await api(e.url, 'GET', '/api/docs');
    expect(docs.body.openapi).toBe('3.1.0');
    expect(Object.keys(docs.body.paths)).toContain('/api/v1/sites/{site}/counters/{counter}/call-next');
    expect((await api(e.url, 'GET', '/healthz')).body).toEqual({ ok: true });
    expect((await api(e.url, 'GET', '/readyz')).status).toBe(200);
    const metrics = await fetch(`${e.url}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/loket_events_total/);
  });
});

describe('embedding from another origin', () => {
  it('answers CORS only to the origins in LOKET_ALLOWED_ORIGINS', async () => {
    const x = await startTestEngine({ jobs: false, env: { LOKET_ALLOWED_ORIGINS: 'https://portal.example.go.id' } });
    try {
      const ok = await fetch(`${x.url}/api/v1/sites/${x.siteId}/info`, { headers: { origin: 'https://portal.example.go.id' } });
      expect(ok.headers.get('access-control-allow-origin')).toBe('https://portal.example.go.id');
      const other = await fetch(`${x.url}/api/v1/sites/${x.siteId}/info`, { headers: { origin: 'https://evil.example' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      const pre = await fetch(`${x.url}/api/v1/sites/${x.siteId}/tickets`, {
        method: 'OPTIONS',
        headers: { origin: 'https://portal.example.go.id', 'access-control-request-method': 'POST', 'access-control-request-headers': 'idempotency-key,content-type,authorization' },
      });
      expect(pre.status).toBe(204);
      expect(pre.headers.get('access-control-allow-headers')).toMatch(/Idempotency-Key/);
    } finally {
      await x.stop();
    }
  });
});

describe('IKM periods in the site’s time zone', () => {
  it('counts an answer given at 01:00 Jakarta time on 1 December in that day, not in 30 November (UTC would say the opposite)', async () => {
    const clock = new FakeClock(Date.parse('2026-11-30T18:00:00Z')); // 01:00 WIB on 1 December
    const day = await startTestEngine({ jobs: false, clock: clock.now, redisUrl: e.redisUrl });
    try {
      const path = `/api/v1/sites/${day.siteId}`;
      const [clerk, boss] = [await login(day.url, 'staff-1'), await login(day.url, 'supervisor')];
      await api(day.url, 'PATCH', `${path}/counters/1`, { token: clerk, body: { status: 'open' } });
      const t = (await api(day.url, 'POST', `${path}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'ktp' } })).body.ticket;
      await api(day.url, 'POST', `${path}/counters/1/call-ticket`, { token: clerk, body: { ticketId: t.id } });
      await api(day.url, 'POST', `${path}/tickets/${t.id}/start`, { token: clerk });
      await api(day.url, 'POST', `${path}/tickets/${t.id}/finish`, { token: clerk });
      expect((await api(day.url, 'POST', `/api/v1/public/tickets/${t.statusToken}/feedback`, { body: { answers: { U1: 4 } } })).status).toBe(201);
      const ikm = async (q: string) => (await api(day.url, 'GET', `${path}/ikm?${q}`, { token: boss })).body.responses as number;
      expect(await ikm('from=2026-12-01&to=2026-12-01')).toBe(1);
      expect(await ikm('to=2026-11-30')).toBe(0);
      expect(await ikm('from=2026-12-02')).toBe(0);
    } finally {
      await day.server.close();
    }
  });
});
