import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, DISPLAY_TOKEN, KIOSK_TOKEN, login, startTestEngine, type TestEngine } from '../support/harness.js';
import { startRedis, type RedisHandle } from '../support/redis-server.js';
import { connectRecorder } from '../support/socket-client.js';

let redis: RedisHandle;
let e: TestEngine;
let admin: string;
const siteId = `strand-${Date.now().toString(36)}`;
const site = `/api/v1/sites/${siteId}`;

beforeAll(async () => {
  redis = await startRedis();
  e = await startTestEngine({ redisUrl: redis.url, siteId, jobs: false });
  admin = await login(e.url, 'admin');
});
afterAll(async () => {
  await e?.stop();
  await redis?.stop();
});

type Entry = { id: string; action: string; target: string; actor: string; before: unknown; after: unknown };
const audit = async () => (await api(e.url, 'GET', `${site}/audit`, { token: admin })).body.entries as Entry[];
const config = async () => (await api(e.url, 'GET', `${site}/config`, { token: admin })).body;
const issue = async (serviceId: string) => (await api(e.url, 'POST', `${site}/tickets`, { token: KIOSK_TOKEN, body: { serviceId } })).body.ticket as { id: string; number: string };
const waiting = async (serviceId: string) =>
  ((await api(e.url, 'GET', `${site}/tickets?state=waiting&serviceId=${serviceId}`, { token: admin })).body.tickets as { id: string; number: string; serviceId: string }[]).map((t) => t.number);

describe('a change that would strand waiting tickets', () => {
  it('moves them, when the admin names a service of the same agency, in the same step as the change, one event and audit entry each', async () => {
    await api(e.url, 'POST', `${site}/services`, { token: admin, body: { agencyId: 'dukcapil', id: 'ktp-keliling', name: 'KTP keliling', prefix: 'KL', avgServiceMinutes: 5 } });
    const mine = [await issue('ktp-keliling'), await issue('ktp-keliling')];
    const ktpBefore = await waiting('ktp');
    const screen = await connectRecorder(e.url, '/display', DISPLAY_TOKEN);
    const cfg = await config();
    cfg.agencies[0].services = cfg.agencies[0].services.filter((s: { id: string }) => s.id !== 'ktp-keliling');
    const entries = (await audit()).length;

    const refused = await api(e.url, 'PUT', `${site}/config`, { token: admin, body: cfg });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('STRANDS_TICKETS');
    expect(refused.body.error.message).toMatch(/2 ticket\(s\) wait for service "ktp-keliling".*moveStrandedTo/);
    expect(refused.body.error.details).toEqual([{ service: 'ktp-keliling', waiting: 2, reason: 'removed' }]);
    // Another agency's service, or one that does not exist, does not take them.
    const other = await api(e.url, 'PUT', `${site}/config?moveStrandedTo=paspor`, { token: admin, body: cfg });
    expect(other.status).toBe(409);
    const unknown = await api(e.url, 'PUT', `${site}/config?moveStrandedTo=tidak-ada`, { token: admin, body: cfg });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].path).toBe('moveStrandedTo');
    // A refused change wrote nothing: no audit entry, the tickets wait where they were.
    expect((await audit()).length).toBe(entries);
    expect(await waiting('ktp-keliling')).toEqual(['KL-001', 'KL-002']);

    const moved = await api(e.url, 'PUT', `${site}/config?moveStrandedTo=ktp`, { token: admin, body: cfg });
    expect(moved.status).toBe(200);
    expect(moved.headers.get('loket-moved-tickets')).toBe('2');
    // Same numbers, arrival order kept (they came after the ktp tickets), none lost or doubled.
    const ktpAfter = await waiting('ktp');
    expect(ktpAfter).toEqual([...ktpBefore, 'KL-001', 'KL-002']);
    expect(new Set(ktpAfter).size).toBe(ktpAfter.length);
    await screen.waitFor(() => screen.events.filter((x) => x.type === 'ticket.transferred').length === 2, 1000);
    const transfers = screen.events.filter((x) => x.type === 'ticket.transferred') as unknown as { ticket: { id: string; serviceId: string }; fromServiceId?: string }[];
    expect(transfers.map((t) => t.ticket.id).sort()).toEqual(mine.map((t) => t.id).sort());
    expect(transfers.every((t) => t.ticket.serviceId === 'ktp')).toBe(true);
    const status = await api(e.url, 'GET', `/api/v1/public/tickets/${(await api(e.url, 'GET', `${site}/tickets?state=waiting&serviceId=ktp`, { token: admin })).body.tickets.find((t: { id: string }) => t.id === mine[0]!.id).statusToken}`);
    expect(status.body.number ?? status.body.ticket?.number).toBe('KL-001');
    const added = (await audit()).slice(entries);
    expect(added.map((x) => `${x.action} ${x.target}`).sort()).toEqual(['config.put service:ktp-keliling', 'ticket.move-stranded ticket:KL-001', 'ticket.move-stranded ticket:KL-002']);
    expect(added.find((x) => x.action === 'config.put')).toMatchObject({ actor: 'admin', before: expect.objectContaining({ prefix: 'KL' }), after: null });
    expect(added.find((x) => x.target === 'ticket:KL-001')).toMatchObject({ before: { serviceId: 'ktp-keliling' }, after: { serviceId: 'ktp' } });
    screen.close();
  });

  it('refuses a counter change that leaves a service with waiting tickets without a counter, or moves them', async () => {
    await api(e.url, 'POST', `${site}/services`, { token: admin, body: { agencyId: 'imigrasi', id: 'paspor-ulang', name: 'Paspor ulang', prefix: 'PU', avgServiceMinutes: 9 } });
    await api(e.url, 'POST', `${site}/counters`, { token: admin, body: { id: '40', agencyId: 'imigrasi', services: [['paspor-ulang']] } });
    await issue('paspor-ulang');
    const entries = (await audit()).length;
    const refused = await api(e.url, 'PATCH', `${site}/counters/40`, { token: admin, body: { agencyId: 'imigrasi', services: [['paspor']] } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toEqual([{ service: 'paspor-ulang', waiting: 1, reason: 'unserved' }]);
    expect(refused.body.error.message).toMatch(/no counter would serve/);
    expect((await audit()).length).toBe(entries);
    const ok = await api(e.url, 'PATCH', `${site}/counters/40?moveStrandedTo=paspor`, { token: admin, body: { agencyId: 'imigrasi', services: [['paspor']] } });
    expect(ok.status).toBe(200);
    expect(await waiting('paspor')).toContain('PU-001');
    expect(await waiting('paspor-ulang')).toEqual([]);
    const added = (await audit()).slice(entries).map((x) => `${x.action} ${x.target}`);
    expect(added.sort()).toEqual(['counter.update counter:40', 'ticket.move-stranded ticket:PU-001']);
  });
});

