import { describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import { openCounter, useEngineAndBrowser } from '../support/browser-suite.js';
import { api, chromiumPath, DISPLAY_TOKEN, KIOSK_TOKEN, login } from '../support/engine.js';
import { installSpeechStub } from '../support/speech-stub.js';

/**
 * Another page (here a portal page on the engine's origin, served by the test
 * through Playwright's router) embeds the elements with only the stable
 * script URL and the tag.
 */
describe('embedding with <script type="module"> and the tag', () => {
  // A page answered by Playwright's router has no network address, so Chromium's
  // local-network checks would block its socket to 127.0.0.1: switch them off here.
  const suite = useEngineAndBrowser({}, () =>
    chromium.launch({
      executablePath: chromiumPath(),
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-features=LocalNetworkAccessChecks', '--autoplay-policy=no-user-gesture-required'],
    }),
  );

  it('runs the lobby display and the kiosk from their stable entry files', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1280, height: 720 } });
    await installSpeechStub(page, { voices: [{ lang: 'id-ID', name: 'Stub' }], speakMs: 200 });
    await page.route(`${suite.engine.url}/portal.html`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Portal</title>
<script type="module" src="/ui/displays/assets/lobby-display.js"></script>
<script type="module" src="/ui/displays/assets/kiosk.js"></script></head>
<body><h1>Portal</h1>
<div style="height:400px"><loket-lobby-display display-id="lantai-2" token="${DISPLAY_TOKEN}" running-text="Portal test"></loket-lobby-display></div>
<loket-kiosk site="${suite.engine.siteId}" token="${KIOSK_TOKEN}" paper="80"></loket-kiosk>
</body></html>`,
      }),
    );
    await page.goto(`${suite.engine.url}/portal.html`);
    await page.locator('loket-lobby-display [data-conn="live"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('loket-lobby-display .ticker').textContent()).toContain('Portal test');
    const chips = await page.locator('loket-lobby-display .chip').evaluateAll((els) => els.map((e) => e.getAttribute('data-agency')));
    expect(chips).toEqual(['dukcapil', 'imigrasi']);

    const staff = await login(suite.engine.url, 'staff-9');
    await openCounter(suite.engine, staff, '9');
    await page.locator('loket-kiosk button[data-agency="imigrasi"]').click();
    await page.locator('loket-kiosk button[data-service="paspor"]').click();
    await page.locator('loket-kiosk button[data-priority="regular"]').click();
    const number = (await page.locator('loket-kiosk [data-testid="ticket-number"]').textContent())?.trim();
    expect(number).toBe('P-001');

    expect((await api(suite.engine.url, 'POST', `/api/v1/sites/${suite.engine.siteId}/counters/9/call-next`, { token: staff })).body.ticket.number).toBe('P-001');
    await page.locator('loket-lobby-display [data-testid="current-number"]').filter({ hasText: 'P-001' }).waitFor({ timeout: 2000 });
    await page.waitForFunction(() => (document.querySelector('loket-lobby-display')?.spokenLog.length ?? 0) === 1, undefined, { timeout: 10_000 });
    expect(await page.evaluate(() => document.querySelector('loket-lobby-display')?.spokenLog)).toEqual([
      'Nomor antrian P nol nol satu, silakan menuju loket sembilan',
    ]);
    await page.close();
  });
});
