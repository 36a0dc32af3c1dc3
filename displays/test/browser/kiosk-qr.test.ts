/**
 * Camera QR check-in at the kiosk (issue 11). Chromium's fake camera plays a video file made
 * here from the QR of a real booking (the link the booking page encodes), so the kiosk's camera
 * path runs end to end: getUserMedia, frames, the QR decoder, the same check-in as typing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { afterAll, describe, expect, it } from 'vitest';
import { useEngineAndBrowser } from '../support/browser-suite.js';
import { api, KIOSK_TOKEN, launchChromium, login, screenshotPath } from '../support/engine.js';

const dir = mkdtempSync(join(tmpdir(), 'loket-qr-'));
const VIDEO = join(dir, 'booking-qr.y4m');

/**
 * A Y4M video (YUV 4:2:0, what Chromium's fake capture reads) of `frames` frames showing the QR
 * of `text` black on white, centred, with its quiet zone.
 */
function qrVideo(text: string, w = 640, h = 480, frames = 5): Buffer {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const cell = Math.floor((Math.min(w, h) * 0.8) / (n + 8));
  const x0 = Math.floor((w - n * cell) / 2);
  const y0 = Math.floor((h - n * cell) / 2);
  const luma = Buffer.alloc(w * h, 235);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) {
      if (!qr.modules.get(r, c)) continue;
      for (let y = 0; y < cell; y++) luma.fill(16, (y0 + r * cell + y) * w + x0 + c * cell, (y0 + r * cell + y) * w + x0 + (c + 1) * cell);
    }
  const chroma = Buffer.alloc((w / 2) * (h / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${w} H${h} F10:1 Ip A1:1 C420jpeg\n`), ...Array.from({ length: frames }, () => frame)]);
}

describe('kiosk: "Pindai QR" checks a booking in from the camera', () => {
  // A video of the same size is there from the start; the test writes the real booking's QR into it.
  writeFileSync(VIDEO, qrVideo('placeholder'));
  const suite = useEngineAndBrowser({}, () =>
    launchChromium(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${VIDEO}`]),
  );

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the QR of a real booking from the fake camera and checks it in exactly as typing does', async () => {
    const { engine } = suite;
    const base = `/api/v1/public/sites/${engine.siteId}`;
    const today = (await api(engine.url, 'GET', `${base}/booking`)).body.today as string;
    const slots = (await api(engine.url, 'GET', `${base}/slots?serviceId=ktp&date=${today}`)).body.slots as { start: string; available: number }[];
    // The current slot: bookable until its end, its check-in window open now.
    const slot = slots.find((s) => s.available > 0)!.start;
    const made = await api(engine.url, 'POST', `${base}/bookings`, { body: { serviceId: 'ktp', date: today, slotStart: slot, phone: '081277778888' } });
    expect(made.status).toBe(201);
    const code = made.body.booking.code as string;
    // Chromium opens the file when a page first asks for the camera: write the booking's QR now.
    writeFileSync(VIDEO, qrVideo(`${engine.url}/booking/${code}`));

    // No CSP bypass: the kiosk reads the camera under the engine's own Content-Security-Policy.
    const kiosk = await suite.browser.newPage({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
    await kiosk.goto(`${engine.url}/kiosk?site=${engine.siteId}&token=${KIOSK_TOKEN}`);
    await kiosk.locator('loket-kiosk button[data-action="have-booking"]').tap();
    expect((await kiosk.locator('loket-kiosk button[data-action="scan-qr"]').textContent())!.trim()).toBe('Pindai QR');
    await kiosk.locator('loket-kiosk button[data-action="scan-qr"]').tap();
    await kiosk.locator('loket-kiosk [data-testid="ticket-appointment"]').waitFor({ timeout: 15_000 });
    const number = (await kiosk.locator('loket-kiosk [data-testid="ticket-number"]').textContent())!.trim();
    expect(number).toMatch(/^A-\d{3}$/);
    const booking = (await api(engine.url, 'GET', `/api/v1/public/bookings/${code}`)).body.booking;
    expect(booking.state).toBe('checked_in');
    const sup = await login(engine.url, 'supervisor');
    const waiting = (await api(engine.url, 'GET', `/api/v1/sites/${engine.siteId}/tickets?state=waiting`, { token: sup })).body.tickets as { id: string; number: string; priority: string }[];
    expect(waiting.find((t) => t.id === booking.ticketId)).toMatchObject({ number, priority: 'appointment' });
    // The camera is closed once the QR is read.
    expect(await kiosk.evaluate(() => document.querySelector('loket-kiosk')?.shadowRoot?.querySelector('loket-kiosk-checkin')?.shadowRoot?.querySelector('video') ?? null)).toBeNull();
    await kiosk.close();
  });

  it('says so when the camera is refused or missing, and typing the code still works', async () => {
    const { engine } = suite;
    // A browser with a fake camera but no auto-accept: permission is what the context grants.
    const plain = await launchChromium(['--use-fake-device-for-media-stream']);
    try {
      const denied = await plain.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true, bypassCSP: true });
      const page = await denied.newPage();
      await page.goto(`${engine.url}/kiosk?site=${engine.siteId}&token=${KIOSK_TOKEN}`);
      await page.locator('loket-kiosk button[data-action="have-booking"]').tap();
      await page.locator('loket-kiosk button[data-action="scan-qr"]').tap();
      const msg = page.locator('loket-kiosk [data-testid="checkin-message"]');
      await msg.waitFor({ timeout: 10_000 });
      expect((await msg.textContent())!.trim()).toBe('Izin kamera ditolak. Silakan ketik kode booking Anda.');
      await page.screenshot({ path: screenshotPath('kiosk-qr-denied-1280x800.png') });
      // No camera at all (a kiosk PC without one): the same words for that case.
      await page.evaluate(() => Object.defineProperty(navigator, 'mediaDevices', { value: undefined, configurable: true }));
      await page.locator('loket-kiosk button[data-action="scan-qr"]').tap();
      await page.waitForFunction(() => {
        const el = document.querySelector('loket-kiosk')?.shadowRoot?.querySelector('loket-kiosk-checkin')?.shadowRoot?.querySelector('[data-testid="checkin-message"]');
        return el?.textContent?.includes('Kamera tidak tersedia');
      });
      await page.locator('loket-kiosk [data-testid="checkin-code"]').fill('ZZZZZZZZZZ');
      await page.locator('loket-kiosk button[data-action="check-in"]').tap();
      await page.waitForFunction(() => {
        const el = document.querySelector('loket-kiosk')?.shadowRoot?.querySelector('loket-kiosk-checkin')?.shadowRoot?.querySelector('[data-testid="checkin-message"]');
        return el?.textContent?.includes('tidak ditemukan');
      });

      // Granted, the camera shows its picture (no QR in it) while the kiosk looks for one.
      const granted = await plain.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true, bypassCSP: true, permissions: ['camera'] });
      const open = await granted.newPage();
      await open.goto(`${engine.url}/kiosk?site=${engine.siteId}&token=${KIOSK_TOKEN}`);
      await open.locator('loket-kiosk button[data-action="have-booking"]').tap();
      await open.locator('loket-kiosk button[data-action="scan-qr"]').tap();
      await open.waitForFunction(() => {
        const s = document.querySelector('loket-kiosk')?.shadowRoot?.querySelector('loket-kiosk-checkin')?.shadowRoot?.querySelector('loket-kiosk-qr-scan')?.shadowRoot;
        return (s?.querySelector('video')?.videoWidth ?? 0) > 0 && s?.querySelector('[data-testid="qr-status"]')?.textContent?.trim() === 'Mencari kode QR…';
      });
      expect((await open.locator('loket-kiosk button[data-action="scan-qr"]').textContent())!.trim()).toBe('Tutup kamera');
      await open.screenshot({ path: screenshotPath('kiosk-qr-scan-1280x800.png') });
      await open.setViewportSize({ width: 1080, height: 1920 });
      await open.screenshot({ path: screenshotPath('kiosk-qr-scan.png') });
      await open.locator('loket-kiosk button[data-action="scan-qr"]').tap();
      await open.locator('loket-kiosk loket-kiosk-qr-scan').waitFor({ state: 'detached' });
    } finally {
      await plain.close();
    }
  });
});
