/** Drives the built `/counter` and `/supervisor` pages in Chromium and reads what they show. */
import type { Browser, Page } from 'playwright-core';
import { login } from './engine.js';

export interface DeskView {
  connected: boolean;
  callBusy: boolean;
  number: string | null;
  ticketId: string | null;
  state: string | null;
  error: string;
  notice: string;
  /** The counter's service ids as tiers (`ktp | kk`). */
  services: string | null;
  /** The same as the clerk reads it: service names in the page's language. */
  serviceNames: string | null;
  status: string | null;
  waitingIds: string[];
}

export interface OpenOptions {
  counter?: string;
  lang?: 'id' | 'en';
}

/**
 * A fresh page. `bypassCSP`: the engine's CSP (`script-src 'self'`) blocks the inline
 * script tag that `seriousAxeViolations` injects; the app itself needs no exception.
 */
export async function newPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, bypassCSP: true });
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  pageErrorLog.set(page, errors);
  return page;
}

const pageErrorLog = new WeakMap<Page, string[]>();

/** Uncaught errors and console errors of a page opened by `newPage`. */
export function pageErrors(page: Page): string[] {
  return pageErrorLog.get(page) ?? [];
}

/** Opens a page with a token in the URL (the page stores it and removes it from the address). */
export async function openPage(browser: Browser, url: string, path: '/counter' | '/supervisor', siteId: string, username: string, o: OpenOptions = {}): Promise<Page> {
  const token = await login(url, username);
  const page = await newPage(browser);
  const q = new URLSearchParams({ site: siteId, token, lang: o.lang ?? 'id' });
  if (o.counter) q.set('counter', o.counter);
  await page.goto(`${url}${path}?${q.toString()}`);
  await page.waitForFunction(
    (p) => {
      const app = document.querySelector('loket-staff-app');
      const inner = app?.shadowRoot?.querySelector(p === '/counter' ? 'loket-counter-desk' : 'loket-supervisor-floor');
      return !!inner?.shadowRoot?.querySelector('.conn.on');
    },
    path,
    { timeout: 15_000 },
  );
  return page;
}

/** What the desk shows now (read through the shadow roots). */
export function deskView(page: Page): Promise<DeskView> {
  return page.evaluate(() => {
    const desk = document.querySelector('loket-staff-app')?.shadowRoot?.querySelector('loket-counter-desk')?.shadowRoot;
    if (!desk) throw new Error('no desk on the page');
    const cur = desk.querySelector('loket-current-ticket')?.shadowRoot;
    const num = cur?.querySelector<HTMLElement>('[part=number]') ?? null;
    const list = desk.querySelector('loket-waiting-list')?.shadowRoot;
    const call = desk.querySelector<HTMLButtonElement>('#call-next');
    return {
      connected: !!desk.querySelector('.conn.on'),
      callBusy: !call || call.disabled,
      number: num?.textContent?.trim() ?? null,
      ticketId: num?.dataset.ticketId ?? null,
      state: cur?.querySelector<HTMLElement>('[data-state]')?.dataset.state ?? null,
      error: desk.querySelector('[data-error]')?.textContent?.trim() ?? '',
      notice: desk.querySelector('[data-notice]')?.textContent?.trim() ?? '',
      services: desk.querySelector('[data-services]')?.getAttribute('data-services') ?? null,
      serviceNames: desk.querySelector('[data-services]')?.textContent?.trim() ?? null,
      status: desk.querySelector<HTMLElement>('.profile')?.dataset.status ?? null,
      waitingIds: [...(list?.querySelectorAll<HTMLElement>('tr[data-ticket-id]') ?? [])].map((r) => r.dataset.ticketId ?? ''),
    };
  });
}

/** Polls the desk until `pred` holds (or fails with the last view). */
export async function waitForDesk(page: Page, pred: (v: DeskView) => boolean, what: string, timeoutMs = 15_000): Promise<DeskView> {
  const end = Date.now() + timeoutMs;
  let last = await deskView(page);
  while (!pred(last)) {
    if (Date.now() > end) throw new Error(`desk never showed ${what}; last view: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
    last = await deskView(page);
  }
  return last;
}

/** Opens the desk's counter with its status button and waits until the desk shows it open. */
export async function openCounter(page: Page): Promise<void> {
  await page.locator('loket-counter-desk button[data-status=open]').click();
  await waitForDesk(page, (v) => v.status === 'open' && !v.callBusy, 'an open counter');
}

/** Describes the focused element, through shadow roots: `tag[data-x=...]` bits and its text. */
export function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return '';
    const data = Object.entries((el as HTMLElement).dataset ?? {}).map(([k, v]) => `[${k}=${v}]`).join('');
    return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${data} ${(el.textContent ?? '').trim().slice(0, 40)}`;
  });
}

/** Presses Tab until the focused element matches `want` (at most `max` presses). */
export async function tabTo(page: Page, want: (desc: string) => boolean, max = 60): Promise<string> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const d = await focused(page);
    if (want(d)) return d;
  }
  throw new Error(`Tab never reached the wanted element; last: ${await focused(page)}`);
}
