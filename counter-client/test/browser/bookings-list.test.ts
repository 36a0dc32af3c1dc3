import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useEngineAndBrowser } from '../support/browser-suite.js';
import { openPage } from '../support/desk-page.js';
import { api } from '../support/engine.js';

const SHOTS = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));

describe("today's bookings on the floor and the desk", () => {
  const suite = useEngineAndBrowser();

  it('lists bookings per slot and service with their states; staff see their own agency only', async () => {
    const { url, siteId } = suite.engine;
    const today = (await api(url, 'GET', `/api/v1/public/sites/${siteId}/booking`)).body.today as string;
    const slots = (await api(url, 'GET', `/api/v1/public/sites/${siteId}/slots?serviceId=ktp&date=${today}`)).body.slots as { start: string; available: number }[];
    const open = slots.filter((s) => s.available > 0).map((s) => s.start);
    const made: string[] = [];
    for (const [i, [serviceId, slot]] of ([['ktp', open.at(-1)!], ['ktp', open.at(-1)!], ['paspor', open.at(-1)!]] as const).entries()) {
      const r = await api(url, 'POST', `/api/v1/public/sites/${siteId}/bookings`, { body: { serviceId, date: today, slotStart: slot, phone: `08121111000${i}` } });
      expect(r.status).toBe(201);
      made.push(r.body.booking.code);
    }
    await api(url, 'POST', `/api/v1/public/bookings/${made[1]}/cancel`);

    const floor = await openPage(suite.browser, url, '/supervisor', siteId, 'supervisor');
    await floor.setViewportSize({ width: 1366, height: 768 });
    await floor.locator('loket-supervisor-floor details[data-section="bookings"] > summary').click();
    const row = floor.locator(`loket-bookings-list tr[data-slot="${open.at(-1)}"][data-service="ktp"]`);
    await row.waitFor({ timeout: 10_000 });
    expect((await row.locator('td').allTextContents()).slice(2)).toEqual(['1', '', '', '', '1']);
    expect(await floor.locator('loket-bookings-list [data-testid="booking-totals"]').textContent()).toContain('Terjadwal: 2');
    await floor.locator('loket-bookings-list').scrollIntoViewIfNeeded();
    await floor.screenshot({ path: `${SHOTS}supervisor-bookings.png` });

    const desk = await openPage(suite.browser, url, '/counter', siteId, 'staff-3', { counter: '3' });
    await desk.setViewportSize({ width: 1366, height: 768 });
    await desk.locator('loket-counter-desk details[data-section="bookings"] > summary').click();
    await desk.locator('loket-bookings-list tr[data-service="ktp"]').waitFor({ timeout: 10_000 });
    expect(await desk.locator('loket-bookings-list tr[data-service="paspor"]').count()).toBe(0);
    await desk.locator('loket-bookings-list').scrollIntoViewIfNeeded();
    await desk.screenshot({ path: `${SHOTS}desk-bookings.png` });
  });
});
