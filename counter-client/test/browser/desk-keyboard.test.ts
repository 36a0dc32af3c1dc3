import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { focused, openPage, tabTo, waitForDesk } from '../support/desk-page.js';
import { api, issueTickets, launchChromium, startTestEngine, supervisorToken, type TestEngine } from '../support/engine.js';

describe('counter desk from the keyboard alone, and agency rules', () => {
  let engine: TestEngine;
  let browser: Browser;

  // A fresh engine per test: no ticket left over by one test changes the next.
  beforeAll(async () => {
    browser = await launchChromium();
  });
  beforeEach(async () => {
    engine = await startTestEngine();
  });
  afterEach(async () => {
    await engine?.stop();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function ticket(id: string, token: string) {
    const r = await api(engine.url, 'GET', `/api/v1/sites/${engine.siteId}/tickets`, { token });
    return (r.body.tickets as { id: string; state: string; recallCount: number; serviceId: string; counterId?: string }[]).find((t) => t.id === id);
  }

  it('opens the counter, calls, recalls, serves, requeues, marks no-show, calls a chosen ticket and transfers with Tab, Enter and F-keys', async () => {
    const [a, b, c] = await issueTickets(engine.url, engine.siteId, ['kk', 'kk', 'ktp']);
    const sup = await supervisorToken(engine.url);
    const desk = await openPage(browser, engine.url, '/counter', engine.siteId, 'staff-4', { counter: '4' });
    await waitForDesk(desk, (v) => v.status === 'closed' && v.waitingIds.length === 3, 'counter 4 closed with 3 waiting');

    await tabTo(desk, (d) => d.startsWith('button[status=open]'));
    await desk.keyboard.press('Enter');
    await waitForDesk(desk, (v) => v.status === 'open' && !v.callBusy, 'counter 4 open');

    await desk.keyboard.press('F1'); // call next: counter 4 serves kk first
    await waitForDesk(desk, (v) => v.ticketId === a!.id && v.state === 'called' && !v.callBusy, `ticket ${a!.number} called`);
    await desk.keyboard.press('F2'); // recall
    await expect.poll(async () => (await ticket(a!.id, sup))?.recallCount).toBe(1);
    await waitForDesk(desk, (v) => !v.callBusy, 'the recall answered'); // a key pressed while a request is in flight is ignored
    await desk.keyboard.press('F4'); // start
    await waitForDesk(desk, (v) => v.state === 'serving' && !v.callBusy, 'serving');
    await desk.keyboard.press('F3'); // finish
    await waitForDesk(desk, (v) => v.ticketId === null && !v.callBusy, 'no current ticket');
    expect((await ticket(a!.id, sup))?.state).toBe('done');

    await desk.keyboard.press('F1');
    await waitForDesk(desk, (v) => v.ticketId === b!.id && !v.callBusy, `ticket ${b!.number} called`);
    await desk.keyboard.press('F7'); // back to the queue
    await waitForDesk(desk, (v) => v.ticketId === null && v.waitingIds.includes(b!.id) && !v.callBusy, 'requeued ticket waiting again');
    expect((await ticket(b!.id, sup))?.state).toBe('waiting');

    // Call a chosen ticket (the ktp one, not first in line) with Tab + Enter.
    await tabTo(desk, (d) => d.startsWith(`button[call=${c!.id}]`));
    await desk.keyboard.press('Enter');
    await waitForDesk(desk, (v) => v.ticketId === c!.id && !v.callBusy, `chosen ticket ${c!.number} called`);
    await desk.keyboard.press('F6'); // no-show
    await waitForDesk(desk, (v) => v.ticketId === null && !v.callBusy, 'no current ticket after no-show');
    expect((await ticket(c!.id, sup))?.state).toBe('no_show');

    // Transfer: F8 jumps to the service picker; type to choose, Tab to the button, Enter.
    await desk.keyboard.press('F1');
    await waitForDesk(desk, (v) => v.ticketId === b!.id && !v.callBusy, 'requeued ticket called again');
    await desk.keyboard.press('F4');
    await waitForDesk(desk, (v) => v.state === 'serving' && !v.callBusy, 'serving');
    await desk.keyboard.press('F8');
    expect(await focused(desk)).toMatch(/^select/);
    await desk.keyboard.type('P'); // "P · Paspor ..."
    await tabTo(desk, (d) => d.startsWith('button') && /Alihkan/.test(d), 3);
    await desk.keyboard.press('Enter');
    await waitForDesk(desk, (v) => v.ticketId === null && /dialihkan/.test(v.notice), 'transferred');
    const moved = await ticket(b!.id, sup);
    expect(moved?.serviceId).toBe('paspor');
    expect(moved?.state).toBe('waiting');
    await desk.close();
  });

  it('a staff account of another agency cannot open a dukcapil counter: the desk says 403 in words', async () => {
    const desk = await openPage(browser, engine.url, '/counter', engine.siteId, 'staff-9', { counter: '1' });
    await waitForDesk(desk, (v) => v.status === 'closed', 'counter 1 closed');
    await desk.locator('loket-counter-desk button[data-status=open]').click();
    const v = await waitForDesk(desk, (x) => x.error !== '', 'an error');
    expect(v.error).toContain('403');
    expect(v.error).toContain('tidak berhak');
    const sup = await supervisorToken(engine.url);
    const r = await api(engine.url, 'GET', `/api/v1/sites/${engine.siteId}/counters`, { token: sup });
    expect((r.body.counters as { id: string; status: string }[]).find((c) => c.id === '1')?.status).toBe('closed');
    // The picker offers staff-9 their own imigrasi counters (and the one asked for in the URL).
    const options = await desk.locator('loket-counter-desk select#counter option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
    expect(options.sort()).toEqual(['1', '10', '11', '9'].sort());
    await desk.close();
  });

  it('shows "nothing waiting" and COUNTER_BUSY in words, in English after the switch', async () => {
    const desk = await openPage(browser, engine.url, '/counter', engine.siteId, 'staff-5', { counter: '5', lang: 'en' });
    await desk.locator('loket-counter-desk button[data-status=open]').click();
    await waitForDesk(desk, (v) => v.status === 'open' && !v.callBusy, 'counter 5 open');
    await desk.locator('#call-next').click();
    const none = await waitForDesk(desk, (v) => v.error !== '' && !v.callBusy, 'an error');
    expect(none.error).toBe('No ticket is waiting for this counter.');
    const [t1] = await issueTickets(engine.url, engine.siteId, ['akta', 'akta']);
    await waitForDesk(desk, (v) => v.waitingIds.length === 2, 'two akta tickets listed live');
    await desk.locator('#call-next').click();
    await waitForDesk(desk, (v) => v.ticketId === t1!.id && !v.callBusy, 'first akta called');
    // The primary button now starts the held ticket; a break over a called ticket is refused in words.
    expect(await desk.locator('loket-counter-desk #call-next').getAttribute('data-primary')).toBe('start');
    await desk.locator('loket-counter-desk button[data-status=paused]').click();
    const busy = await waitForDesk(desk, (v) => v.error !== '' && !v.callBusy, 'COUNTER_BUSY in words');
    expect(busy.error).toContain('still holds a ticket');
    expect(busy.status).toBe('open');
    await desk.locator('loket-lang-switch button').click();
    await desk.locator('loket-counter-desk #call-next:has-text("Mulai layani")').waitFor();
    await desk.close();
  });
});
