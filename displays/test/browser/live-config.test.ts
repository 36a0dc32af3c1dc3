/**
 * Administration without a restart or a reload: an admin adds a service and a counter
 * through the API; a kiosk already open in Chromium offers the service and issues a ticket
 * for it; the new counter calls it; the lobby shows the call; the audit log lists each step.
 */
import { describe, expect, it } from 'vitest';
import { useEngineAndBrowser } from '../support/browser-suite.js';
import { api, DISPLAY_TOKEN, KIOSK_TOKEN, login, screenshotPath } from '../support/engine.js';

describe('live administration reaches open screens', () => {
  const suite = useEngineAndBrowser();

  it('a new service and counter: issued at the open kiosk, called at the new counter, shown on the lobby, audited', async () => {
    const { engine, browser } = suite;
    const site = `/api/v1/sites/${engine.siteId}`;
    const kiosk = await browser.newPage({ viewport: { width: 1080, height: 1920 }, hasTouch: true, bypassCSP: true });
    await kiosk.goto(`${engine.url}/kiosk?site=${engine.siteId}&token=${KIOSK_TOKEN}`);
    await kiosk.locator('loket-kiosk button[data-agency="dukcapil"]').waitFor({ timeout: 10_000 });
    const lobby = await browser.newPage({ viewport: { width: 1280, height: 720 }, bypassCSP: true });
    await lobby.goto(`${engine.url}/display/lobby?site=${engine.siteId}&token=${DISPLAY_TOKEN}`);
    await lobby.locator('loket-lobby-display [data-conn="live"]').waitFor({ timeout: 10_000 });

    const admin = await login(engine.url, 'admin');
    const svc = await api(engine.url, 'POST', `${site}/services`, {
      token: admin,
      body: { agencyId: 'dukcapil', id: 'ikd', name: 'Identitas Kependudukan Digital', nameEn: 'Digital ID', prefix: 'ID', avgServiceMinutes: 5 },
    });
    expect(svc.status).toBe(201);
    const ctr = await api(engine.url, 'POST', `${site}/counters`, { token: admin, body: { id: '42', name: 'Loket 42', agencyId: 'dukcapil', services: [['ikd']] } });
    expect(ctr.status).toBe(201);

    // Its clerk opens the new counter (a service nobody serves asks the citizen first).
    expect((await api(engine.url, 'PATCH', `${site}/counters/42`, { token: admin, body: { status: 'open' } })).status).toBe(200);

    // No reload: the kiosk shows the new service.
    await kiosk.locator('loket-kiosk button[data-agency="dukcapil"]').tap();
    await kiosk.locator('loket-kiosk button[data-service="ikd"]').waitFor({ timeout: 3000 });
    await kiosk.screenshot({ path: screenshotPath('live-config-kiosk-new-service.png') });
    await kiosk.locator('loket-kiosk button[data-service="ikd"]').tap();
    await kiosk.locator('loket-kiosk button[data-priority="regular"]').tap();
    await kiosk.locator('loket-kiosk').getByText('ID-001').first().waitFor({ timeout: 5000 });

    const called = await api(engine.url, 'POST', `${site}/counters/42/call-next`, { token: admin });
    expect(called.body.ticket.number).toBe('ID-001');

    await lobby.waitForFunction(
      () => document.querySelector('loket-lobby-display')?.shadowRoot?.querySelector('[data-testid="current-number"]')?.textContent?.trim() === 'ID-001',
      undefined,
      { timeout: 5000 },
    );
    expect(await lobby.locator('loket-lobby-display [data-testid="current-counter"]').textContent()).toContain('Loket 42');
    await lobby.screenshot({ path: screenshotPath('live-config-lobby-new-counter.png') });

    const audit = await api(engine.url, 'GET', `${site}/audit`, { token: admin });
    const steps = audit.body.entries.map((e: { action: string; target: string; actor: string }) => `${e.actor} ${e.action} ${e.target}`);
    expect(steps).toEqual(expect.arrayContaining(['admin service.create service:ikd', 'admin counter.create counter:42']));
  });
});
