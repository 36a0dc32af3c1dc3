import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DISPLAY_TOKEN } from '../../../engine/test/support/harness.js';
import { useEngineAndBrowser } from '../support/browser-suite.js';
import { newPage, pageErrors } from '../support/desk-page.js';
import { api, KIOSK_TOKEN, login, seriousAxeViolations } from '../support/engine.js';

const SHOTS = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));

/** The console at 1366x768, signed in as the demo admin. */
async function openConsole(page: Page, url: string, siteId: string): Promise<void> {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${url}/admin?site=${siteId}&lang=id`);
  const app = page.locator('loket-staff-app');
  await app.locator('input[name=username]').fill('admin');
  await app.locator('input[name=password]').fill('demo');
  await app.locator('button[type=submit]').click();
  await page.locator('loket-admin loket-admin-services tr[data-service=ktp]').waitFor();
}

describe('admin console: hours, breaks, holidays, displays, stranded tickets', () => {
  const suite = useEngineAndBrowser();
  let page: Page;
  let token: string;
  const config = async () => (await api(suite.engine.url, 'GET', `/api/v1/sites/${suite.engine.siteId}/config`, { token })).body;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    page = await newPage(suite.browser);
    await openConsole(page, suite.engine.url, suite.engine.siteId);
    token = await login(suite.engine.url, 'admin');
  });

  it('sets opening hours per weekday, with a bad closing time shown on that day', async () => {
    const admin = page.locator('loket-admin');
    await admin.locator('button[data-tab=hours]').click();
    const hours = admin.locator('loket-admin-hours');
    const fri = hours.locator('tr[data-day=fri]');
    expect(await fri.locator('input[name=fri-from]').inputValue()).toBe('07:30');
    await fri.locator('input[name=fri-to]').fill('07:00');
    await hours.locator('button[type=submit]').click();
    await fri.locator('[data-error="hours.fri.1"]').waitFor();
    expect(await fri.locator('[data-error="hours.fri.1"]').textContent()).toBe('Jam tutup harus setelah jam buka 07:30');
    expect(await fri.locator('input[name=fri-to]').getAttribute('aria-invalid')).toBe('true');
    expect(await hours.locator('[data-error]').count()).toBe(1);
    // Typed the Indonesian way, with a dot.
    await fri.locator('input[name=fri-to]').fill('16.30');
    await hours.locator('tr[data-day=sun] input[name=sun-open]').check();
    await hours.locator('tr[data-day=sun] input[name=sun-to]').fill('12:00');
    await hours.locator('button[type=submit]').click();
    await hours.locator('p.notice:not(:empty)').waitFor();
    expect(await hours.locator('[data-error]').count()).toBe(0);
    // Applied live: what every kiosk and screen reads.
    const info = await api(suite.engine.url, 'GET', `/api/v1/sites/${suite.engine.siteId}/info`);
    // Days with the same hours are saved as one range.
    expect(info.body.hours).toEqual({ 'mon-thu': ['07:30', '16:00'], fri: ['07:30', '16:30'], 'sat-sun': ['08:00', '12:00'] });
    await page.screenshot({ path: `${SHOTS}admin-hours.png` });
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('adds the Friday prayer break, with a break ending before it starts shown on its field', async () => {
    const admin = page.locator('loket-admin');
    await admin.locator('button[data-tab=breaks]').click();
    const breaks = admin.locator('loket-admin-breaks');
    await breaks.locator('button[data-friday]').click();
    await breaks.locator('button[data-add-break]').click();
    await breaks.locator('input[name=to-1]').fill('11.00');
    await breaks.locator('button[type=submit]').click();
    await breaks.locator('[data-error="breaks.1.to"]').waitFor();
    expect(await breaks.locator('input[name=to-1]').getAttribute('aria-invalid')).toBe('true');
    expect((await config()).breaks).toEqual([]);
    await breaks.locator('button[data-remove="1"]').click();
    await breaks.locator('button[type=submit]').click();
    await breaks.locator('p.notice:not(:empty)').waitFor();
    expect((await config()).breaks).toEqual([{ days: 'fri', from: '11:30', to: '13:00', name: 'Salat Jumat' }]);
    await page.screenshot({ path: `${SHOTS}admin-breaks.png` });
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('imports the national holidays of 2026, edits and removes one, and shows a refused name on its field', async () => {
    const admin = page.locator('loket-admin');
    await admin.locator('button[data-tab=holidays]').click();
    const holidays = admin.locator('loket-admin-holidays');
    const imp = holidays.locator('form[data-form=holiday-import]');
    await imp.locator('select[name=year]').selectOption('2026');
    await imp.locator('button[type=submit]').click();
    await holidays.locator('tr[data-holiday="2026-03-21"]').waitFor();
    expect(await holidays.locator('p.notice').textContent()).toContain('25 hari libur 2026');
    expect(await holidays.locator('tr[data-holiday="2026-03-21"]').textContent()).toContain('Idul Fitri 1447 H');
    expect(await holidays.locator('tr[data-holiday]').count()).toBe(25);
    await page.screenshot({ path: `${SHOTS}admin-holidays.png` });
    expect(await seriousAxeViolations(page)).toEqual([]);
    // Edit one: the form takes it; a name too long is refused on its field.
    await holidays.locator('button[data-edit="2026-08-17"]').click();
    const form = holidays.locator('form[data-form=holiday]');
    expect(await form.locator('input[name=date]').inputValue()).toBe('2026-08-17');
    await form.locator('input[name=name]').fill('x'.repeat(101));
    await form.locator('button[type=submit]').click();
    await form.locator('[data-error=name]').waitFor();
    expect(await form.locator('[data-error=name]').textContent()).toBe('Terlalu panjang (maks. 100 karakter)');
    expect(await form.locator('input[name=name]').getAttribute('aria-invalid')).toBe('true');
    await form.locator('input[name=name]').fill('HUT RI ke-81');
    await form.locator('button[type=submit]').click();
    await holidays.locator('tr[data-holiday="2026-08-17"]', { hasText: 'HUT RI ke-81' }).waitFor();
    page.once('dialog', (d) => void d.accept());
    await holidays.locator('button[data-remove="2026-12-25"]').click();
    await holidays.locator('tr[data-holiday="2026-12-25"]').waitFor({ state: 'detached' });
    const dates = ((await config()).holidays as { date: string }[]).map((h) => h.date);
    expect(dates).toHaveLength(24);
    expect(dates).not.toContain('2026-12-25');
  });

  it('changes what a display shows and its running text, and the lobby screen follows without a reload', async () => {
    const lobby = await newPage(suite.browser);
    await lobby.goto(`${suite.engine.url}/display/lobby?site=${suite.engine.siteId}&token=${DISPLAY_TOKEN}`);
    const ticker = lobby.locator('loket-lobby-display .ticker');
    await ticker.waitFor();
    const admin = page.locator('loket-admin');
    await admin.locator('button[data-tab=displays]').click();
    const displays = admin.locator('loket-admin-displays');
    // A bad id is refused on its field.
    const form = displays.locator('form[data-form=display]');
    await form.locator('input[name=id]').fill('Layar Baru');
    await form.locator('input[name=name]').fill('Layar baru');
    await form.locator('button[type=submit]').click();
    await form.locator('[data-error=id]').waitFor();
    expect(await form.locator('[data-error=id]').textContent()).toBe('Huruf kecil, angka, - atau _ (tanpa spasi)');
    expect(await form.locator('input[name=id]').getAttribute('aria-invalid')).toBe('true');
    await form.locator('input[name=id]').fill('');
    await form.locator('input[name=name]').fill('');
    // Edit the lobby's screen: its running text reaches it at once.
    await displays.locator('button[data-edit=lobby]').click();
    await form.locator('textarea[name=runningText]').fill('Loket Samsat tutup pukul 14.00 hari ini');
    await form.locator('button[type=submit]').click();
    await displays.locator('tr[data-display=lobby]', { hasText: 'Samsat tutup' }).waitFor();
    await lobby.waitForFunction(() => document.querySelector('loket-lobby-display')?.shadowRoot?.querySelector('.ticker')?.textContent?.includes('Samsat tutup'), null, { timeout: 5000 });
    await page.screenshot({ path: `${SHOTS}admin-displays.png` });
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect((await config()).displays.find((d: { id: string }) => d.id === 'lobby').runningText).toBe('Loket Samsat tutup pukul 14.00 hari ini');
    expect(pageErrors(lobby)).toEqual([]);
    await lobby.close();
  });

  it('offers to move waiting tickets when a counter change would strand them, and moves them', async () => {
    const { url, siteId } = suite.engine;
    const site = `/api/v1/sites/${siteId}`;
    await api(url, 'POST', `${site}/services`, { token, body: { agencyId: 'dukcapil', id: 'ktp-x', name: 'KTP ekspres', prefix: 'KX', avgServiceMinutes: 4 } });
    await api(url, 'POST', `${site}/counters`, { token, body: { id: 'T9', name: 'Loket Ekspres', agencyId: 'dukcapil', services: [['ktp-x'], ['ktp']] } });
    const issued = (await api(url, 'POST', `${site}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'ktp-x' } })).body.ticket;
    const admin = page.locator('loket-admin');
    await admin.locator('button[data-tab=counters]').click();
    const counters = admin.locator('loket-admin-counters');
    await counters.locator('button[data-edit=T9]').click();
    const form = counters.locator('form[data-form=counter]');
    await form.locator('fieldset[data-tier="1"] input[value=ktp-x]').uncheck();
    await form.locator('fieldset[data-tier="1"] input[value=ktp]').check();
    await form.locator('button[type=submit]').click();
    const choice = counters.locator('form[data-stranded]');
    await choice.waitFor();
    expect(await choice.textContent()).toContain('1 tiket masih menunggu layanan KTP ekspres');
    expect(await choice.locator('select[name=moveTo] option[value=ktp-x]').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}admin-stranded.png` });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await choice.locator('select[name=moveTo]').selectOption('kk');
    await choice.locator('button[type=submit]').click();
    await choice.waitFor({ state: 'detached' });
    await counters.locator('p.notice:not(:empty)').waitFor();
    const t = (await api(url, 'GET', `${site}/tickets?state=waiting&serviceId=kk`, { token })).body.tickets.find((x: { id: string }) => x.id === issued.id);
    expect(t).toMatchObject({ number: 'KX-001', serviceId: 'kk', state: 'waiting' });
    expect((await config()).counters.find((c: { id: string }) => c.id === 'T9').services).toEqual([['ktp']]);
    // The refusals the steps provoked (400, 409) are logged by the browser; nothing else went wrong.
    expect(pageErrors(page).filter((e) => !/status of (400|409)/.test(e))).toEqual([]);
  });
});
