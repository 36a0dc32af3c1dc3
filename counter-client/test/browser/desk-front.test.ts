/** The desk's daily cycle as a clerk clicks it (issue 10): one primary button that follows the state, on one screen. */
import { describe, expect, it } from 'vitest';
import { useEngineAndBrowser } from '../support/browser-suite.js';
import { openCounter, openPage, waitForDesk } from '../support/desk-page.js';
import { issueTickets, supervisorToken, api } from '../support/engine.js';

describe('counter desk: fewer clicks per citizen', () => {
  const suite = useEngineAndBrowser();

  it('walks call -> start -> finish & call next with one primary button, all within 1366x768 without scrolling', async () => {
    const [a, b] = await issueTickets(suite.engine.url, suite.engine.siteId, ['kk', 'kk']);
    const page = await openPage(suite.browser, suite.engine.url, '/counter', suite.engine.siteId, 'staff-4', { counter: '4' });
    await page.setViewportSize({ width: 1366, height: 768 });
    await openCounter(page);
    const primary = page.locator('loket-counter-desk #call-next');
    const kind = () => primary.getAttribute('data-primary');
    expect(await kind()).toBe('callNext');
    await primary.click();
    await waitForDesk(page, (v) => v.ticketId === a!.id && v.state === 'called' && !v.callBusy, 'a called');
    expect(await kind()).toBe('start');
    await primary.click();
    await waitForDesk(page, (v) => v.ticketId === a!.id && v.state === 'serving' && !v.callBusy, 'a serving');
    expect(await kind()).toBe('finishAndNext');
    // Every control of the cycle is on screen at 1366x768, with no scrolling.
    for (const sel of ['#call-next', 'loket-ticket-actions', 'loket-transfer-form', 'loket-desk-checkin']) {
      const box = (await page.locator(`loket-counter-desk ${sel}`).boundingBox())!;
      expect(box.y + box.height, sel).toBeLessThanOrEqual(768);
    }
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(768);
    await page.screenshot({ path: new URL('../../../docs/screenshots/counter-desk.png', import.meta.url).pathname });
    await primary.click();
    await waitForDesk(page, (v) => v.ticketId === b!.id && v.state === 'called' && !v.callBusy, 'b called');
    const sup = await supervisorToken(suite.engine.url);
    const done = await api(suite.engine.url, 'GET', `/api/v1/sites/${suite.engine.siteId}/tickets?state=done`, { token: sup });
    expect((done.body.tickets as { id: string }[]).map((t) => t.id)).toEqual([a!.id]);
    await page.close();
  });
});
