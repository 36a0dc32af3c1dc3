/** Issue 10, the desk's last items: the no-show warning and notice, the clerk's own counter, English service names. */
import { describe, expect, it } from 'vitest';
import { useEngineAndBrowser } from '../support/browser-suite.js';
import { openCounter, openPage, waitForDesk } from '../support/desk-page.js';
import { api, issueTickets, supervisorToken, ticketsIn } from '../support/engine.js';

describe('counter desk: no-show warning, own counter, English names', () => {
  // A called ticket becomes a no-show after 6 s: the whole wait is the "last minute".
  const suite = useEngineAndBrowser({ editSite: (raw) => void (raw.noShowMinutes = 0.1) });

  it('counts down before the no-show timer fires, then says the ticket was marked no-show', async () => {
    const [a] = await issueTickets(suite.engine.url, suite.engine.siteId, ['kk']);
    const page = await openPage(suite.browser, suite.engine.url, '/counter', suite.engine.siteId, 'staff-4', { counter: '4' });
    await openCounter(page);
    await page.locator('loket-counter-desk #call-next').click();
    await waitForDesk(page, (v) => v.ticketId === a!.id && v.state === 'called', 'a called');
    const warning = page.locator('loket-counter-desk [data-no-show-warning]');
    await warning.waitFor({ timeout: 3000 });
    const seconds = Number(await warning.getAttribute('data-no-show-warning'));
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(6);
    expect(await warning.textContent()).toContain(a!.number);
    const v = await waitForDesk(page, (x) => x.ticketId === null && x.notice !== '', 'the no-show notice', 15_000);
    expect(v.notice).toBe(`${a!.number} ditandai tidak hadir.`);
    expect(await warning.count()).toBe(0);
    const sup = await supervisorToken(suite.engine.url);
    expect((await ticketsIn(suite.engine.url, suite.engine.siteId, sup, 'no_show')).map((t) => t.id)).toContain(a!.id);
    await page.close();
  });

  it('asks a clerk with several counters once, then opens on the counter this device remembers for them', async () => {
    const page = await openPage(suite.browser, suite.engine.url, '/counter', suite.engine.siteId, 'staff-9');
    const ask = page.locator('loket-counter-desk [data-ask-counter]');
    await ask.waitFor();
    expect(await ask.locator('button').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.counterId))).toEqual(['9', '10', '11']);
    await ask.locator('button[data-counter-id="10"]').click();
    expect(await page.locator('loket-counter-desk .profile strong').textContent()).toBe('Loket 10');
    await page.reload();
    await page.locator('loket-counter-desk .conn.on').waitFor();
    expect(await ask.count()).toBe(0);
    expect(await page.locator('loket-counter-desk .profile strong').textContent()).toBe('Loket 10');
    expect(await page.locator('loket-counter-desk select#counter').inputValue()).toBe('10');
    await page.close();
  });

  it('in English shows the counter\'s services and its notices by English service name, not by id', async () => {
    const page = await openPage(suite.browser, suite.engine.url, '/counter', suite.engine.siteId, 'staff-5', { counter: '5', lang: 'en' });
    await openCounter(page);
    const v = await waitForDesk(page, (x) => x.serviceNames !== null, 'the services line');
    expect(v.services).toBe('kk, akta');
    expect(v.serviceNames).toBe('Family card, Birth and death certificates');
    const sup = await supervisorToken(suite.engine.url);
    const r = await api(suite.engine.url, 'PATCH', `/api/v1/sites/${suite.engine.siteId}/counters/5`, { token: sup, body: { services: [['kk'], ['ktp']] } });
    expect(r.status).toBe(200);
    const after = await waitForDesk(page, (x) => x.services === 'kk | ktp' && x.notice !== '', 'the update notice');
    expect(after.notice).toContain('Family card | ID card (KTP-el, record and print)');
    expect(after.notice).not.toMatch(/\bkk\b/);
    await page.close();
  });
});
