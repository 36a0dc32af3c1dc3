import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, DISPLAY_TOKEN, KIOSK_TOKEN, login, startTestEngine, type TestEngine } from '../support/harness.js';
import { startRedis, type RedisHandle } from '../support/redis-server.js';
import { connectRecorder } from '../support/socket-client.js';

let redis: RedisHandle;
let a: TestEngine;
let b: TestEngine;
let adminA: string;
const siteId = `adm-${Date.now().toString(36)}`;
const site = `/api/v1/sites/${siteId}`;

beforeAll(async () => {
  redis = await startRedis();
  a = await startTestEngine({ redisUrl: redis.url, siteId, jobs: false });
  b = await startTestEngine({ redisUrl: redis.url, siteId, jobs: false });
  adminA = await login(a.url, 'admin');
});
afterAll(async () => {
  await a?.stop();
  await b?.stop().catch(() => undefined);
  await redis?.stop();
});

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 1000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() - start > ms) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('live configuration', () => {
  it('exports the site without secrets and imports it back to the same state', async () => {
    const got = await api(a.url, 'GET', `${site}/config`, { token: adminA });
    expect(got.status).toBe(200);
    expect(got.body.id).toBe(siteId);
    expect(JSON.stringify(got.body)).not.toContain('scrypt$');
    expect(JSON.stringify(got.body)).not.toContain('tokenSha256');
    const put = await api(a.url, 'PUT', `${site}/config`, { token: adminA, body: got.body });
    expect(put.status).toBe(200);
    expect(put.body).toEqual(got.body);
    // Secrets were kept: the demo logins and device tokens still work.
    expect(await login(a.url, 'staff-1')).toBeTruthy();
    expect((await api(a.url, 'GET', `${site}/info`, {})).status).toBe(200);
  });

  it('refuses a bad definition with 400 naming the field, and changes nothing', async () => {
    const got = await api(a.url, 'GET', `${site}/config`, { token: adminA });
    const bad = structuredClone(got.body);
    bad.agencies[0].services[0].prefix = 'a1';
    const put = await api(a.url, 'PUT', `${site}/config`, { token: adminA, body: bad });
    expect(put.status).toBe(400);
    expect(put.body.error.code).toBe('VALIDATION_FAILED');
    expect(put.body.error.details).toContainEqual(expect.objectContaining({ path: 'agencies.0.services.0.prefix' }));
    const svc = await api(a.url, 'POST', `${site}/services`, { token: adminA, body: { agencyId: 'dukcapil', id: 'x1', name: 'X', prefix: 'A', avgServiceMinutes: 5 } });
    expect(svc.status).toBe(400);
    expect(svc.body.error.details[0].path).toMatch(/prefix$/);
    expect((await api(a.url, 'GET', `${site}/config`, { token: adminA })).body).toEqual(got.body);
  });

  it('applies a new service and counter on the other node within a second, and the new counter calls its ticket', async () => {
    const display = await connectRecorder(b.url, '/display', DISPLAY_TOKEN);
    const svc = await api(a.url, 'POST', `${site}/services`, {
      token: adminA,
      body: { agencyId: 'dukcapil', id: 'ktp-el-baru', name: 'KTP-el baru', nameEn: 'New e-ID card', prefix: 'KB', avgServiceMinutes: 6, sla: { minutes: 20, share: 0.8 } },
    });
    expect(svc.status).toBe(201);
    const ctr = await api(a.url, 'POST', `${site}/counters`, { token: adminA, body: { id: '99', name: 'Loket 99', agencyId: 'dukcapil', services: [['ktp-el-baru']] } });
    expect(ctr.status).toBe(201);
    await display.waitFor(() => display.events.filter((e) => e.type === 'site.updated').length >= 2, 1000);
    const info = await until(
      () => api(b.url, 'GET', `${site}/info`),
      (r) => r.body.counters.some((c: { id: string }) => c.id === '99'),
    );
    expect(info.body.agencies[0].services.map((s: { id: string }) => s.id)).toContain('ktp-el-baru');
    const t = await api(b.url, 'POST', `${site}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'ktp-el-baru' } });
    expect(t.status).toBe(201);
    expect(t.body.ticket.number).toBe('KB-001');
    const adminB = await login(b.url, 'admin');
    expect((await api(b.url, 'PATCH', `${site}/counters/99`, { token: adminB, body: { status: 'open' } })).status).toBe(200);
    const called = await api(b.url, 'POST', `${site}/counters/99/call-next`, { token: adminB });
    expect(called.body.ticket.id).toBe(t.body.ticket.id);
    display.close();
  });

  it('refuses with 409 and what to do a change that strands waiting or held tickets', async () => {
    const t = await api(a.url, 'POST', `${site}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'ktp-el-baru' } });
    const cfg = (await api(a.url, 'GET', `${site}/config`, { token: adminA })).body;
    cfg.agencies[0].services = cfg.agencies[0].services.filter((s: { id: string }) => s.id !== 'ktp-el-baru');
    cfg.counters = cfg.counters.filter((c: { id: string }) => c.id !== '99');
    const put = await api(a.url, 'PUT', `${site}/config`, { token: adminA, body: cfg });
    expect(put.status).toBe(409);
    expect(put.body.error.code).toBe('STRANDS_TICKETS');
    expect(put.body.error.message).toMatch(/ktp-el-baru.*transfer/);
    expect(put.body.error.message).toMatch(/counter "99" holds ticket KB-001/);
    expect((await api(a.url, 'GET', `${site}/info`)).body.counters.some((c: { id: string }) => c.id === '99')).toBe(true);
    // Once served and moved, the same change goes through.
    await api(a.url, 'POST', `${site}/tickets/${t.body.ticket.id}/cancel`, { token: adminA });
    const held = (await api(a.url, 'GET', `${site}/counters`, { token: adminA })).body.counters.find((c: { id: string }) => c.id === '99');
    await api(a.url, 'POST', `${site}/tickets/${held.currentTicket.id}/cancel`, { token: adminA });
    expect((await api(a.url, 'PUT', `${site}/config`, { token: adminA, body: cfg })).status).toBe(200);
    const gone = await until(
      () => api(b.url, 'GET', `${site}/info`),
      (r) => !r.body.counters.some((c: { id: string }) => c.id === '99'),
    );
    expect(gone.body.counters.some((c: { id: string }) => c.id === '99')).toBe(false);
  });

  it('keeps a change across a restart (the stored definition wins over the file)', async () => {
    await api(a.url, 'POST', `${site}/services`, { token: adminA, body: { agencyId: 'pajak', id: 'npwp-baru', name: 'NPWP baru', prefix: 'NB', avgServiceMinutes: 8 } });
    const c = await startTestEngine({ redisUrl: redis.url, siteId, jobs: false });
    try {
      const info = await api(c.url, 'GET', `${site}/info`);
      expect(info.body.agencies.flatMap((x: { services: { id: string }[] }) => x.services.map((s) => s.id))).toContain('npwp-baru');
    } finally {
      await c.stop();
    }
  });
});

