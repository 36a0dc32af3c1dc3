/** Where the PNGs go and how a page is opened and shot (a real Chromium, as the tests launch it). */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';

export const SHOTS_DIR = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

export interface Shooter {
  browser: Browser;
  /** Every file written, in order, with what it shows. */
  written: { file: string; what: string }[];
  page(width: number, height: number, o?: BrowserContextOptions): Promise<Page>;
  /** Screenshot of the viewport (never the full page: what is below the fold must not be hidden by the shot). */
  shot(page: Page, file: string, what: string): Promise<void>;
}

export function shooter(browser: Browser): Shooter {
  mkdirSync(SHOTS_DIR, { recursive: true });
  const written: { file: string; what: string }[] = [];
  return {
    browser,
    written,
    async page(width, height, o = {}) {
      const page = await browser.newPage({ viewport: { width, height }, ...o });
      page.on('pageerror', (e) => console.warn(`page error on ${page.url()}: ${e.message}`));
      return page;
    },
    async shot(page, file, what) {
      // Let fonts, transitions and the live socket settle.
      await page.evaluate(() => document.fonts.ready);
      await page.waitForTimeout(300);
      await page.screenshot({ path: SHOTS_DIR + file });
      written.push({ file, what });
      console.log(`  ${file}  ${what}`);
    },
  };
}

/** A phone as the citizen holds it. */
export const PHONE = { hasTouch: true, isMobile: true } as const;
