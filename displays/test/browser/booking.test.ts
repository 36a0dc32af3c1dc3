import { beforeAll, describe, expect, it } from 'vitest';
import { openCounter, useEngineAndBrowser } from '../support/browser-suite.js';
import { api, DISPLAY_TOKEN, KIOSK_TOKEN, login, screenshotPath, seriousAxeViolations } from '../support/engine.js';

describe('online booking in Chromium: book on the phone, check in at the kiosk, called on the lobby', () => {
  const suite = useEngineAndBrowser();
  let supervisor: string;

  beforeAll(async () => {
    supervisor = await login(suite.engine.url, 'supervisor');
  });

  it('books a slot, checks in by typed code, and shows the appointment number when a counter calls it', async () => {
    const { engine, browser } = suite;
    // A walk-in already waits: the appointment is ranked before it (slot start minus the boost).
    await api(engine.url, 'POST', `/api/v1/sites/${engine.siteId}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'ktp' } });

    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, bypassCSP: true });
    await phone.goto(`${engine.url}/booking?site=${engine.siteId}`);
    await phone.locator('loket-booking [data-testid="booking-service"]').selectOption('ktp');
    // The current slot is the first one still open: bookable until its end, check-in open now.
    const slot = phone.locator('loket-booking .slots button').first();
    await slot.waitFor({ timeout: 10_000 });
    const slotStart = await slot.getAttribute('data-slot');
    await slot.tap();
    await phone.locator('loket-booking [data-testid="booking-nik"]').fill('3171 0123 4567 8901');
    expect(await seriousAxeViolations(phone)).toEqual([]);
    await phone.screenshot({ path: screenshotPath('booking-form-phone.png'), fullPage: true });
    await phone.locator('loket-booking button[data-action="book"]').tap();
    const codeEl = phone.locator('loket-booking [data-testid="booking-code"]');
    await codeEl.waitFor({ timeout: 10_000 });
    const shown = (await codeEl.textContent())!.trim();
    expect(shown).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    await phone.locator('loket-booking img.qr').waitFor();
    expect(await phone.locator('loket-booking [data-testid="booking-state"]').textContent()).toContain('Terjadwal');
    expect(new URL(phone.url()).pathname).toBe(`/booking/${shown.replace('-', '')}`);
    expect(await seriousAxeViolations(phone)).toEqual([]);
    await phone.screenshot({ path: screenshotPath('booking-done-phone.png'), fullPage: true });
    // The page never shows the NIK back.
    expect(await phone.locator('loket-booking').evaluate((el) => el.shadowRoot!.textContent)).not.toContain('3171');

    const kiosk = await browser.newPage({ viewport: { width: 1080, height: 1920 }, hasTouch: true, bypassCSP: true });
    await kiosk.goto(`${engine.url}/kiosk?site=${engine.siteId}&token=${KIOSK_TOKEN}`);
    await kiosk.locator('loket-kiosk button[data-action="have-booking"]').tap();
    await kiosk.locator('loket-kiosk [data-testid="checkin-code"]').fill(shown.toLowerCase());
    expect(await seriousAxeViolations(kiosk)).toEqual([]);
    await kiosk.screenshot({ path: screenshotPath('kiosk-checkin.png') });
    await kiosk.locator('loket-kiosk button[data-action="check-in"]').tap();
    await kiosk.locator('loket-kiosk [data-testid="ticket-appointment"]').waitFor({ timeout: 10_000 });
    const number = (await kiosk.locator('loket-kiosk [data-testid="ticket-number"]').textContent())!.trim();
    expect(number).toMatch(/^A-\d{3}$/);
    expect((await kiosk.locator('loket-kiosk [data-testid="ticket-ahead"]').textContent())!).toMatch(/^0 /);
    await kiosk.screenshot({ path: screenshotPath('kiosk-checkin-ticket.png') });

    const list = await api(engine.url, 'GET', `/api/v1/sites/${engine.siteId}/bookings?serviceId=ktp`, { token: supervisor });
    expect(list.body.bookings).toMatchObject([{ slotStart: slotStart, state: 'checked_in' }]);

    const lobby = await browser.newPage({ viewport: { width: 1920, height: 1080 }, bypassCSP: true });
    await lobby.goto(`${engine.url}/display/lobby?site=${engine.siteId}&token=${DISPLAY_TOKEN}`);
    await lobby.locator('loket-lobby-display [data-testid="current-number"], loket-lobby-display .label').first().waitFor({ timeout: 10_000 });
    await openCounter(engine, supervisor, '3');
    const called = await api(engine.url, 'POST', `/api/v1/sites/${engine.siteId}/counters/3/call-next`, { token: supervisor });
    expect(called.body.ticket.number).toBe(number);
    await lobby.waitForFunction(
      (num) => document.querySelector('loket-lobby-display')?.shadowRoot?.querySelector('[data-testid="current-number"]')?.textContent?.trim() === num,
      number,
      { timeout: 10_000 },
    );
    await lobby.locator('loket-lobby-display [data-testid="current-appointment"]').waitFor();
    await lobby.screenshot({ path: screenshotPath('display-appointment.png') });

    // Back on the phone, the booking reads as checked in.
    await phone.reload();
    await phone.locator('loket-booking [data-testid="booking-state"]').waitFor();
    expect(await phone.locator('loket-booking [data-testid="booking-state"]').textContent()).toContain('Sudah check-in');
    await Promise.all([phone.close(), kiosk.close(), lobby.close()]);
  });
});