describe('device tokens and accounts', () => {
  it('shows a new device token once, lists devices without tokens, and refuses a revoked one at once, closing its sockets', async () => {
    const made = await api(a.url, 'POST', `${site}/devices`, { token: adminA, body: { role: 'display', name: 'Layar lantai 2' } });
    expect(made.status).toBe(201);
    const token = made.body.token as string;
    expect(token).toMatch(/^dev_/);
    const list = await api(a.url, 'GET', `${site}/devices`, { token: adminA });
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect(list.body.devices.map((d: { id: string }) => d.id)).toContain(made.body.device.id);
    const onB = await until(
      async () => connectRecorder(b.url, '/display', token).catch(() => null),
      (r) => r !== null,
    );
    expect(onB).not.toBeNull();
    const onA = await connectRecorder(a.url, '/display', token);
    let closedA = false;
    let closedB = false;
    onA.socket.on('disconnect', () => (closedA = true));
    onB!.socket.on('disconnect', () => (closedB = true));
    const del = await api(a.url, 'DELETE', `${site}/devices/${made.body.device.id}`, { token: adminA });
    expect(del.status).toBe(204);
    const at = Date.now();
    expect((await api(a.url, 'POST', `${site}/tickets`, { token, body: { serviceId: 'ktp' } })).status).toBe(401);
    await onA.waitFor(() => closedA && closedB, 1000);
    expect(Date.now() - at).toBeLessThan(1000);
    await expect(connectRecorder(b.url, '/display', token)).rejects.toThrow();
  });

  it('refuses an expired device token', async () => {
    const made = await api(a.url, 'POST', `${site}/devices`, { token: adminA, body: { role: 'kiosk', name: 'Kios lama', expiresAt: new Date(Date.now() - 1000).toISOString() } });
    expect(made.body.device.expired).toBe(true);
    expect((await api(a.url, 'POST', `${site}/tickets`, { token: made.body.token, body: { serviceId: 'ktp' } })).status).toBe(401);
  });

  it('creates an account with a set-password link shown once, and a disabled account is logged out at once', async () => {
    const made = await api(a.url, 'POST', `${site}/accounts`, { token: adminA, body: { username: 'petugas-baru', role: 'staff', agencyIds: ['dukcapil'], counterIds: ['1'] } });
    expect(made.status).toBe(201);
    expect(made.body.account.hasPassword).toBe(false);
    const linkToken = (made.body.setPasswordUrl as string).split('set-password=')[1]!;
    expect((await api(a.url, 'POST', '/api/v1/auth/login', { body: { username: 'petugas-baru', password: 'rahasia-123' } })).status).toBe(401);
    expect((await api(b.url, 'POST', '/api/v1/auth/set-password', { body: { token: linkToken, password: 'rahasia-123' } })).status).toBe(204);
    expect((await api(b.url, 'POST', '/api/v1/auth/set-password', { body: { token: linkToken, password: 'lain-lagi-1' } })).status).toBe(404);
    const staff = await until(
      () => api(a.url, 'POST', '/api/v1/auth/login', { body: { username: 'petugas-baru', password: 'rahasia-123' } }),
      (r) => r.status === 200,
    );
    expect(staff.status).toBe(200);
    const tok = staff.body.token as string;
    expect((await api(a.url, 'GET', `${site}/counters`, { token: tok })).status).toBe(200);
    const desk = await connectRecorder(a.url, '/counter', tok);
    let closed = false;
    desk.socket.on('disconnect', () => (closed = true));
    expect((await api(a.url, 'PATCH', `${site}/accounts/petugas-baru`, { token: adminA, body: { disabled: true } })).status).toBe(200);
    expect((await api(a.url, 'GET', `${site}/counters`, { token: tok })).status).toBe(401);
    await desk.waitFor(() => closed, 1000);
  });
});

