/**
 * Booking check-in at the desk (issue 11): bookings made through the public API are checked in
 * by code at the counter desk, as a clerk types it or a USB scanner types the QR's link; the
 * desk says what came of it (appointment in its window, late, too early with the time check-in
 * opens, unknown code) and the appointment is the next the counter calls.
 */
import { describe, expect, it } from 'vitest';
import { useEngineAndBrowser } from '../support/browser-suite.js';
import { openCounter, openPage, waitForDesk } from '../support/desk-page.js';
import { api } from '../support/engine.js';

/** The engine's clock: today at a set time in Jakarta (UTC+7), so the slots around it are known. */
const now = new Date();
const at = (h: number, m: number) => Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), h - 7, m) - now.getTime();
let offset = at(8, 55);

describe('counter desk: booking check-in by code', () => {
  const suite = useEngineAndBrowser({ clock: () => Date.now() + offset });

  it('checks bookings in by typed or scanned code, says on-time / late / too early / unknown, and the appointment is called next', async () => {
    const { url, siteId } = suite.engine;
    const today = (await api(url, 'GET', `/api/v1/public/sites/${siteId}/booking`)).body.today as string;
    const code = async (slotStart: string, phone: string): Promise<string> => {
      const r = await api(url, 'POST', `/api/v1/public/sites/${siteId}/bookings`, { body: { serviceId: 'ktp', date: today, slotStart, phone } });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.booking.code as string;
    };
    const late = await code('09:00', '081211110003');
    offset = at(10, 5); // the 09:00 window has ended
    const onTime = await code('10:00', '081211110001');
    const early = await code('11:00', '081211110002');

    const page = await openPage(suite.browser, url, '/counter', siteId, 'staff-3', { counter: '3' });
    await page.setViewportSize({ width: 1366, height: 768 });
    await openCounter(page);
    const input = page.locator('loket-counter-desk loket-desk-checkin [data-testid="desk-checkin-code"]');
    /** Types like a USB scanner: the characters, then Enter. */
    const scan = async (text: string) => {
      await input.click();
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
    };
    /** The desk's notice (or error) line after a check-in, once it changed. */
    // The live echo of opening the counter may still say so on the notice line: let it land first.
    await page.waitForTimeout(300);
    let last = '';
    const said = async (line: 'notice' | 'error') => {
      const v = await waitForDesk(page, (d) => d[line] !== '' && d[line] !== last && !d[line].includes('diperbarui'), `a new ${line}`);
      last = v[line];
      expect(line === 'notice' ? v.error : v.notice).toBe('');
      return last;
    };

    // The QR holds the booking link; the scanner types it whole.
    await scan(`${url}/booking/${onTime}`);
    const ok = await said('notice');
    expect(ok).toMatch(/^Tiket A-\d{3}: janji temu, di jam booking \(10:00-10:15\)\. Masuk antrean\.$/);
    const number = /A-\d{3}/.exec(ok)![0];
    expect(await input.inputValue()).toBe('');
    const ticket = (await api(url, 'GET', `/api/v1/public/bookings/${onTime}`)).body.booking.ticketId as string;
    await waitForDesk(page, (v) => v.waitingIds.includes(ticket), 'the appointment in the waiting list');

    // Typed by hand, with a dash and in lower case.
    await scan(`${early.slice(0, 5)}-${early.slice(5)}`.toLowerCase());
    expect(await said('error')).toMatch(/^Terlalu awal: check-in dibuka pukul 10[.:]45\.$/);
    await input.fill('');
    await scan(late);
    expect(await said('notice')).toContain('terlambat (jam 09:00-09:15 lewat), masuk antrean umum');
    await input.fill('');
    await scan('ZZZZZZZZZZ');
    expect(await said('error')).toBe('Kode booking tidak dikenal. Periksa kembali kodenya.');
    // A second check-in of the same booking gives its ticket again.
    await input.fill('');
    await scan(onTime);
    expect(await said('notice')).toContain(`Sudah check-in sebelumnya: tiket ${number} (Sudah check-in)`);

    // The box and its answer sit on the one 1366x768 screen with the cycle's controls (the waiting list may run on below).
    await page.screenshot({ path: new URL('../../../docs/screenshots/desk-checkin.png', import.meta.url).pathname });
    for (const sel of ['#call-next', 'loket-ticket-actions', 'loket-transfer-form', 'loket-desk-checkin', '[data-notice]']) {
      const box = (await page.locator(`loket-counter-desk ${sel}`).boundingBox())!;
      expect(box.y + box.height, sel).toBeLessThanOrEqual(768);
    }

    // The appointment, ranked at its slot minus the boost, is called before the late walk-in.
    await page.locator('loket-counter-desk #call-next').click();
    const v = await waitForDesk(page, (d) => d.state === 'called' && !d.callBusy, 'a called ticket');
    expect(v.number).toBe(number);
    expect(v.ticketId).toBe(ticket);
    await page.close();
  });
});
