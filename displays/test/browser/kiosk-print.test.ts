/**
 * Silent printing at the kiosk (issue 10), as far as headless Chromium can prove it: with
 * `?print=auto` the page calls `window.print()` once per ticket with no tap, when the ticket and
 * its QR code are on screen (under `chromium --kiosk --kiosk-printing` that call prints to the
 * default printer with no dialog); and the print stylesheet puts the ticket, and nothing else,
 * on a 58 mm or 80 mm roll. A real printer is not here: the README says what to check by hand.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openCounter, useEngineAndBrowser } from '../support/browser-suite.js';
import { KIOSK_TOKEN, login } from '../support/engine.js';

/** What the page showed at each `window.print()` call. */
interface PrintCall {
  number: string;
  qrDrawn: boolean;
}

/** Replaces `window.print` (a browser API, not our stack) with a recorder of what is on screen at the call. */
async function recordPrints(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const calls: PrintCall[] = [];
    (window as unknown as { __prints: PrintCall[] }).__prints = calls;
    window.print = () => {
      const ticket = document.querySelector('loket-kiosk')?.shadowRoot?.querySelector('loket-kiosk-ticket')?.shadowRoot;
      const img = ticket?.querySelector('img');
      calls.push({
        number: ticket?.querySelector('[data-testid="ticket-number"]')?.textContent?.trim() ?? '',
        qrDrawn: !!img && img.complete && img.naturalWidth > 0,
      });
    };
  });
}

const prints = (page: Page) => page.evaluate(() => (window as unknown as { __prints: PrintCall[] }).__prints);

/** Texts a printer would get from the kiosk: visible text nodes, through the shadow roots, outside the ticket. */
function printedTextOutsideTicket(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walk = (root: Node, inTicket: boolean) => {
      for (const n of Array.from(root.childNodes)) {
        if (n.nodeType === Node.TEXT_NODE) {
          const el = n.parentElement;
          const text = n.textContent?.trim() ?? '';
          if (!text || inTicket || !el) continue;
          const r = el.getBoundingClientRect();
          if (r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden') out.push(text);
        } else if (n instanceof Element) {
          if (['STYLE', 'SCRIPT', 'TITLE', 'HEAD'].includes(n.tagName)) continue;
          const ticket = inTicket || n.tagName === 'LOKET-KIOSK-TICKET';
          if (n.shadowRoot) walk(n.shadowRoot, ticket);
          walk(n, ticket);
        }
      }
    };
    walk(document.body, false);
    return out;
  });
}