describe('audit log', () => {
  it('lists who changed what, before and after, and exports CSV', async () => {
    const r = await api(a.url, 'GET', `${site}/audit`, { token: adminA });
    expect(r.status).toBe(200);
    const actions = r.body.entries.map((e: { action: string; target: string }) => `${e.action} ${e.target}`);
    expect(actions).toEqual(expect.arrayContaining(['service.create service:ktp-el-baru', 'counter.create counter:99', 'config.put counter:99', 'account.disable user:petugas-baru']));
    expect(actions.some((x: string) => x.startsWith('device.revoke device:display-'))).toBe(true);
    const svc = r.body.entries.find((e: { target: string }) => e.target === 'service:ktp-el-baru');
    expect(svc).toMatchObject({ actor: 'admin', role: 'admin', before: null, after: expect.objectContaining({ prefix: 'KB', agencyId: 'dukcapil' }) });
    expect(JSON.stringify(r.body)).not.toContain('scrypt$');
    const csv = await api(a.url, 'GET', `${site}/audit?format=csv`, { token: adminA });
    expect(csv.body.split('\r\n')[0]).toBe('at,actor,role,action,target,before,after');
    expect(csv.body).toContain('service.create,service:ktp-el-baru');
    const none = await api(a.url, 'GET', `${site}/audit?from=2020-01-01&to=2020-01-02`, { token: adminA });
    expect(none.body.entries).toEqual([]);
  });
});
