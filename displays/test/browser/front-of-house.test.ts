/** What citizens hit on the lobby screen, the kiosk and their phone (issue 10), one check per finding. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { FakeClock } from '../../../engine/test/support/core.js';
import { issueTicket, openCounter, useEngineAndBrowser } from '../support/browser-suite.js';
import { api, DISPLAY_TOKEN, KIOSK_TOKEN, login, screenshotPath } from '../support/engine.js';
import { installSpeechStub, spoken } from '../support/speech-stub.js';

const ID_VOICE = [{ lang: 'id-ID', name: 'Stub Bahasa Indonesia' }];
const shadowText = (page: Page, sel: string) => page.locator(`loket-lobby-display ${sel}`).textContent().then((x) => x?.trim() ?? '');

/** Pages must not log a 404 (the favicon was one). */
function track404(page: Page): string[] {
  const missing: string[] = [];
  page.on('response', (r) => {
    if (r.status() === 404) missing.push(r.url());
  });
  return missing;
}

describe('lobby screen: the right number, the right counter', () => {
  const suite = useEngineAndBrowser();
  let sup: string;
  const path = (rest: string) => `/api/v1/sites/${suite.engine.siteId}${rest}`;
  beforeAll(async () => {
    sup = await login(suite.engine.url, 'supervisor');
    for (const id of ['1', '2', '3', '4', '5']) await openCounter(suite.engine, sup, id);
  });

  async function openDisplay(width = 1920, height = 1080, speakMs = 1500): Promise<Page> {
    const page = await suite.browser.newPage({ viewport: { width, height } });
    await installSpeechStub(page, { voices: ID_VOICE, speakMs });
    await page.goto(`${suite.engine.url}/display/lobby?site=${suite.engine.siteId}&token=${DISPLAY_TOKEN}`);
    await page.locator('loket-lobby-display [data-conn="live"]').waitFor({ timeout: 10_000 });
    return page;
  }

  it('shows the call being announced in the large panel, in step with the voice', async () => {
    const page = await openDisplay();
    const missing = track404(page);
    const numbers: string[] = [];
    for (let i = 0; i < 3; i++) numbers.push((await issueTicket(suite.engine, 'ktp')).number);
    for (const c of ['1', '2', '3']) expect((await api(suite.engine.url, 'POST', path(`/counters/${c}/call-next`), { token: sup })).status).toBe(200);
    // While the first call is spoken, the panel shows it, not the last call.
    await page.waitForFunction(() => (window as unknown as { __speech: unknown[] }).__speech.length === 1, undefined, { timeout: 5000 });
    expect(await shadowText(page, '[data-testid="current-number"]')).toBe(numbers[0]);
    expect(await shadowText(page, '[data-testid="current-counter"]')).toBe('Loket 1');
    await page.waitForFunction(() => (window as unknown as { __speech: unknown[] }).__speech.length === 2, undefined, { timeout: 8000 });
    expect(await shadowText(page, '[data-testid="current-number"]')).toBe(numbers[1]);
    expect((await spoken(page)).map((r) => r.text)[1]).toContain('loket dua');
    expect(missing).toEqual([]);
    await page.close();
  });

  it('takes requeued and finished tickets off the screen, also after a reload', async () => {
    const page = await openDisplay(1920, 1080, 100);
    const counters = (await api(suite.engine.url, 'GET', path('/counters'), { token: sup })).body.counters as { id: string; currentTicket: { id: string; number: string } | null }[];
    const held = (id: string) => counters.find((c) => c.id === id)!.currentTicket!;
    const [t1, t2] = [held('1'), held('2')];
    expect((await api(suite.engine.url, 'POST', path(`/tickets/${t1.id}/requeue`), { token: sup })).status).toBe(200);
    for (const step of ['start', 'finish']) expect((await api(suite.engine.url, 'POST', path(`/tickets/${t2.id}/${step}`), { token: sup })).status).toBe(200);
    const rows = () => page.locator('loket-lobby-display .recent td.num').allTextContents();
    await page.waitForFunction(
      (gone) => {
        const cells = [...(document.querySelector('loket-lobby-display')?.shadowRoot?.querySelectorAll('.recent td.num') ?? [])].map((x) => x.textContent?.trim());
        return gone.every((n) => !cells.includes(n));
      },
      [t1.number, t2.number],
      { timeout: 3000 },
    );
    await page.reload();
    await page.locator('loket-lobby-display [data-conn="live"]').waitFor();
    const after = await rows();
    expect(after).not.toContain(t1.number);
    expect(after).not.toContain(t2.number);
    expect(await shadowText(page, '[data-testid="current-number"]')).not.toBe(t1.number);
    await page.close();
  });

  for (const [w, h] of [
    [1920, 1080],
    [1280, 720],
  ] as const) {
    it(`shows the whole title and readable waiting chips at ${w}x${h}`, async () => {
      const page = await openDisplay(w, h, 100);
      await page.screenshot({ path: screenshotPath(`display-${h}p.png`) });
      const title = await page.locator('loket-lobby-display [data-testid="title"]').evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth, text: el.textContent }));
      expect(title.sw).toBeLessThanOrEqual(title.cw);
      expect(title.text).toContain('Layar Lobi Utama');
      const chips = await page.locator('loket-lobby-display .chip').evaluateAll((els) =>
        els.map((e) => ({ font: parseFloat(getComputedStyle(e).fontSize), bottom: e.getBoundingClientRect().bottom })),
      );
      expect(chips.length).toBe(12);
      for (const c of chips) {
        expect(c.font).toBeGreaterThanOrEqual(24);
        expect(c.bottom).toBeLessThanOrEqual(h);
      }
      await page.screenshot({ path: screenshotPath(`display-${h}p.png`) });
      await page.close();
    });
  }

  it('shows a styled page for a refused device token', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${suite.engine.url}/display/lobby?site=${suite.engine.siteId}&token=not-a-token`);
    const box = page.locator('loket-lobby-display [data-testid="bad-token"]');
    await box.waitFor({ timeout: 10_000 });
    const h1 = await box.locator('h1').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(h1).toBeGreaterThanOrEqual(28);
    expect(await box.textContent()).toContain('token');
    await page.screenshot({ path: screenshotPath('display-bad-token.png') });
    await page.close();
  });
});

describe('kiosk and phone: honest before the ticket, helpful after', () => {
  // Monday 07:29 in Jakarta: the mall opens at 07:30.
  const clock = new FakeClock(Date.parse('2026-11-23T00:29:00Z'));
  const suite = useEngineAndBrowser({
    ignoreHours: false,
    clock: clock.now,
    editSite: (raw) => {
      const agencies = raw.agencies as { id: string; services: { id: string; quotaPerDay?: number }[] }[];
      agencies.find((a) => a.id === 'pdam')!.services[0]!.quotaPerDay = 1;
    },
  });
  let sup: string;
  const path = (rest: string) => `/api/v1/sites/${suite.engine.siteId}${rest}`;
  beforeAll(async () => {
    sup = await login(suite.engine.url, 'supervisor');
  });

  async function openKiosk(width: number, height: number, wait = 'button[data-agency="dukcapil"]'): Promise<Page> {
    const page = await suite.browser.newPage({ viewport: { width, height }, hasTouch: true });
    await page.goto(`${suite.engine.url}/kiosk?site=${suite.engine.siteId}&token=${KIOSK_TOKEN}`);
    await page.locator(`loket-kiosk ${wait}`).waitFor({ timeout: 10_000 });
    return page;
  }

  it('follows the opening of the site live and shows the hours', async () => {
    const page = await openKiosk(1080, 1920, '[data-testid="kiosk-message"]');
    expect(await page.locator('loket-kiosk [data-testid="kiosk-hours"]').textContent()).toContain('07:30–16:00');
    await page.evaluate(() => (document.querySelector('loket-kiosk')!.refreshSeconds = 1));
    clock.advance(2);
    await page.locator('loket-kiosk button[data-agency="dukcapil"]').waitFor({ timeout: 4000 });
    await page.close();
  });

  it('shows waiting, estimate, no counter and full on each service button, and warns before a ticket nobody serves', async () => {
    await openCounter(suite.engine, sup, '1');
    await issueTicket(suite.engine, 'ktp');
    await issueTicket(suite.engine, 'ktp');
    await issueTicket(suite.engine, 'air');
    const page = await openKiosk(1080, 1920);
    await page.locator('loket-kiosk button[data-agency="dukcapil"]').tap();
    const facts = (id: string) => page.locator(`loket-kiosk button[data-service="${id}"] [data-testid="service-facts"]`).textContent();
    // ktp: 2 waiting, 1 open counter, 7 min each: (2 + 1) * 7 = 21 min.
    await page.locator('loket-kiosk button[data-service="ktp"] [data-testid="service-facts"]').filter({ hasText: '21' }).waitFor({ timeout: 3000 });
    expect(await facts('ktp')).toContain('2 menunggu');
    expect(await facts('pindah')).toContain('Belum ada loket buka');
    await page.screenshot({ path: screenshotPath('kiosk-services.png') });
    await page.locator('loket-kiosk button[data-service="pindah"]').tap();
    await page.locator('loket-kiosk [data-testid="kiosk-warning"]').waitFor();
    expect(await page.locator('loket-kiosk button[data-priority]').count()).toBe(0);
    await page.locator('loket-kiosk button[data-action="restart"]').tap();
    // A full service is marked (after the first refusal), also across a reload.
    await page.locator('loket-kiosk button[data-agency="pdam"]').tap();
    await page.locator('loket-kiosk button[data-service="air"]').tap();
    await page.locator('loket-kiosk [data-testid="kiosk-warning"]').waitFor();
    await page.locator('loket-kiosk button[data-action="take-anyway"]').tap();
    await page.locator('loket-kiosk button[data-priority="regular"]').tap();
    await page.locator('loket-kiosk [data-testid="kiosk-message"]').waitFor();
    await page.reload();
    await page.locator('loket-kiosk button[data-agency="pdam"]').tap();
    expect(await page.locator('loket-kiosk button[data-service="air"]').getAttribute('data-full')).toBe('true');
    expect(await page.locator('loket-kiosk button[data-service="air"]').isDisabled()).toBe(true);
    await page.close();
  });

  it('warns before issuing a ticket that cannot be served before closing', async () => {
    clock.advance(8 * 60 + 25); // 15:56, closes at 16:00
    const page = await openKiosk(1080, 1920);
    await page.locator('loket-kiosk button[data-agency="dukcapil"]').tap();
    await page.locator('loket-kiosk button[data-service="ktp"]').tap();
    const warn = page.locator('loket-kiosk [data-testid="kiosk-warning"]');
    await warn.waitFor();
    expect(await warn.textContent()).toContain('16:00');
    await page.screenshot({ path: screenshotPath('kiosk-late-warning.png') });
    await page.close();
    clock.advance(-(8 * 60 + 25));
  });

  it('puts print and done above the fold at 1280x800 and resets the language for the next citizen, also across a reload', async () => {
    const page = await openKiosk(1280, 800);
    await page.locator('loket-kiosk loket-lang-switch button').tap();
    await page.locator('loket-kiosk button[data-agency="dukcapil"]').tap();
    await page.locator('loket-kiosk button[data-service="ktp"]').tap();
    await page.locator('loket-kiosk button[data-priority="regular"]').tap();
    const done = page.locator('loket-kiosk button[data-action="done"]');
    await done.waitFor();
    for (const a of ['print', 'done']) {
      const b = (await page.locator(`loket-kiosk button[data-action="${a}"]`).boundingBox())!;
      expect(b.y + b.height).toBeLessThanOrEqual(800);
    }
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(800);
    await page.screenshot({ path: screenshotPath('kiosk-ticket-1280x800.png') });
    await done.tap();
    expect(await page.locator('loket-kiosk').getAttribute('lang')).toBe('id');
    await page.locator('loket-kiosk loket-lang-switch button').tap();
    expect(await page.locator('loket-kiosk').getAttribute('lang')).toBe('en');
    await page.reload();
    await page.locator('loket-kiosk button[data-agency="dukcapil"]').waitFor();
    expect(await page.locator('loket-kiosk').getAttribute('lang')).toBe('id');
    await page.close();
  });

  it('phone: says when no counter serves the service, asks once for a tap to allow alerts, and gives a next step after a no-show', async () => {
    const t = await issueTicket(suite.engine, 'pindah');
    const page = await suite.browser.newPage({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    await installSpeechStub(page, { voices: ID_VOICE, speakMs: 100 });
    const missing = track404(page);
    await page.goto(`${suite.engine.url}/t/${t.statusToken}`);
    await page.locator('loket-ticket-status [data-testid="no-counter"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('loket-ticket-status [data-testid="eta"]').textContent()).not.toMatch(/menit/);
    const ask = page.locator('loket-ticket-status [data-testid="enable-alerts"]');
    expect((await ask.boundingBox())!.height).toBeGreaterThanOrEqual(48);
    await page.screenshot({ path: screenshotPath('ticket-status-no-counter.png') });
    await ask.tap();
    await ask.waitFor({ state: 'detached' });
    expect((await page.evaluate(() => (window as unknown as { __vibrate: unknown[] }).__vibrate)).length).toBe(1);
    // A counter opens for the service: the note goes.
    await openCounter(suite.engine, sup, '7');
    await page.locator('loket-ticket-status [data-testid="no-counter"]').waitFor({ state: 'detached', timeout: 5000 });
    const called = await api(suite.engine.url, 'POST', path('/counters/7/call-next'), { token: sup });
    expect(called.body.ticket.id).toBe(t.id);
    expect((await api(suite.engine.url, 'POST', path(`/tickets/${t.id}/no-show`), { token: sup })).status).toBe(200);
    const next = page.locator('loket-ticket-status [data-testid="next-step"]');
    await next.waitFor({ timeout: 5000 });
    expect(await next.textContent()).toContain('kiosk');
    expect(missing).toEqual([]);
    await page.close();
  });
});
