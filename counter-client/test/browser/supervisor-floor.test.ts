import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { useEngineAndBrowser } from '../support/browser-suite.js';
import { newPage, openCounter, openPage, pageErrors, waitForDesk } from '../support/desk-page.js';
import { api, issueTickets, login, supervisorToken, ticketsIn } from '../support/engine.js';

const SHOTS = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));
const floorRow = (id: string) => `loket-counter-board tr[data-counter="${id}"]`;

describe('supervisor floor', () => {
  /** The engine's clock runs this far ahead, to make waits pass their SLA without waiting. */
  let offsetMs = 0;
  const suite = useEngineAndBrowser({ clock: () => Date.now() + offsetMs });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
  });

  it('moves counter 3 from ktp to kk: the desk shows it at once and its next call is a kk ticket; SLA alerts show', async () => {
    const issued = await issueTickets(suite.engine.url, suite.engine.siteId, ['ktp', 'ktp', 'kk', 'kk', 'paspor']);
    offsetMs = 25 * 60_000; // ktp and kk (SLA 20 min) now wait 25 min; paspor (SLA 30) does not.

    const desk = await openPage(suite.browser, suite.engine.url, '/counter', suite.engine.siteId, 'staff-3', { counter: '3' });
    await openCounter(desk);
    await waitForDesk(desk, (v) => v.services === 'ktp' && v.waitingIds.length === 2, 'counter 3 on ktp with 2 waiting');

    // The supervisor signs in with the form.
    const floor = await newPage(suite.browser);
    await floor.goto(`${suite.engine.url}/supervisor?site=${suite.engine.siteId}`);
    await floor.locator('loket-login-form input[name=username]').fill('supervisor');
    await floor.locator('loket-login-form input[name=password]').fill('demo');
    await floor.locator('loket-login-form button[type=submit]').click();
    await floor.locator('loket-supervisor-floor .conn.on').waitFor();
    await floor.locator(`${floorRow('3')}[data-status=open]`).waitFor();
    expect(await floor.locator(`${floorRow('3')} [data-current-services]`).textContent()).toBe('ktp');

    // Alerts: the services past their SLA minutes, and only those.
    await floor.locator('loket-floor-alerts [data-alert=ktp]').waitFor();
    const alerts = await floor.locator('loket-floor-alerts [data-alert]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.alert));
    expect(alerts.sort()).toEqual(['kk', 'ktp']);
    // Early warning, before any SLA is missed: paspor has a ticket waiting and no open counter.
    // Early warnings come before the SLA lines, by the service's name, in the page's language.
    const early = floor.locator('loket-floor-alerts li[data-forecast=paspor]');
    expect(await early.getAttribute('data-kind')).toBe('no_counter');
    expect(await early.textContent()).toBe('Peringatan dini: Paspor (Wawancara dan Foto) punya 1 menunggu dan belum ada loket buka yang melayaninya.');
    // Every advisor line names its service (and agency) and shows no id; the ids stay in data attributes.
    const sup0 = await supervisorToken(suite.engine.url);
    const info = (await api(suite.engine.url, 'GET', `/api/v1/sites/${suite.engine.siteId}/info`, { token: sup0 })).body as { agencies: { services: { id: string; name: string; nameEn?: string }[] }[] };
    const services = info.agencies.flatMap((a) => a.services);
    const idsIn = (text: string): string[] => services.map((x) => x.id).filter((id) => new RegExp(`(^|[^\\w-])${id}([^\\w-]|$)`).test(text));
    const forecastLines = async () =>
      floor.locator('loket-floor-alerts li[data-forecast]').evaluateAll((els) => els.map((e) => [(e as HTMLElement).dataset.forecast!, e.textContent!] as const));
    const idLines = await forecastLines();
    expect(idLines.length).toBeGreaterThan(0);
    for (const [serviceId, text] of idLines) {
      expect(text, serviceId).toContain(services.find((x) => x.id === serviceId)!.name);
      expect(idsIn(text), text).toEqual([]);
    }
    // In English, by English name; back to Indonesian for the rest.
    await floor.locator('loket-lang-switch button').click();
    await floor.locator('loket-floor-alerts h2', { hasText: 'Alerts' }).waitFor();
    expect(await early.textContent()).toBe('Early warning: Passport (interview and photo) has 1 waiting and no open counter serves it.');
    for (const [serviceId, text] of await forecastLines()) {
      expect(text, serviceId).toContain(services.find((x) => x.id === serviceId)!.nameEn);
      expect(idsIn(text), text).toEqual([]);
    }
    await floor.locator('loket-lang-switch button').click();
    await floor.locator('loket-floor-alerts h2', { hasText: 'Peringatan' }).waitFor();
    const kinds = await floor.locator('loket-floor-alerts li').evaluateAll((els) => els.map((e) => (e.hasAttribute('data-forecast') ? 'early' : 'sla')));
    expect(kinds.indexOf('sla')).toBeGreaterThan(kinds.lastIndexOf('early'));
    expect(await floor.locator('loket-service-stats tr[data-service=ktp] [data-waiting]').textContent()).toBe('2');

    // Services are picked from the site's list, never typed: drop ktp, add kk as a new tier.
    expect(await floor.locator(`${floorRow('3')} input`).count()).toBe(0);
    expect(await floor.locator(`${floorRow('3')} [data-service-names]`).textContent()).toBe('KTP-el (Rekam dan Cetak)');
    await floor.locator(`${floorRow('3')} [data-edit-services]`).click();
    await floor.locator(`${floorRow('3')} select[data-add="new-tier"]`).selectOption('kk');
    await floor.locator(`${floorRow('3')} button[data-remove="ktp"]`).click();
    expect(await floor.locator(`${floorRow('3')} .tier[data-tier]`).allTextContents()).toEqual([expect.stringContaining('Kartu Keluarga')]);
    await floor.locator(`${floorRow('3')} button[type=submit]`).click();

    // The desk shows the change at once (counter.updated over /counter).
    const kkIds = [issued[2]!.id, issued[3]!.id].join();
    const v = await waitForDesk(desk, (x) => x.services === 'kk' && x.waitingIds.join() === kkIds, 'counter 3 on kk with the kk tickets', 5000);
    expect(v.notice).toContain('Loket 3');
    const sup = await supervisorToken(suite.engine.url);
    const counters = await api(suite.engine.url, 'GET', `/api/v1/sites/${suite.engine.siteId}/counters`, { token: sup });
    expect((counters.body.counters as { id: string; services: string[][] }[]).find((c) => c.id === '3')?.services).toEqual([['kk']]);

    // Its next call is a kk ticket, though ktp tickets arrived earlier.
    await desk.locator('#call-next').click();
    const called = await waitForDesk(desk, (x) => x.ticketId !== null, 'a called ticket');
    expect(called.ticketId).toBe(issued[2]!.id);
    expect(called.number?.startsWith('B')).toBe(true);
    const inEngine = (await ticketsIn(suite.engine.url, suite.engine.siteId, sup, 'called')).find((t) => t.id === called.ticketId);
    expect(inEngine?.serviceId).toBe('kk');
    expect(inEngine?.counterId).toBe('3');

    // The floor shows counter 3 holding it; screenshots of both during the scenario.
    await floor.locator(`${floorRow('3')} td.ticket:has-text("${called.number}")`).waitFor();
    await desk.setViewportSize({ width: 1366, height: 768 });
    await floor.setViewportSize({ width: 1366, height: 768 });
    await desk.screenshot({ path: `${SHOTS}counter-desk.png` });
    await floor.screenshot({ path: `${SHOTS}supervisor-floor.png` });
    // The floor stays one screen high at 1366x768: long sections scroll in their own box or fold.
    expect(await floor.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(768);
    expect(pageErrors(desk)).toEqual([]);
    expect(pageErrors(floor)).toEqual([]);
  });

  it('moves a waiting ticket to another service from the floor', async () => {
    const [moved] = await issueTickets(suite.engine.url, suite.engine.siteId, ['akta']);
    const floor = await openPage(suite.browser, suite.engine.url, '/supervisor', suite.engine.siteId, 'supervisor');
    const mover = 'loket-ticket-mover';
    await floor.locator('loket-supervisor-floor details[data-section="move"] > summary').click();
    await floor.locator(`${mover} option[value="${moved!.id}"]`).waitFor({ state: 'attached' });
    // Filtered by service: only the akta tickets are offered.
    await floor.locator(`${mover} select[data-filter]`).selectOption('akta');
    const offered = await floor.locator(`${mover} select[name=ticket] option`).evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
    const sup = await supervisorToken(suite.engine.url);
    const aktaIds = (await ticketsIn(suite.engine.url, suite.engine.siteId, sup, 'waiting')).filter((t) => t.serviceId === 'akta').map((t) => t.id);
    expect(offered.sort()).toEqual(aktaIds.sort());
    // No target is chosen for the supervisor.
    expect(await floor.locator(`${mover} select[name=service]`).inputValue()).toBe('');
    await floor.locator(`${mover} select[name=ticket]`).selectOption(moved!.id);
    await floor.locator(`${mover} select[name=service]`).selectOption('pindah');
    await floor.locator(`${mover} select[name=position]`).selectOption('front');
    await floor.locator(`${mover} button[type=submit]`).click();
    // It asks first; nothing moves until the supervisor confirms.
    const confirm = floor.locator(`${mover} [data-confirm]`);
    expect(await confirm.textContent()).toContain(`${moved!.number} (Akta Kelahiran dan Kematian) ke Surat Pindah Datang`);
    expect((await ticketsIn(suite.engine.url, suite.engine.siteId, sup, 'waiting')).find((t) => t.id === moved!.id)?.serviceId).toBe('akta');
    await confirm.locator('[data-confirm-yes]').click();
    await floor.locator('loket-supervisor-floor [data-notice]:has-text("dialihkan")').waitFor();
    const waiting = await ticketsIn(suite.engine.url, suite.engine.siteId, sup, 'waiting');
    expect(waiting.find((t) => t.id === moved!.id)?.serviceId).toBe('pindah');
    // The next move starts without the old target preselected.
    expect(await floor.locator(`${mover} select[name=service]`).inputValue()).toBe('');
    expect(await confirm.count()).toBe(0);
  });

  it('tells a counter clerk in words that the floor is not for their account', async () => {
    const token = await login(suite.engine.url, 'staff-1');
    const page = await newPage(suite.browser);
    await page.goto(`${suite.engine.url}/supervisor?site=${suite.engine.siteId}&token=${token}`);
    const notAllowed = page.locator('loket-staff-app [data-not-allowed]');
    await notAllowed.waitFor();
    expect(await notAllowed.textContent()).toContain('hanya untuk supervisor');
    // None of the mall's figures reach the page.
    expect(await page.locator('loket-supervisor-floor').count()).toBe(0);
    expect(await page.locator('loket-staff-app a[href^="/counter"]').count()).toBe(1);
    await page.close();
  });
});
