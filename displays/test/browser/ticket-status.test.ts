import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  api,
  KIOSK_TOKEN,
  launchChromium,
  login,
  screenshotPath,
  seriousAxeViolations,
  startTestEngine,
  type TestEngine,
} from '../support/engine.js';
import { installSpeechStub } from '../support/speech-stub.js';

describe('citizen ticket status page in Chromium against a real engine', () => {
  let engine: TestEngine;
  let browser: Browser;
  let staff: string;

  beforeAll(async () => {
    engine = await startTestEngine({ jobs: false });
    browser = await launchChromium();
    staff = await login(engine.url, 'staff-3');
    const r = await api(engine.url, 'PATCH', `/api/v1/sites/${engine.siteId}/counters/3`, { token: staff, body: { status: 'open' } });
    expect(r.status).toBe(200);
  });

  afterAll(async () => {
    await browser?.close();
    await engine?.stop();
  });

  async function issue(serviceId: string): Promise<{ id: string; number: string; statusToken: string }> {
    const r = await api(engine.url, 'POST', `/api/v1/sites/${engine.siteId}/tickets`, { token: KIOSK_TOKEN, body: { serviceId } });
    expect(r.status).toBe(201);
    return r.body.ticket;
  }

  async function openStatus(statusToken: string): Promise<Page> {
    // A phone-sized page; CSP bypassed only so axe-core can be injected.
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, bypassCSP: true });
    await installSpeechStub(page, { voices: [], speakMs: 100 });
    await page.goto(`${engine.url}/t/${statusToken}`);
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
    const c1 = await api(engine.url, 'POST', `/api/v1/sites/${engine.siteId}/counters/3/call-next`, { token: staff });
    expect(c1.body.ticket.number).toBe(first.number);
    await page.locator('loket-ticket-status [data-testid="ahead"]').filter({ hasText: 'Anda berikutnya' }).waitFor({ timeout: 5000 });
    for (const step of ['start', 'finish']) {
      expect((await api(engine.url, 'POST', `/api/v1/sites/${engine.siteId}/tickets/${first.id}/${step}`, { token: staff })).status).toBe(200);
    }

    const c2 = await api(engine.url, 'POST', `/api/v1/sites/${engine.siteId}/counters/3/call-next`, { token: staff });
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
    expect((await api(engine.url, 'POST', `/api/v1/sites/${engine.siteId}/tickets/${mine.id}/recall`, { token: staff })).status).toBe(200);
    await page.waitForFunction(() => (window as unknown as { __vibrate: unknown[] }).__vibrate.length === 2, undefined, { timeout: 3000 });

    for (const step of ['start', 'finish']) {
      expect((await api(engine.url, 'POST', `/api/v1/sites/${engine.siteId}/tickets/${mine.id}/${step}`, { token: staff })).status).toBe(200);
    }
    const survey = page.locator('loket-ticket-status loket-ikm-survey form');
    await survey.waitFor({ timeout: 5000 });
    expect(await state(page)).toBe('done');
    expect(await page.locator('loket-ticket-status loket-ikm-survey fieldset').count()).toBe(9);
    expect(await seriousAxeViolations(page)).toEqual([]);
    for (const u of ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9']) {
      await page.locator(`loket-ticket-status loket-ikm-survey input[name="${u}"][value="${u === 'U4' ? 4 : 3}"]`).check();
    }
    await page.screenshot({ path: screenshotPath('ticket-status-survey.png'), fullPage: true });
    await page.locator('loket-ticket-status loket-ikm-survey button[type="submit"]').tap();
    await page.locator('loket-ticket-status [data-testid="ikm-done"]').waitFor({ timeout: 5000 });

    const supervisor = await login(engine.url, 'supervisor');
    const ikm = await api(engine.url, 'GET', `/api/v1/sites/${engine.siteId}/ikm`, { token: supervisor });
    expect(ikm.status).toBe(200);
    expect(ikm.body.responses).toBe(1);
    expect(ikm.body.nrr.U4).toBe(4);
    expect(ikm.body.nrr.U1).toBe(3);
    await page.close();
  });

  it('says so when the ticket does not exist', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, bypassCSP: true });
    await page.goto(`${engine.url}/t/no-such-token-0000`);
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
