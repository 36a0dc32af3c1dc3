/** The citizen's screens: the kiosk (portrait and landscape), the phone's ticket page, the booking page, the lobby TV. */
import type { Page } from 'playwright-core';
import { DISPLAY_TOKEN, KIOSK_TOKEN } from '../../engine/test/support/harness.js';
import type { Mall } from './mall.js';
import { PHONE, type Shooter } from './shoot.js';

const kioskUrl = (m: Mall) => `${m.url}/kiosk?site=${m.siteId}&token=${KIOSK_TOKEN}`;

export async function kioskShots(s: Shooter, m: Mall): Promise<void> {
  for (const [w, h] of [
    [1080, 1920],
    [1280, 800],
  ] as const) {
    const size = `${w}x${h}`;
    const page = await s.page(w, h, { hasTouch: true });
    await page.goto(kioskUrl(m));
    const k = (sel: string) => page.locator(`loket-kiosk ${sel}`);
    await k('button[data-agency="dukcapil"]').waitFor({ timeout: 10_000 });
    await s.shot(page, `kiosk-${size}-agencies.png`, `kiosk ${size}: agencies, opening hours, booking check-in`);
    await k('button[data-agency="dukcapil"]').tap();
    await k('button[data-service="ktp"] [data-testid="service-facts"]').filter({ hasText: 'menunggu' }).waitFor();
    await s.shot(page, `kiosk-${size}-services.png`, `kiosk ${size}: services with waiting, estimate and "no counter open"`);
    await k('button[data-service="pindah"]').tap();
    await k('[data-testid="kiosk-warning"]').waitFor();
    await s.shot(page, `kiosk-${size}-warning.png`, `kiosk ${size}: warned before a ticket nobody serves now`);
    await k('button[data-action="back"]').tap();
    await k('button[data-service="ktp"]').tap();
    await k('button[data-priority="regular"]').waitFor();
    await s.shot(page, `kiosk-${size}-priority.png`, `kiosk ${size}: regular or priority`);
    await k('button[data-priority="regular"]').tap();
    await k('[data-testid="ticket-number"]').waitFor();
    await k('img, canvas').first().waitFor();
    await s.shot(page, `kiosk-${size}-ticket.png`, `kiosk ${size}: the issued ticket with QR, print and done`);
    if (w === 1080) await printedSlips(s, page);
    await page.close();
  }
}

/** The slip as the thermal printer gets it: print media, the roll's width. */
async function printedSlips(s: Shooter, page: Page): Promise<void> {
  await page.emulateMedia({ media: 'print' });
  for (const paper of ['58', '80'] as const) {
    await page.evaluate((p) => document.querySelector('loket-kiosk')!.setAttribute('paper', p), paper);
    // A roll is paper-wide: 58 mm = 219 px, 80 mm = 302 px at 96 dpi.
    await page.setViewportSize({ width: paper === '58' ? 219 : 302, height: 700 });
    await s.shot(page, `kiosk-print-${paper}mm.png`, `printed slip on the ${paper} mm roll (print media)`);
  }
  await page.emulateMedia({ media: 'screen' });
}

/** The phone page through a ticket's life: waiting, called, then survey and thanks; a no-show's next step. */
export async function phoneShots(s: Shooter, m: Mall): Promise<void> {
  const open = async (statusToken: string): Promise<Page> => {
    const page = await s.page(390, 844, PHONE);
    await page.goto(`${m.url}/t/${statusToken}`);
    await page.locator('loket-ticket-status [data-testid="number"]').waitFor({ timeout: 10_000 });
    return page;
  };
  // Counter 4 (kk first) is opened for this ticket's life, so the earlier queue stays as it is.
  const mine = await m.issue('kk');
  const page = await open(mine.statusToken);
  await page.locator('loket-ticket-status [data-testid="ahead"]').waitFor();
  await s.shot(page, 'phone-390x844-waiting.png', 'phone: waiting, people ahead and estimate, tap to allow alerts');
  await m.setCounter('4', 'open');
  let called = await m.callNext('4');
  while (called && called.id !== mine.id) {
    await m.step(called.id, 'start');
    await m.step(called.id, 'finish');
    called = await m.callNext('4');
  }
  await page.locator('loket-ticket-status [data-testid="called"]').waitFor({ timeout: 5000 });
  await s.shot(page, 'phone-390x844-called.png', 'phone: called to its counter');
  await m.step(mine.id, 'start');
  await m.step(mine.id, 'finish');
  const survey = page.locator('loket-ticket-status loket-ikm-survey');
  await survey.locator('[data-question]').waitFor({ timeout: 5000 });
  await survey.locator('button.opt').nth(2).tap();
  await s.shot(page, 'phone-390x844-survey.png', 'phone: the survey, one question a screen');
  for (let i = 1; i < 9; i++) await survey.locator('button.opt').nth(i % 2 ? 3 : 2).tap();
  await survey.locator('button[type="submit"]').tap();
  await page.locator('loket-ticket-status [data-testid="ikm-done"]').waitFor({ timeout: 5000 });
  await page.reload();
  await page.locator('loket-ticket-status [data-testid="ikm-done"]').waitFor({ timeout: 5000 });
  await s.shot(page, 'phone-390x844-thanks.png', 'phone: thanks after rating (also after a reload)');
  await page.close();

  const late = await m.issue('kk');
  const lp = await open(late.statusToken);
  let c = await m.callNext('4');
  while (c && c.id !== late.id) {
    await m.step(c.id, 'start');
    await m.step(c.id, 'finish');
    c = await m.callNext('4');
  }
  await m.step(late.id, 'no-show');
  await lp.locator('loket-ticket-status [data-testid="next-step"]').waitFor({ timeout: 5000 });
  await s.shot(lp, 'phone-390x844-no-show.png', 'phone: no-show, and what to do next');
  await lp.close();
  await m.setCounter('4', 'closed');
}

export async function bookingShot(s: Shooter, m: Mall): Promise<void> {
  const page = await s.page(390, 844, PHONE);
  await page.goto(`${m.url}/booking?site=${m.siteId}`);
  await page.locator('loket-booking [data-testid="booking-service"]').selectOption('ktp');
  await page.locator('loket-booking .slots button').first().waitFor({ timeout: 10_000 });
  await page.locator('loket-booking .slots button').first().tap();
  await s.shot(page, 'booking-390x844.png', 'booking page on a phone: service, day, slot');
  await page.close();
}

export async function lobbyShots(s: Shooter, m: Mall): Promise<void> {
  for (const [w, h] of [
    [1920, 1080],
    [1280, 720],
  ] as const) {
    const page = await s.page(w, h);
    await page.goto(`${m.url}/display/lobby?site=${m.siteId}&token=${DISPLAY_TOKEN}`);
    await page.locator('loket-lobby-display [data-conn="live"]').waitFor({ timeout: 10_000 });
    await page.locator('loket-lobby-display [data-testid="current-number"]').waitFor();
    await page.locator('loket-lobby-display .chip').first().waitFor();
    await s.shot(page, `lobby-${w}x${h}.png`, `lobby TV ${w}x${h}: the call being announced, standing calls, waiting chips`);
    await page.close();
  }
}