describe('kiosk printing without a tap', () => {
  const suite = useEngineAndBrowser();

  beforeAll(async () => {
    // A counter serves ktp, so the kiosk issues without first warning that nobody serves it.
    await openCounter(suite.engine, await login(suite.engine.url, 'supervisor'), '1');
  });

  async function openKiosk(query: string): Promise<Page> {
    const page = await suite.browser.newPage({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
    await recordPrints(page);
    await page.goto(`${suite.engine.url}/kiosk?site=${suite.engine.siteId}&token=${KIOSK_TOKEN}${query}`);
    await page.locator('loket-kiosk button[data-agency="dukcapil"]').waitFor({ timeout: 10_000 });
    return page;
  }

  async function takeTicket(page: Page): Promise<string> {
    await page.locator('loket-kiosk button[data-agency="dukcapil"]').tap();
    await page.locator('loket-kiosk button[data-service="ktp"]').tap();
    await page.locator('loket-kiosk button[data-priority="regular"]').tap();
    return (await page.locator('loket-kiosk [data-testid="ticket-number"]').textContent())!.trim();
  }

  it('with ?print=auto prints each ticket once, with its number and QR code on the page, and no tap on print', async () => {
    const page = await openKiosk('&print=auto');
    const first = await takeTicket(page);
    await page.waitForFunction(() => (window as unknown as { __prints: unknown[] }).__prints.length > 0, undefined, { timeout: 5000 });
    expect(await prints(page)).toEqual([{ number: first, qrDrawn: true }]);
    // Once: re-renders of the ticket step (a live update, a language switch) print nothing more.
    await page.locator('loket-kiosk loket-lang-switch button').tap();
    await page.waitForTimeout(500);
    expect(await prints(page)).toHaveLength(1);
    // The next citizen's ticket prints once too.
    await page.locator('loket-kiosk button[data-action="done"]').tap();
    const second = await takeTicket(page);
    expect(second).not.toBe(first);
    await page.waitForFunction(() => (window as unknown as { __prints: unknown[] }).__prints.length > 1, undefined, { timeout: 5000 });
    await page.waitForTimeout(300);
    expect(await prints(page)).toEqual([
      { number: first, qrDrawn: true },
      { number: second, qrDrawn: true },
    ]);
    await page.close();
  });

  it('without the setting prints only on a tap of the print button', async () => {
    const page = await openKiosk('');
    await takeTicket(page);
    await page.locator('loket-kiosk loket-kiosk-ticket img').waitFor();
    await page.waitForTimeout(500);
    expect(await prints(page)).toEqual([]);
    await page.locator('loket-kiosk button[data-action="print"]').tap();
    expect(await prints(page)).toHaveLength(1);
    await page.close();
  });

  for (const [paper, rollMm, printableMm] of [
    ['58', 58, 48],
    ['80', 80, 72],
  ] as const) {
    it(`prints the ticket alone on the ${paper} mm roll: number, service and QR inside the width, no buttons or banners`, async () => {
      const page = await openKiosk(`&paper=${paper}`);
      // A banner of the page around the element (e.g. an operator's notice) must not print either.
      await page.evaluate(() => document.body.insertAdjacentHTML('afterbegin', '<div id="banner">Pengumuman: layanan KTP sampai 15:00</div>'));
      const number = await takeTicket(page);
      await page.locator('loket-kiosk loket-kiosk-ticket img').waitFor();
      await page.emulateMedia({ media: 'print' });
      const rollPx = (rollMm / 25.4) * 96;
      const box = (sel: string) => page.locator(`loket-kiosk loket-kiosk-ticket ${sel}`).first().boundingBox();
      const article = (await box('article'))!;
      expect(article.width).toBeGreaterThan(((printableMm - 2) / 25.4) * 96);
      expect(article.width).toBeLessThanOrEqual(rollPx);
      for (const sel of ['[data-testid="ticket-number"]', 'dd', 'img']) {
        const b = (await box(sel))!;
        expect(b.width, sel).toBeGreaterThan(0);
        expect(b.x, sel).toBeGreaterThanOrEqual(0);
        expect(b.x + b.width, sel).toBeLessThanOrEqual(rollPx);
      }
      // The QR code is large enough to scan off thermal paper (at least 25 mm).
      expect((await box('img'))!.width).toBeGreaterThanOrEqual((25 / 25.4) * 96);
      // Nothing but the ticket prints: no header, language switch, print/done buttons or banner.
      const outside = await printedTextOutsideTicket(page);
      expect(outside).toEqual([]);
      const ticketText = await page.locator('loket-kiosk loket-kiosk-ticket article').textContent();
      expect(ticketText).toContain(number);
      expect(ticketText).toContain('KTP-el');
      // The PDF Chromium would send to the printer: one page, as wide as the roll (@page size).
      const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
      expect(pdf.match(/\/Type\s*\/Page\b/g)?.length).toBe(1);
      const mediaBox = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf);
      expect(Number(mediaBox?.[1])).toBeCloseTo((rollMm / 25.4) * 72, 0);
      // The slip uses at most 85% of the page length: room for a longer service name or a tag.
      const pageLengthPx = (Number(mediaBox?.[2]) / 72) * 96;
      expect(article.height).toBeLessThanOrEqual(pageLengthPx * 0.85);
      await page.close();
    });
  }
});
