import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, KIOSK_TOKEN, login, startTestEngine, type TestEngine } from '../support/harness.js';

describe('what the front-of-house screens rely on', () => {
  let e: TestEngine;
  let sup: string;
  let staff1: string;
  const path = (rest: string) => `/api/v1/sites/${e.siteId}${rest}`;
  const issue = async (serviceId: string) => (await api(e.url, 'POST', path('/tickets'), { token: KIOSK_TOKEN, body: { serviceId } })).body.ticket as { id: string; number: string };
  const snapshotCalls = async () => {
    await new Promise((r) => setTimeout(r, 300)); // past the 250 ms shared-snapshot cache
    const { io } = await import('socket.io-client');
    const s = io(`${e.url}/display`, { auth: { token: 'demo-display-token' }, transports: ['websocket'] });
    const snap = await new Promise<{ calls: { number: string; counterId: string }[] }>((res) => s.once('snapshot', res));
    s.close();
    return snap.calls.map((c) => `${c.number}@${c.counterId}`);
  };

  beforeAll(async () => {
    e = await startTestEngine({ jobs: false });
    sup = await login(e.url, 'supervisor');
    staff1 = await login(e.url, 'staff-1');
    for (const c of ['1', '2']) expect((await api(e.url, 'PATCH', path(`/counters/${c}`), { token: sup, body: { status: 'open' } })).status).toBe(200);
  });
  afterAll(() => e?.stop());

  it('a snapshot holds only the calls that still stand', async () => {
    const a = await issue('ktp');
    const b = await issue('ktp');
    await api(e.url, 'POST', path('/counters/1/call-next'), { token: sup });
    await api(e.url, 'POST', path('/counters/2/call-next'), { token: sup });
    expect(await snapshotCalls()).toEqual([`${b.number}@2`, `${a.number}@1`]);
    expect((await api(e.url, 'POST', path(`/tickets/${a.id}/requeue`), { token: sup })).status).toBe(200);
    expect(await snapshotCalls()).toEqual([`${b.number}@2`]);
    expect((await api(e.url, 'POST', path(`/tickets/${b.id}/start`), { token: sup })).status).toBe(200);
    expect(await snapshotCalls()).toEqual([`${b.number}@2`]);
    expect((await api(e.url, 'POST', path(`/tickets/${b.id}/finish`), { token: sup })).body).toMatchObject({ ticket: { state: 'done' } });
    expect(await snapshotCalls()).toEqual([]);
  });

  it('refuses to pause a counter over a called ticket, and to close it over a held one, with COUNTER_BUSY', async () => {
    await issue('ktp');
    const t = (await api(e.url, 'POST', path('/counters/1/call-next'), { token: staff1 })).body.ticket as { id: string };
    const pause = await api(e.url, 'PATCH', path('/counters/1'), { token: staff1, body: { status: 'paused' } });
    expect(pause.status).toBe(409);
    expect(pause.body.error.code).toBe('COUNTER_BUSY');
    expect((await api(e.url, 'POST', path(`/tickets/${t.id}/start`), { token: staff1 })).status).toBe(200);
    expect((await api(e.url, 'PATCH', path('/counters/1'), { token: staff1, body: { status: 'closed' } })).body.error.code).toBe('COUNTER_BUSY');
    expect((await api(e.url, 'PATCH', path('/counters/1'), { token: staff1, body: { status: 'paused' } })).status).toBe(200);
    await api(e.url, 'POST', path(`/tickets/${t.id}/finish`), { token: staff1 });
    expect((await api(e.url, 'PATCH', path('/counters/1'), { token: staff1, body: { status: 'open' } })).status).toBe(200);
  });

  it('gives a counter only services of its agency (or shared with it)', async () => {
    const r = await api(e.url, 'PATCH', path('/counters/3'), { token: sup, body: { services: [['ktp'], ['paspor']] } });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('SERVICE_OF_OTHER_AGENCY');
    const counters = (await api(e.url, 'GET', path('/counters'), { token: sup })).body.counters as { id: string; services: string[][] }[];
    expect(counters.find((c) => c.id === '3')?.services).toEqual([['ktp']]);
    expect((await api(e.url, 'PATCH', path('/counters/3'), { token: sup, body: { services: [['ktp', 'akta']] } })).status).toBe(200);
  });

  it('site info carries English and short names, opening hours and the no-show minutes', async () => {
    const info = (await api(e.url, 'GET', path('/info'))).body;
    expect(info.agencies[0].nameEn).toBe('Population and Civil Registry Office');
    expect(info.agencies[0]).toMatchObject({ shortName: 'Disdukcapil', shortNameEn: 'Civil Registry' });
    // Only where the site file gives them.
    expect(info.agencies.find((a: { id: string }) => a.id === 'imigrasi')).not.toHaveProperty('shortName');
    expect(info.agencies[0].services[0].nameEn).toMatch(/ID card/);
    expect(info.hours['mon-fri']).toEqual(['07:30', '16:00']);
    expect(info.noShowMinutes).toBe(5);
  });
});
