import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openCounter, useEngineAndBrowser } from '../support/browser-suite.js';
import { api, KIOSK_TOKEN, login, screenshotPath, seriousAxeViolations } from '../support/engine.js';

interface ListedTicket {
  id: string;
  number: string;
  serviceId: string;
  priority: string;
  priorityReason?: string;
  channel: string;
}

describe('kiosk in Chromium against a real engine', () => {
  const suite = useEngineAndBrowser({
    editSite: (raw) => {
      // A tiny quota on the water utility so the "quota full" message can be reached.
      const agencies = raw.agencies as { id: string; services: { id: string; quotaPerDay?: number }[] }[];
      const air = agencies.find((a) => a.id === 'pdam')?.services.find((s) => s.id === 'air');
      if (!air) throw new Error('sample site changed: no pdam/air service');
      air.quotaPerDay = 1;
    },
  });
  let supervisor: string;

  beforeAll(async () => {
    supervisor = await login(suite.engine.url, 'supervisor');
    // Counters serve the services these tests take (else the kiosk first warns that nobody serves them).
    for (const id of ['1', '9', '24']) await openCounter(suite.engine, supervisor, id);
  });

  async function openKiosk(query = ''): Promise<Page> {
    const page = await suite.browser.newPage({ viewport: { width: 1080, height: 1920 }, hasTouch: true, bypassCSP: true });
    await page.goto(`${suite.engine.url}/kiosk?site=${suite.engine.siteId}&token=${KIOSK_TOKEN}${query}`);
    await page.locator('loket-kiosk button[data-agency="dukcapil"]').waitFor({ timeout: 10_000 });
    return page;
  }

  async function tickets(serviceId: string): Promise<ListedTicket[]> {
    const r = await api(suite.engine.url, 'GET', `/api/v1/sites/${suite.engine.siteId}/tickets?serviceId=${serviceId}`, { token: supervisor });
    expect(r.status).toBe(200);
    return r.body.tickets as ListedTicket[];
  }

  async function buttonHeights(page: Page): Promise<number[]> {
    return page.locator('loket-kiosk button').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
  }

  it('issues exactly one ticket from taps, even when the last tap is doubled', async () => {
    const page = await openKiosk();
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(Math.min(...(await buttonHeights(page)))).toBeGreaterThanOrEqual(64);
    await page.screenshot({ path: screenshotPath('kiosk-agencies.png') });

    await page.locator('loket-kiosk button[data-agency="dukcapil"]').tap();
    await page.locator('loket-kiosk button[data-service="ktp"]').tap();
    const regular = page.locator('loket-kiosk button[data-priority="regular"]');
    await regular.waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(Math.min(...(await buttonHeights(page)))).toBeGreaterThanOrEqual(64);
    await page.screenshot({ path: screenshotPath('kiosk-priority.png') });

    // Two taps in the same task: the second must not issue a second ticket.
    await regular.evaluate((b) => {
      (b as HTMLButtonElement).click();
      (b as HTMLButtonElement).click();
    });
    const number = page.locator('loket-kiosk [data-testid="ticket-number"]');
    await number.waitFor({ timeout: 5000 });
    const shown = (await number.textContent())?.trim();
    expect(shown).toMatch(/^A-\d{3}$/);
    await page.locator('loket-kiosk loket-kiosk-ticket img[part="qr"]').waitFor();
    expect(await page.locator('loket-kiosk [data-testid="ticket-ahead"]').textContent()).toContain('0 orang');

    const listed = await tickets('ktp');
    expect(listed.map((t) => t.number)).toEqual([shown]);
    expect(listed[0]).toMatchObject({ priority: 'regular', channel: 'kiosk' });

    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(Math.min(...(await buttonHeights(page)))).toBeGreaterThanOrEqual(64);
    await page.screenshot({ path: screenshotPath('kiosk-ticket.png') });

    await page.emulateMedia({ media: 'print' });
    const printed = await page.locator('loket-kiosk loket-kiosk-ticket article').evaluate((el) => el.getBoundingClientRect().width);
    expect(printed).toBeGreaterThan(170); // 48 mm printable on 58 mm paper = 181 px
    expect(printed).toBeLessThan(195);
    expect(await page.locator('loket-kiosk header').isVisible()).toBe(false);
    await page.locator('loket-kiosk loket-kiosk-ticket article').screenshot({ path: screenshotPath('ticket-print-58mm.png') });
    await page.locator('loket-kiosk').evaluate((el) => el.setAttribute('paper', '80'));
    const wide = await page.locator('loket-kiosk loket-kiosk-ticket article').evaluate((el) => el.getBoundingClientRect().width);
    expect(wide).toBeGreaterThan(260); // 72 mm printable on 80 mm paper = 272 px
    await page.locator('loket-kiosk loket-kiosk-ticket article').screenshot({ path: screenshotPath('ticket-print-80mm.png') });
    await page.close();
  });

  it('issues a priority ticket with its reason', async () => {
    const page = await openKiosk();
    await page.locator('loket-kiosk button[data-agency="imigrasi"]').tap();
    await page.locator('loket-kiosk button[data-service="paspor"]').tap();
    await page.locator('loket-kiosk button[data-priority="elderly"]').tap();
    const number = page.locator('loket-kiosk [data-testid="ticket-number"]');
    await number.waitFor({ timeout: 5000 });
    const listed = await tickets('paspor');
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ number: (await number.textContent())?.trim(), priority: 'priority', priorityReason: 'elderly' });
    await page.close();
  });

  it('says clearly when the quota of a service is used up', async () => {
    const page = await openKiosk();
    for (let i = 0; i < 2; i++) {
      await page.locator('loket-kiosk button[data-agency="pdam"]').tap();
      await page.locator('loket-kiosk button[data-service="air"]').tap();
      await page.locator('loket-kiosk button[data-priority="regular"]').tap();
      if (i === 0) {
        await page.locator('loket-kiosk [data-testid="ticket-number"]').waitFor({ timeout: 5000 });
        await page.locator('loket-kiosk button[data-action="done"]').tap();
      }
    }
    const msg = page.locator('loket-kiosk [data-testid="kiosk-message"]');
    await msg.waitFor({ timeout: 5000 });
    expect(await msg.textContent()).toContain('Kuota layanan ini untuk hari ini sudah habis');
    expect(await tickets('air')).toHaveLength(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('kiosk-quota.png') });
    await page.close();
  });

  it('switches to English and back', async () => {
    const page = await openKiosk();
    await page.locator('loket-kiosk loket-lang-switch button').tap();
    await page.locator('loket-kiosk h2').filter({ hasText: 'Choose an agency' }).waitFor();
    await page.locator('loket-kiosk loket-lang-switch button').tap();
    await page.locator('loket-kiosk h2').filter({ hasText: 'Pilih instansi' }).waitFor();
    await page.close();
  });

  it('returns to the start after the idle time', async () => {
    const page = await openKiosk();
    await page.locator('loket-kiosk').evaluate((el) => el.setAttribute('idle-seconds', '1'));
    await page.locator('loket-kiosk button[data-agency="dukcapil"]').tap();
    await page.locator('loket-kiosk button[data-service="ktp"]').waitFor();
    await page.locator('loket-kiosk button[data-agency="dukcapil"]').waitFor({ timeout: 4000 });
    await page.close();
  });
});

describe('kiosk when the site is closed', () => {
  const suite = useEngineAndBrowser({
    ignoreHours: false,
    editSite: (raw) => {
      raw.hours = {}; // every day left out: closed all week
    },
  });

  it('shows the closed message instead of the choices', async () => {
    const info = await api(suite.engine.url, 'GET', `/api/v1/sites/${suite.engine.siteId}/info`);
    expect(info.body.openNow).toBe(false);
    const page = await suite.browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await page.goto(`${suite.engine.url}/kiosk?site=${suite.engine.siteId}&token=${KIOSK_TOKEN}`);
    const msg = page.locator('loket-kiosk [data-testid="kiosk-message"]');
    await msg.waitFor({ timeout: 10_000 });
    expect(await msg.textContent()).toContain('Layanan sedang tutup');
    expect(await page.locator('loket-kiosk button[data-agency]').count()).toBe(0);
    const r = await api(suite.engine.url, 'POST', `/api/v1/sites/${suite.engine.siteId}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'ktp' } });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('SITE_CLOSED');
    await page.close();
  });
});
