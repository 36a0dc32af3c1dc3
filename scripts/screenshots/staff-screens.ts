/** The staff's screens at 1366x768: the counter desk's cycle, the supervisor floor, the report, the admin console. */
import type { Page } from 'playwright-core';
import { login } from '../../engine/test/support/harness.js';
import { openCounter, openPage, waitForDesk } from '../../counter-client/test/support/desk-page.js';
import type { Mall } from './mall.js';
import type { Shooter } from './shoot.js';

const W = 1366;
const H = 768;

/** Counter 5 (kk and akta) with staff-5: call -> start -> finish & call next, each step on one screen. */
export async function deskShots(s: Shooter, m: Mall): Promise<void> {
  const page = await openPage(s.browser, m.url, '/counter', m.siteId, 'staff-5', { counter: '5' });
  await page.setViewportSize({ width: W, height: H });
  const view = await waitForDesk(page, (v) => v.status !== null && !v.callBusy, 'the desk');
  if (view.status !== 'open') await openCounter(page);
  await waitForDesk(page, (v) => v.waitingIds.length > 0, 'people waiting');
  await s.shot(page, 'desk-1366x768-idle.png', 'desk: open, nobody held, the primary button calls the next');
  const primary = page.locator('loket-counter-desk #call-next');
  await primary.click();
  const a = await waitForDesk(page, (v) => v.state === 'called' && !v.callBusy, 'a called ticket');
  await s.shot(page, 'desk-1366x768-called.png', 'desk: a ticket called, the primary button starts it');
  await primary.click();
  await waitForDesk(page, (v) => v.ticketId === a.ticketId && v.state === 'serving' && !v.callBusy, 'serving');
  await s.shot(page, 'desk-1366x768-serving.png', 'desk: serving, the primary button finishes and calls the next; transfer and actions in view');
  await primary.click();
  await waitForDesk(page, (v) => v.ticketId !== a.ticketId && v.state === 'called' && !v.callBusy, 'the next ticket called');
  await page.close();
}

/** The floor with early warnings (a service nobody serves, SLA) and a ticket move waiting for its confirmation. */
export async function floorShot(s: Shooter, m: Mall): Promise<void> {
  const page = await openPage(s.browser, m.url, '/supervisor', m.siteId, 'supervisor');
  await page.setViewportSize({ width: W, height: H });
  await page.locator('loket-floor-alerts [data-forecast], loket-floor-alerts [data-alert]').first().waitFor({ timeout: 10_000 });
  await s.shot(page, 'floor-1366x768.png', 'supervisor floor: counters, early warnings, services');
  const mover = 'loket-ticket-mover';
  await page.locator('loket-supervisor-floor details[data-section="move"] > summary').click();
  await page.locator(`${mover} select[data-filter]`).selectOption('air');
  const first = await page.locator(`${mover} select[name=ticket] option:not([value=""])`).first().getAttribute('value');
  await page.locator(`${mover} select[name=ticket]`).selectOption(first!);
  await page.locator(`${mover} select[name=service]`).selectOption('bank');
  await page.locator(`${mover} button[type=submit]`).click();
  await page.locator(`${mover} [data-confirm]`).waitFor();
  await page.locator(`${mover} [data-confirm]`).scrollIntoViewIfNeeded();
  await s.shot(page, 'floor-1366x768-move.png', 'supervisor floor: a move asks for confirmation, filtered by service');
  await page.close();
}

export async function reportShot(s: Shooter, m: Mall): Promise<void> {
  const page = await staffPage(s, m, '/report', 'supervisor');
  await page.locator('loket-report-page tr[data-service]').first().waitFor({ timeout: 10_000 });
  await s.shot(page, 'report-1366x768.png', 'report page: the day per hour and per service, SLA, IKM, advisor');
  await page.close();
}

export async function adminShot(s: Shooter, m: Mall): Promise<void> {
  const page = await staffPage(s, m, '/admin', 'admin');
  await page.locator('loket-admin-services tr[data-service=ktp]').waitFor({ timeout: 10_000 });
  await s.shot(page, 'admin-1366x768.png', 'admin console: services (counters, devices, accounts, audit, webhooks in tabs)');
  await page.close();
}

async function staffPage(s: Shooter, m: Mall, path: string, user: string): Promise<Page> {
  const page = await s.page(W, H);
  await page.goto(`${m.url}${path}?site=${m.siteId}&token=${await login(m.url, user)}&lang=id`);
  return page;
}
