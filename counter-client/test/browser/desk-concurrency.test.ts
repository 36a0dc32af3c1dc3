import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Barrier } from '../support/barrier.js';
import { useEngineAndBrowser } from '../support/browser-suite.js';
import { deskView, openCounter, openPage, pageErrors, waitForDesk } from '../support/desk-page.js';
import { api, issueTickets, supervisorToken, ticketsIn } from '../support/engine.js';

/** One desk's loop: at each round both desks click "call next" together; a called ticket is started and finished. */
async function deskLoop(page: Page, barrier: Barrier, called: string[]): Promise<void> {
  for (let round = 0; round < 40; round++) {
    await barrier.arrive();
    await page.locator('#call-next').click();
    const v = await waitForDesk(page, (x) => !x.callBusy && (x.ticketId !== null || x.error !== ''), 'the answer to call next');
    if (v.ticketId === null) {
      expect(v.error).toContain('Tidak ada tiket yang menunggu');
      barrier.leave();
      return;
    }
    expect(v.state).toBe('called');
    called.push(v.ticketId);
    await page.locator('loket-counter-desk button[data-action=start]').click();
    await waitForDesk(page, (x) => x.state === 'serving' && !x.callBusy, 'the ticket being served');
    await page.locator('loket-counter-desk button[data-action=finish]').click();
    await waitForDesk(page, (x) => x.ticketId === null && !x.callBusy, 'no current ticket after finish');
  }
  barrier.leave();
  throw new Error('desk loop did not end within 40 rounds');
}

describe('two counter desks calling at the same moment', () => {
  const suite = useEngineAndBrowser();

  it('hand each of 20 waiting tickets to exactly one desk, and both desks agree with the engine', async () => {
    const services = Array.from({ length: 20 }, (_, i) => (i % 3 === 2 ? 'kk' : 'ktp'));
    const issued = await issueTickets(suite.engine.url, suite.engine.siteId, services);
    const desk1 = await openPage(suite.browser, suite.engine.url, '/counter', suite.engine.siteId, 'staff-1', { counter: '1' });
    const desk2 = await openPage(suite.browser, suite.engine.url, '/counter', suite.engine.siteId, 'staff-2', { counter: '2' });
    await Promise.all([openCounter(desk1), openCounter(desk2)]);
    // Both desks list all 20 (their profiles are ktp then kk).
    for (const d of [desk1, desk2]) await waitForDesk(d, (v) => v.waitingIds.length === 20, '20 waiting tickets');

    const barrier = new Barrier(2);
    const called1: string[] = [];
    const called2: string[] = [];
    await Promise.all([deskLoop(desk1, barrier, called1), deskLoop(desk2, barrier, called2)]);

    // Every ticket called once, at one desk.
    const all = [...called1, ...called2];
    expect(new Set(all).size).toBe(all.length);
    expect(new Set(all)).toEqual(new Set(issued.map((t) => t.id)));
    expect(called1.length).toBeGreaterThan(0);
    expect(called2.length).toBeGreaterThan(0);

    // The engine agrees: all done, each at the counter whose desk showed it.
    const sup = await supervisorToken(suite.engine.url);
    const done = await ticketsIn(suite.engine.url, suite.engine.siteId, sup, 'done');
    expect(done.map((t) => t.id).sort()).toEqual([...all].sort());
    const counterOf = new Map(done.map((t) => [t.id, t.counterId]));
    for (const id of called1) expect(counterOf.get(id)).toBe('1');
    for (const id of called2) expect(counterOf.get(id)).toBe('2');
    expect(await ticketsIn(suite.engine.url, suite.engine.siteId, sup, 'waiting')).toEqual([]);
    const counters = await api(suite.engine.url, 'GET', `/api/v1/sites/${suite.engine.siteId}/counters`, { token: sup });
    for (const id of ['1', '2']) {
      const c = (counters.body.counters as { id: string; currentTicket: unknown }[]).find((x) => x.id === id);
      expect(c?.currentTicket).toBeNull();
    }

    // Both desks show the same: nothing current, nothing waiting, still connected.
    for (const d of [desk1, desk2]) {
      const v = await waitForDesk(d, (x) => x.waitingIds.length === 0, 'an empty waiting list');
      expect(v.ticketId).toBeNull();
      expect(v.connected).toBe(true);
      expect(v.status).toBe('open');
      expect(pageErrors(d)).toEqual([]);
    }
  });

  it('a double-click on "call next" calls one ticket only', async () => {
    const issued = await issueTickets(suite.engine.url, suite.engine.siteId, ['ktp', 'ktp', 'ktp']);
    const desk = await openPage(suite.browser, suite.engine.url, '/counter', suite.engine.siteId, 'staff-1', { counter: '1' });
    const first = await waitForDesk(desk, (v) => v.status !== null && v.waitingIds.length === 3, 'counter 1 with 3 waiting');
    if (first.status !== 'open') await openCounter(desk); // open already when the test above ran
    await desk.locator('#call-next').dblclick();
    const v = await waitForDesk(desk, (x) => x.ticketId !== null && !x.callBusy, 'a called ticket');
    expect(v.ticketId).toBe(issued[0]!.id);
    await new Promise((r) => setTimeout(r, 500));
    const sup = await supervisorToken(suite.engine.url);
    const called = await ticketsIn(suite.engine.url, suite.engine.siteId, sup, 'called');
    expect(called.map((t) => t.id)).toEqual([issued[0]!.id]);
    expect((await ticketsIn(suite.engine.url, suite.engine.siteId, sup, 'waiting')).length).toBe(2);
    const after = await deskView(desk);
    expect(after.error).toBe('');
    expect(after.waitingIds).toEqual([issued[1]!.id, issued[2]!.id]);
  });
});
