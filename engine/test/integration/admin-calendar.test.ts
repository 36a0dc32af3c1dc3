import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../support/core.js';
import { api, DISPLAY_TOKEN, KIOSK_TOKEN, login, startTestEngine, type TestEngine } from '../support/harness.js';
import { startRedis, type RedisHandle } from '../support/redis-server.js';
import { connectRecorder } from '../support/socket-client.js';

let redis: RedisHandle;
let e: TestEngine;
let admin: string;
// Friday 25 December 2026, 09:00 in Jakarta.
const clock = new FakeClock(Date.parse('2026-12-25T02:00:00Z'));
const siteId = `cal-${Date.now().toString(36)}`;
const site = `/api/v1/sites/${siteId}`;

beforeAll(async () => {
  redis = await startRedis();
  e = await startTestEngine({ redisUrl: redis.url, siteId, jobs: false, ignoreHours: false, clock: clock.now });
  admin = await login(e.url, 'admin');
});
afterAll(async () => {
  await e?.stop();
  await redis?.stop();
});

const audit = async () => (await api(e.url, 'GET', `${site}/audit?from=2026-01-01&to=2027-12-31`, { token: admin })).body.entries as { action: string; target: string; before: unknown; after: unknown }[];
const issue = (serviceId = 'ktp') => api(e.url, 'POST', `${site}/tickets`, { token: KIOSK_TOKEN, body: { serviceId } });
const slots = async (date: string) => (await api(e.url, 'GET', `/api/v1/public/sites/${siteId}/slots?serviceId=ktp&date=${date}`)).body.slots as { start: string }[];
const config = async () => (await api(e.url, 'GET', `${site}/config`, { token: admin })).body;

