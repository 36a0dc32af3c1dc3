import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { issueTicket, openCounter, useEngineAndBrowser, type IssuedTicket } from '../support/browser-suite.js';
import { api, login, screenshotPath, seriousAxeViolations } from '../support/engine.js';
import { installSpeechStub } from '../support/speech-stub.js';

describe('citizen ticket status page in Chromium against a real engine', () => {
  const suite = useEngineAndBrowser();
  let staff: string;

  beforeAll(async () => {
    staff = await login(suite.engine.url, 'staff-3');
    await openCounter(suite.engine, staff, '3');
  });

  function issue(serviceId: string): Promise<IssuedTicket> {
    return issueTicket(suite.engine, serviceId);
  }

  async function openStatus(statusToken: string): Promise<Page> {
    // A phone-sized page; CSP bypassed only so axe-core can be injected.
    const page = await suite.browser.newPage({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, bypassCSP: true });
    await installSpeechStub(page, { voices: [], speakMs: 100 });
    await page.goto(`${suite.engine.url}/t/${statusToken}`);
    await page.locator('loket-ticket-status [data-testid="number"]').waitFor({ timeout: 10_000 });
    return page;
  }

  const state = (page: Page) => page.locator('loket-ticket-status [data-testid="state"]').getAttribute('data-state');

  it('turns to "called" with the counter, vibrates, then offers the IKM survey once done', async () => {
    const first = await issue('ktp');
    const mine = await issue('ktp');
    const page = await openStatus(mine.statusToken);
    expect((await page.locator('loket-ticket-status [data-testid="number"]').textContent())?.trim()).toBe(mine.number);
    expect(await state(page)).toBe('waiting');
    expect((await page.locator('loket-ticket-status [data-testid="ahead"]').textContent())?.trim()).toBe('1 orang');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('ticket-status-waiting.png') });

    // The ticket ahead is called: this page refreshes its position to "next".
    const c1 = await api(suite.engine.url, 'POST', `/api/v1/sites/${suite.engine.siteId}/counters/3/call-next`, { token: staff });
    expect(c1.body.ticket.number).toBe(first.number);
    await page.locator('loket-ticket-status [data-testid="ahead"]').filter({ hasText: 'Anda berikutnya' }).waitFor({ timeout: 5000 });
    for (const step of ['start', 'finish']) {
      expect((await api(suite.engine.url, 'POST', `/api/v1/sites/${suite.engine.siteId}/tickets/${first.id}/${step}`, { token: staff })).status).toBe(200);
    }

    const c2 = await api(suite.engine.url, 'POST', `/api/v1/sites/${suite.engine.siteId}/counters/3/call-next`, { token: staff });
    expect(c2.body.ticket.number).toBe(mine.number);
    const banner = page.locator('loket-ticket-status [data-testid="called"]');
    await banner.waitFor({ timeout: 2000 });
    expect((await banner.textContent())?.replace(/\s+/g, ' ').trim()).toBe('Nomor Anda dipanggil: Loket 3');
    expect(await state(page)).toBe('called');
    const vibrations = await page.evaluate(() => (window as unknown as { __vibrate: unknown[] }).__vibrate);
    expect(vibrations.length).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('ticket-status-called.png') });

    // A recall alerts again.
    expect((await api(suite.engine.url, 'POST', `/api/v1/sites/${suite.engine.siteId}/tickets/${mine.id}/recall`, { token: staff })).status).toBe(200);
    await page.waitForFunction(() => (window as unknown as { __vibrate: unknown[] }).__vibrate.length === 2, undefined, { timeout: 3000 });

    for (const step of ['start', 'finish']) {
      expect((await api(suite.engine.url, 'POST', `/api/v1/sites/${suite.engine.siteId}/tickets/${mine.id}/${step}`, { token: staff })).status).toBe(200);
    }
    // One question a screen, four large answers; a tap answers and moves on.
    const question = page.locator('loket-ticket-status loket-ikm-survey [data-question]');
    await question.waitFor({ timeout: 5000 });
    expect(await state(page)).toBe('done');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('ticket-status-survey.png') });
    // The question, its four answers and the back/skip buttons fit the phone's screen.
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(844);
    for (const u of ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9']) {
      expect(await question.getAttribute('data-question')).toBe(u);
      const opts = page.locator('loket-ticket-status loket-ikm-survey button.opt');
      expect(await opts.count()).toBe(4);
      expect((await opts.first().boundingBox())!.height).toBeGreaterThanOrEqual(64);
      await opts.nth(u === 'U4' ? 3 : 2).tap();
    }
    await page.locator('loket-ticket-status loket-ikm-survey button[type="submit"]').tap();
    await page.locator('loket-ticket-status [data-testid="ikm-done"]').waitFor({ timeout: 5000 });
    // A reload after rating shows the thanks, not an empty page.
    await page.reload();
    await page.locator('loket-ticket-status [data-testid="ikm-done"]').waitFor({ timeout: 5000 });
    expect(await page.locator('loket-ticket-status loket-ikm-survey').count()).toBe(0);

    const supervisor = await login(suite.engine.url, 'supervisor');
    const ikm = await api(suite.engine.url, 'GET', `/api/v1/sites/${suite.engine.siteId}/ikm`, { token: supervisor });
    expect(ikm.status).toBe(200);
    expect(ikm.body.responses).toBe(1);
    expect(ikm.body.nrr.U4).toBe(4);
    expect(ikm.body.nrr.U1).toBe(3);
    await page.close();
  });

  it('says so when the ticket does not exist', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 390, height: 844 }, bypassCSP: true });
    await page.goto(`${suite.engine.url}/t/no-such-token-0000`);
    const alert = page.locator('loket-ticket-status [role="alert"]');
    await alert.waitFor({ timeout: 5000 });
    expect(await alert.textContent()).toContain('Tiket tidak ditemukan');
    await page.close();
  });

  it('switches the page to English', async () => {
    const t = await issue('kk');
    const page = await openStatus(t.statusToken);
    await page.locator('loket-ticket-status loket-lang-switch button').tap();
    await page.locator('loket-ticket-status [data-testid="state"]').filter({ hasText: 'Waiting' }).waitFor();
    expect(await page.locator('loket-ticket-status').getAttribute('lang')).toBe('en');
    await page.close();
  });
});