describe('the audit entry of a change', () => {
  it('is written by the same atomic step: every applied version has its entries, a refused change none', async () => {
    const entries = (await audit()).length;
    const { body: before } = await api(e.url, 'GET', `${site}/info`);
    // Refused by validation and by a version conflict (another change landed first).
    expect((await api(e.url, 'PUT', `${site}/breaks`, { token: admin, body: { breaks: [{ days: 'fri', from: '13:00', to: '11:30' }] } })).status).toBe(400);
    expect((await audit()).length).toBe(entries);
    // Concurrent changes: each lands with its own entry, none is lost.
    const names = ['Satu', 'Dua', 'Tiga', 'Empat', 'Lima'];
    const results = await Promise.all(names.map((n, i) => api(e.url, 'POST', `${site}/holidays`, { token: admin, body: { date: `2027-02-0${i + 1}`, name: n } })));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const added = (await audit()).slice(entries);
    expect(added.map((x) => x.target).sort()).toEqual(names.map((_, i) => `holiday:2027-02-0${i + 1}`));
    for (const [i, n] of names.entries()) expect(added.find((x) => x.target === `holiday:2027-02-0${i + 1}`)).toMatchObject({ action: 'holiday.put', before: null, after: { date: `2027-02-0${i + 1}`, name: n } });
    expect(before.id).toBe(siteId);
  });

  it('is written by the ticket and counter scripts for a supervisor’s transfer, cancel, requeue and counter move; a refused one writes none', async () => {
    const sup = await login(e.url, 'supervisor');
    const entries = (await audit()).length;
    const a = await issue('kk');
    const b = await issue('kk');
    expect((await api(e.url, 'POST', `${site}/tickets/${a.id}/transfer`, { token: sup, body: { serviceId: 'akta', position: 'back' } })).status).toBe(200);
    expect((await api(e.url, 'POST', `${site}/tickets/${b.id}/cancel`, { token: sup })).status).toBe(200);
    // Refused (already cancelled): no entry.
    expect((await api(e.url, 'POST', `${site}/tickets/${b.id}/cancel`, { token: sup })).status).toBe(409);
    expect((await api(e.url, 'PATCH', `${site}/counters/5`, { token: sup, body: { services: [['akta'], ['kk']] } })).status).toBe(200);
    // A clerk's own work is not audited.
    const clerk = await login(e.url, 'staff-1');
    const c = await issue('ktp');
    await api(e.url, 'PATCH', `${site}/counters/1`, { token: clerk, body: { status: 'open' } });
    const called = await api(e.url, 'POST', `${site}/counters/1/call-next`, { token: clerk });
    expect((await api(e.url, 'POST', `${site}/tickets/${called.body.ticket.id}/requeue`, { token: clerk })).status).toBe(200);
    expect(c.id).toBeTruthy();
    const added = (await audit()).slice(entries);
    expect(added.map((x) => `${x.action} ${x.target}`)).toEqual([`ticket.transfer ticket:${a.number}`, `ticket.cancel ticket:${b.number}`, 'counter.profile counter:5']);
    expect(added[0]).toMatchObject({ actor: 'supervisor', before: { id: a.id, serviceId: 'kk', state: 'waiting' }, after: { serviceId: 'akta', state: 'waiting', position: 'back' } });
    expect(added[1]).toMatchObject({ before: { state: 'waiting', serviceId: 'kk' }, after: { id: b.id, state: 'cancelled' } });
    expect(added[2]).toMatchObject({ before: [['kk', 'akta']], after: [['akta'], ['kk']] });
  });
});