describe('hours, breaks and holidays', () => {
  it('imports Indonesia’s national holidays of 2026: issuing closes on them, and each stays editable', async () => {
    expect((await issue()).status).toBe(201);
    const imp = await api(e.url, 'POST', `${site}/holidays/import`, { token: admin, body: { year: 2026 } });
    expect(imp.status).toBe(200);
    expect(imp.body.imported).toBe(25);
    expect(imp.body.source).toMatch(/SKB/);
    const h = (await config()).holidays as { date: string; name: string; nameEn?: string }[];
    expect(h).toContainEqual({ date: '2026-03-21', name: 'Idul Fitri 1447 H', nameEn: 'Eid al-Fitr' });
    expect(h).toContainEqual(expect.objectContaining({ date: '2026-08-17' }));
    const closed = await issue();
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('SITE_CLOSED');
    // Again: nothing new; without cuti bersama only national days would have come.
    expect((await api(e.url, 'POST', `${site}/holidays/import`, { token: admin, body: { year: 2026 } })).body.imported).toBe(0);
    expect((await api(e.url, 'POST', `${site}/holidays/import`, { token: admin, body: { year: 1999 } })).status).toBe(400);
    expect((await api(e.url, 'POST', `${site}/holidays/import`, { token: admin, body: { year: 2031 } })).status).toBe(404);
    // Editable: rename one, remove Christmas: the site opens again.
    expect((await api(e.url, 'POST', `${site}/holidays`, { token: admin, body: { date: '2026-08-17', name: 'HUT RI ke-81' } })).status).toBe(201);
    expect(((await config()).holidays as { date: string; name: string }[]).find((x) => x.date === '2026-08-17')?.name).toBe('HUT RI ke-81');
    expect((await api(e.url, 'DELETE', `${site}/holidays/2026-12-25`, { token: admin })).status).toBe(200);
    expect((await issue()).status).toBe(201);
    expect((await api(e.url, 'DELETE', `${site}/holidays/2026-12-25`, { token: admin })).status).toBe(404);
    const actions = (await audit()).map((x) => `${x.action} ${x.target}`);
    expect(actions.filter((x) => x.startsWith('holiday.import holiday:'))).toHaveLength(25);
    expect(actions).toContain('holiday.remove holiday:2026-12-25');
  });

  it('closes booking slots on an added holiday and during a break, and issuing during the break', async () => {
    expect((await slots('2027-01-08')).length).toBeGreaterThan(0);
    const add = await api(e.url, 'POST', `${site}/holidays`, { token: admin, body: { date: '2027-01-08', name: 'Libur daerah' } });
    expect(add.status).toBe(201);
    expect(await slots('2027-01-08')).toEqual([]);
    await api(e.url, 'DELETE', `${site}/holidays/2027-01-08`, { token: admin });
    const put = await api(e.url, 'PUT', `${site}/breaks`, { token: admin, body: { breaks: [{ days: 'fri', from: '11:30', to: '13:00', name: 'Salat Jumat' }] } });
    expect(put.status).toBe(200);
    const starts = (await slots('2027-01-08')).map((s) => s.start);
    expect(starts.length).toBeGreaterThan(0);
    expect(starts.filter((s) => s >= '11:30' && s < '13:00')).toEqual([]);
    expect((await slots('2027-01-07')).map((s) => s.start)).toContain('12:00');
    clock.ms = Date.parse('2027-01-08T05:00:00Z'); // Friday 12:00 in Jakarta
    expect((await issue()).body.error?.code).toBe('SITE_CLOSED');
    clock.ms = Date.parse('2027-01-08T06:30:00Z'); // 13:30
    expect((await issue()).status).toBe(201);
  });

  it('changes opening hours per weekday live, and names a bad field', async () => {
    const before = (await audit()).length;
    const bad = await api(e.url, 'PUT', `${site}/hours`, { token: admin, body: { hours: { 'mon-thu': ['08:00', '15:00'], fri: ['14:00', '09:00'] } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toContainEqual(expect.objectContaining({ path: 'hours.fri.1' }));
    const badKey = await api(e.url, 'PUT', `${site}/hours`, { token: admin, body: { hours: { jum: ['08:00', '15:00'] } } });
    expect(badKey.status).toBe(400);
    expect((await audit()).length).toBe(before);
    const hours = { 'mon-thu': ['08:00', '15:00'], fri: ['08:00', '15:30'], sat: ['08:00', '12:00'] };
    expect((await api(e.url, 'PUT', `${site}/hours`, { token: admin, body: { hours } })).status).toBe(200);
    expect((await api(e.url, 'GET', `${site}/info`)).body.hours).toEqual(hours);
    clock.ms = Date.parse('2027-01-08T08:15:00Z'); // Friday 15:15: open until 15:30 now
    expect((await issue()).status).toBe(201);
    const entry = (await audit()).find((x) => x.action === 'hours.update');
    expect(entry).toMatchObject({ target: 'site.hours', before: { 'mon-fri': ['07:30', '16:00'], sat: ['08:00', '12:00'] }, after: hours });
  });
});

describe('displays', () => {
  it('adds a display with agencies and running text, edits it live, and names a bad field', async () => {
    const screen = await connectRecorder(e.url, '/display', DISPLAY_TOKEN);
    const made = await api(e.url, 'POST', `${site}/displays`, { token: admin, body: { id: 'lantai-3', name: 'Layar Lantai 3', agencies: ['samsat'], runningText: 'Bayar pajak kendaraan di lantai 3' } });
    expect(made.status).toBe(201);
    await screen.waitFor(() => screen.events.some((x) => x.type === 'site.updated'), 1000);
    const info = (await api(e.url, 'GET', `${site}/info`)).body;
    expect(info.displays).toContainEqual({ id: 'lantai-3', name: 'Layar Lantai 3', agencies: ['samsat'], runningText: 'Bayar pajak kendaraan di lantai 3' });
    const bad = await api(e.url, 'PATCH', `${site}/displays/lantai-3`, { token: admin, body: { agencies: ['tidak-ada'] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toMatch(/^displays\.\d+\.agencies\.0$/);
    const edited = await api(e.url, 'PATCH', `${site}/displays/lantai-3`, { token: admin, body: { agencies: 'all', runningText: '' } });
    expect(edited.body.display).toEqual({ id: 'lantai-3', name: 'Layar Lantai 3', agencies: 'all' });
    expect((await api(e.url, 'DELETE', `${site}/displays/lantai-3`, { token: admin })).status).toBe(204);
    expect((await api(e.url, 'GET', `${site}/info`)).body.displays.map((d: { id: string }) => d.id)).not.toContain('lantai-3');
    const staff = await login(e.url, 'staff-1');
    expect((await api(e.url, 'POST', `${site}/displays`, { token: staff, body: { id: 'x', name: 'x', agencies: 'all' } })).status).toBe(403);
    screen.close();
  });
});
