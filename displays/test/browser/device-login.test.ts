import { describe, expect, it } from 'vitest';
import { useEngineAndBrowser } from '../support/browser-suite.js';
import { installSpeechStub } from '../support/speech-stub.js';

describe('a device without a token signs in', () => {
  const suite = useEngineAndBrowser();

  it('the lobby display shows a sign-in form, refuses a wrong password, then goes live and remembers the token', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await installSpeechStub(page, { voices: [{ lang: 'id-ID', name: 'Stub' }], speakMs: 100 });
    await page.goto(`${suite.engine.url}/display/lobby?site=${suite.engine.siteId}`);
    const form = page.locator('loket-lobby-display loket-login form');
    await form.waitFor({ timeout: 10_000 });
    await page.locator('loket-lobby-display loket-login input[name="username"]').fill('display');
    await page.locator('loket-lobby-display loket-login input[name="password"]').fill('wrong');
    await page.locator('loket-lobby-display loket-login button[type="submit"]').click();
    const alert = page.locator('loket-lobby-display loket-login [role="alert"]');
    await alert.waitFor({ timeout: 5000 });
    expect(await alert.textContent()).toContain('Nama pengguna atau kata sandi salah');

    await page.locator('loket-lobby-display loket-login input[name="password"]').fill('demo');
    await page.locator('loket-lobby-display loket-login button[type="submit"]').click();
    await page.locator('loket-lobby-display [data-conn="live"]').waitFor({ timeout: 10_000 });
    const stored = await page.evaluate(() => localStorage.getItem('loket.token.display'));
    expect(stored).toBeTruthy();

    await page.reload();
    await page.locator('loket-lobby-display [data-conn="live"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('loket-lobby-display loket-login').count()).toBe(0);
    await context.close();
  });

  it('the kiosk signs in with the kiosk account and shows the agencies', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1080, height: 1920 } });
    const page = await context.newPage();
    await page.goto(`${suite.engine.url}/kiosk?site=${suite.engine.siteId}`);
    await page.locator('loket-kiosk loket-login input[name="username"]').fill('kiosk');
    await page.locator('loket-kiosk loket-login input[name="password"]').fill('demo');
    await page.locator('loket-kiosk loket-login button[type="submit"]').click();
    await page.locator('loket-kiosk button[data-agency="dukcapil"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('loket-kiosk button[data-agency]').count()).toBe(12);
    await context.close();
  });
});
