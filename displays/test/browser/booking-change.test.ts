import { describe, expect, it } from 'vitest';
import { useEngineAndBrowser } from '../support/browser-suite.js';
import { api, screenshotPath, seriousAxeViolations } from '../support/engine.js';

type Service = { id: string; booking?: Record<string, unknown> };

describe('changing a booking on the phone (issue 11): "Ubah jadwal" by code', () => {
  // One place per slot of KTP, so a slot taken meanwhile is full.
  const suite = useEngineAndBrowser({
    editSite: (raw) => {
      for (const a of raw.agencies as { services: Service[] }[]) for (const s of a.services) if (s.id === 'ktp') s.booking = { capacityPerSlot: 1 };
    },
  });

  it('moves the booking to another day and slot, keeps the code, and says so when the chosen slot filled meanwhile', async () => {
    const { engine, browser } = suite;
    const base = `/api/v1/public/sites/${engine.siteId}`;
    const today = (await api(engine.url, 'GET', `${base}/booking`)).body.today as string;
    const day = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    const made = await api(engine.url, 'POST', `${base}/bookings`, { body: { serviceId: 'ktp', date: day(1), slotStart: '10:00', phone: '081233334444' } });
    expect(made.status).toBe(201);
    const code = made.body.booking.code as string;

    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, bypassCSP: true });
    await phone.goto(`${engine.url}/booking/${code}?site=${engine.siteId}`);
    await phone.locator('loket-booking [data-testid="booking-code"]').waitFor({ timeout: 10_000 });
    await phone.locator('loket-booking button[data-action="change"]').tap();
    const change = phone.locator('loket-booking loket-booking-change');
    await change.locator('[data-testid="change-date"]').waitFor();
    await phone.screenshot({ path: screenshotPath('booking-change-open-phone.png') });
    await change.locator('[data-testid="change-date"]').selectOption(day(2));
    await change.locator('.slots button[data-slot="11:00"]').waitFor({ timeout: 10_000 });

    // Someone else takes 11:00 first: the move is refused in words, the slots are read again.
    const other = await api(engine.url, 'POST', `${base}/bookings`, { body: { serviceId: 'ktp', date: day(2), slotStart: '11:00', phone: '081255556666' } });
    expect(other.status).toBe(201);
    await change.locator('.slots button[data-slot="11:00"]').tap();
    await change.locator('button[data-action="change-confirm"]').tap();
    await change.locator('[data-testid="change-message"]').waitFor({ timeout: 10_000 });
    expect(await change.locator('[data-testid="change-message"]').textContent()).toContain('Jam ini sudah penuh');
    await change.locator('.slots button[data-slot="11:00"]').waitFor({ state: 'detached', timeout: 10_000 });
    expect((await api(engine.url, 'GET', `/api/v1/public/bookings/${code}`)).body.booking).toMatchObject({ date: day(1), slotStart: '10:00' });

    await change.locator('.slots button[data-slot="11:15"]').tap();
    expect(await change.locator('[data-testid="change-message"]').count()).toBe(0);
    expect((await change.locator('button[data-action="change-confirm"]').textContent())!.trim()).toMatch(/^Pindahkan ke .+, 11:15$/);
    expect(await seriousAxeViolations(phone)).toEqual([]);
    await phone.screenshot({ path: screenshotPath('booking-change-phone.png') });
    await change.locator('button[data-action="change-confirm"]').tap();

    await phone.locator('loket-booking [data-testid="booking-changed"]').waitFor({ timeout: 10_000 });
    expect(await phone.locator('loket-booking loket-booking-change').count()).toBe(0);
    const shown = (await phone.locator('loket-booking [data-testid="booking-code"]').textContent())!.trim();
    expect(shown.replace('-', '')).toBe(code);
    const text = await phone.locator('loket-booking [data-testid="booking-result"]').textContent();
    expect(text).toContain('11:15-11:30');
    expect(text).toContain('Terjadwal');
    await phone.locator('loket-booking img.qr').waitFor();
    const after = (await api(engine.url, 'GET', `/api/v1/public/bookings/${code}`)).body.booking;
    expect(after).toMatchObject({ code, date: day(2), slotStart: '11:15', state: 'booked' });
    // The old place is held for the cool-down, not handed out at once.
    const slots = (await api(engine.url, 'GET', `${base}/slots?serviceId=ktp&date=${day(1)}`)).body.slots as { start: string; available: number }[];
    expect(slots.find((s) => s.start === '10:00')!.available).toBe(0);
    await phone.screenshot({ path: screenshotPath('booking-changed-phone.png') });

    // In English the same flow reads in English.
    await phone.locator('loket-booking loket-lang-switch button').first().tap();
    await phone.locator('loket-booking button[data-action="change"]').waitFor();
    expect((await phone.locator('loket-booking button[data-action="change"]').textContent())!.trim()).toBe('Change time');
    await phone.close();
  });
});
