import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, DISPLAY_TOKEN, KIOSK_TOKEN, login, startTestEngine, type TestEngine } from '../support/harness.js';

let e: TestEngine;
beforeAll(async () => {
  e = await startTestEngine({ jobs: false });
});
afterAll(async () => {
  await e.stop();
});
const site = () => `/api/v1/sites/${e.siteId}`;

describe('logins and who may do what', () => {
  it('logs in with the demo password and returns an opaque token and the user', async () => {
    const r = await api(e.url, 'POST', '/api/v1/auth/login', { body: { username: 'staff-9', password: 'demo' } });
    expect(r.status).toBe(200);
    expect(r.body.token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(r.body.user).toMatchObject({ username: 'staff-9', role: 'staff', siteId: e.siteId, agencyIds: ['imigrasi'] });
    expect(r.body.user.counterIds).toEqual(['9', '10', '11']);
  });

  it('refuses a wrong password with 401', async () => {
    const r = await api(e.url, 'POST', '/api/v1/auth/login', { body: { username: 'admin', password: 'nope' } });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('logout revokes the token', async () => {
    const t = await login(e.url, 'supervisor');
    expect((await api(e.url, 'GET', '/api/v1/auth/me', { token: t })).status).toBe(200);
    expect((await api(e.url, 'POST', '/api/v1/auth/logout', { token: t })).status).toBe(204);
    expect((await api(e.url, 'GET', '/api/v1/auth/me', { token: t })).status).toBe(401);
    expect((await api(e.url, 'GET', `${site()}/counters`, { token: t })).status).toBe(401);
  });

  it('gives staff of imigrasi a 403 on a dukcapil ticket and counter', async () => {
    const imigrasi = await login(e.url, 'staff-9');
    const t = (await api(e.url, 'POST', `${site()}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'ktp' } })).body.ticket;
    for (const action of ['recall', 'start', 'finish', 'no-show', 'cancel', 'requeue']) {
      const r = await api(e.url, 'POST', `${site()}/tickets/${t.id}/${action}`, { token: imigrasi });
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('FORBIDDEN');
    }
    expect((await api(e.url, 'POST', `${site()}/counters/1/call-next`, { token: imigrasi })).status).toBe(403);
    expect((await api(e.url, 'POST', `${site()}/tickets/${t.id}/transfer`, { token: imigrasi, body: { serviceId: 'paspor' } })).status).toBe(403);
    expect((await api(e.url, 'PATCH', `${site()}/counters/1`, { token: imigrasi, body: { status: 'open' } })).status).toBe(403);
    const own = await api(e.url, 'PATCH', `${site()}/counters/9`, { token: imigrasi, body: { status: 'open' } });
    expect(own.status).toBe(200);
    expect(own.body.counter.status).toBe('open');
    // Even at its own open counter, imigrasi staff cannot call a dukcapil ticket; it stays waiting.
    const call = await api(e.url, 'POST', `${site()}/counters/9/call-ticket`, { token: imigrasi, body: { ticketId: t.id } });
    expect(call.status).toBe(403);
    expect(call.body.error.code).toBe('FORBIDDEN');
    expect((await api(e.url, 'GET', `/api/v1/public/tickets/${t.statusToken}`)).body.state).toBe('waiting');
  });

  it('lets only supervisors change the services of a counter', async () => {
    const staff = await login(e.url, 'staff-3');
    expect((await api(e.url, 'PATCH', `${site()}/counters/3`, { token: staff, body: { services: [['kk']] } })).status).toBe(403);
    const sup = await login(e.url, 'supervisor');
    const r = await api(e.url, 'PATCH', `${site()}/counters/3`, { token: sup, body: { services: [['kk']] } });
    expect(r.status).toBe(200);
    expect(r.body.counter.services).toEqual([['kk']]);
  });

  it('keeps kiosks and displays to their roles', async () => {
    expect((await api(e.url, 'POST', `${site()}/counters/1/call-next`, { token: KIOSK_TOKEN })).status).toBe(403);
    expect((await api(e.url, 'GET', `${site()}/tickets`, { token: KIOSK_TOKEN })).status).toBe(403);
    expect((await api(e.url, 'POST', `${site()}/tickets`, { token: DISPLAY_TOKEN, body: { serviceId: 'ktp' } })).status).toBe(403);
    expect((await api(e.url, 'GET', `${site()}/ikm`, { token: await login(e.url, 'staff-1') })).status).toBe(403);
  });

  it('lists only the own agency’s tickets to staff', async () => {
    await api(e.url, 'POST', `${site()}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'paspor' } });
    const staff = await login(e.url, 'staff-1');
    const r = await api(e.url, 'GET', `${site()}/tickets?state=waiting`, { token: staff });
    expect(r.status).toBe(200);
    expect(r.body.tickets.length).toBeGreaterThan(0);
    expect(r.body.tickets.every((t: { agencyId: string }) => t.agencyId === 'dukcapil')).toBe(true);
  });
});

describe('production mode', () => {
  it('refuses the demo accounts and demo device tokens when NODE_ENV=production', async () => {
    const p = await startTestEngine({ jobs: false, env: { NODE_ENV: 'production' } });
    try {
      const r = await api(p.url, 'POST', '/api/v1/auth/login', { body: { username: 'admin', password: 'demo' } });
      expect(r.status).toBe(401);
      const k = await api(p.url, 'POST', `/api/v1/sites/${p.siteId}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'ktp' } });
      expect(k.status).toBe(401);
    } finally {
      await p.stop();
    }
  });
});
