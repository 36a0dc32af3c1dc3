import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../src/store/keys.js';
import { api, KIOSK_TOKEN, login, startTestEngine, type TestEngine } from '../support/harness.js';
import { FakeClock } from '../support/core.js';

let e: TestEngine;
let staff: string;
beforeAll(async () => {
  // A no-show timer of 1.2 s so the test sees BullMQ fire it.
  e = await startTestEngine({ editSite: (s) => (s.noShowMinutes = 0.02) });
  staff = await login(e.url, 'staff-1');
  await api(e.url, 'PATCH', `/api/v1/sites/${e.siteId}/counters/1`, { token: staff, body: { status: 'open' } });
});
afterAll(async () => {
  await e.stop();
});
const site = () => `/api/v1/sites/${e.siteId}`;
const state = (id: string) => e.server.redis.hget(keys.ticket(e.siteId, id), 'state');
const waitUntil = async (pred: () => Promise<boolean>, ms = 8000) => {
  const start = Date.now();
  while (!(await pred())) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('timed work on BullMQ', () => {
  it('marks a called ticket no-show when its timer runs out, and frees the counter', async () => {
    const t = (await api(e.url, 'POST', `${site()}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'ktp' } })).body.ticket;
    await api(e.url, 'POST', `${site()}/counters/1/call-ticket`, { token: staff, body: { ticketId: t.id } });
    await waitUntil(async () => (await state(t.id)) === 'no_show');
    expect(await e.server.redis.hget(keys.counter(e.siteId, '1'), 'current')).toBe('');
  });

  it('does not mark a ticket no-show once it is being served', async () => {
    const t = (await api(e.url, 'POST', `${site()}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'ktp' } })).body.ticket;
    await api(e.url, 'POST', `${site()}/counters/1/call-ticket`, { token: staff, body: { ticketId: t.id } });
    await api(e.url, 'POST', `${site()}/tickets/${t.id}/start`, { token: staff });
    await new Promise((r) => setTimeout(r, 2500));
    expect(await state(t.id)).toBe('serving');
    await api(e.url, 'POST', `${site()}/tickets/${t.id}/finish`, { token: staff });
  });

  it('starts the no-show deadline over on a recall, and a start clears it (site clock)', async () => {
    const clock = new FakeClock(Date.parse('2026-11-23T02:00:00Z'));
    const { testCore } = await import('../support/core.js');
    const { dueNoShowSweep } = await import('../../src/jobs/timers.js');
    const { createLogger } = await import('../../src/logger.js');
    const log = createLogger('silent');
    const core = await testCore(e.redisUrl, { clock: clock.now }); // the sample: noShowMinutes 5
    const s = core.ops;
    const a = (await s.issue(core.siteId, { serviceId: 'ktp' })).ticket;
    const b = (await s.issue(core.siteId, { serviceId: 'kk' })).ticket;
    await core.open('1', '4');
    await s.callTicket(core.siteId, '1', a.id);
    await s.callTicket(core.siteId, '4', b.id);
    clock.advance(4);
    expect(await dueNoShowSweep(core.app, log)).toBe(0);
    await s.recall(core.siteId, a.id); // a: due at minute 9 now
    await s.start(core.siteId, b.id); // b: no deadline any more
    clock.advance(2);
    expect(await dueNoShowSweep(core.app, log)).toBe(0);
    clock.advance(4);
    expect(await dueNoShowSweep(core.app, log)).toBe(1);
    expect(await core.redis.hget(keys.ticket(core.siteId, a.id), 'state')).toBe('no_show');
    expect(await core.redis.hget(keys.ticket(core.siteId, b.id), 'state')).toBe('serving');
    expect(await core.redis.zcard(keys.noShowDeadlines(core.siteId))).toBe(0);
    core.close();
  });

  it('the end-of-day sweep cancels tickets left waiting from an earlier day, not today’s', async () => {
    const clock = new FakeClock(Date.parse('2026-11-23T08:00:00Z'));
    const day = await startTestEngine({ redisUrl: e.redisUrl, clock: clock.now, jobs: false });
    const issue = async () => (await api(day.url, 'POST', `/api/v1/sites/${day.siteId}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'kk' } })).body.ticket.id as string;
    const old = await issue();
    clock.advance(24 * 60);
    const today = await issue();
    const { endOfDaySweep } = await import('../../src/jobs/timers.js');
    const { createLogger } = await import('../../src/logger.js');
    expect(await endOfDaySweep(day.server.app, createLogger('silent'))).toBe(1);
    expect(await day.server.redis.hget(keys.ticket(day.siteId, old), 'state')).toBe('cancelled');
    expect(await day.server.redis.hget(keys.ticket(day.siteId, today), 'state')).toBe('waiting');
    await day.server.close();
    day.server.http.close();
  });
});
