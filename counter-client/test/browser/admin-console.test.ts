import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { useEngineAndBrowser } from '../support/browser-suite.js';
import { newPage, pageErrors } from '../support/desk-page.js';
import { api, KIOSK_TOKEN, login } from '../support/engine.js';

const SHOTS = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));

describe('admin console', () => {
  const suite = useEngineAndBrowser();

  beforeAll(() => {
    mkdirSync(SHOTS, { recursive: true });
  });

  it('adds a service and a counter, shows a bad prefix on its field, shows a device token once, and audits the steps', async () => {
    const { url, siteId } = suite.engine;
    const site = `/api/v1/sites/${siteId}`;
    const page = await newPage(suite.browser);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${url}/admin?site=${siteId}&lang=id`);

    // Login through the staff pages' own form.
    const app = page.locator('loket-staff-app');
    await app.locator('input[name=username]').fill('admin');
    await app.locator('input[name=password]').fill('demo');
    await app.locator('button[type=submit]').click();
    const admin = page.locator('loket-admin');
    const services = admin.locator('loket-admin-services');
    await services.locator('tr[data-service=ktp]').waitFor();

    // A service with a bad prefix: the engine's message sits next to the prefix field, nothing is added.
    const form = services.locator('form[data-form=service]');
    await form.locator('select[name=agencyId]').selectOption('dukcapil');
    await form.locator('input[name=id]').fill('ktp-el');
    await form.locator('input[name=prefix]').fill('k1');
    await form.locator('input[name=name]').fill('Cetak KTP-el');
    await form.locator('input[name=nameEn]').fill('e-ID card printing');
    await form.locator('input[name=avgServiceMinutes]').fill('6');
    await form.locator('input[name=quotaPerDay]').fill('150');
    await form.locator('button[type=submit]').click();
    const prefixError = form.locator('[data-error=prefix]');
    await prefixError.waitFor();
    // The engine's message, in the page's language.
    expect(await prefixError.textContent()).toContain('1–3 huruf kapital');
    expect(await form.locator('input[name=prefix]').getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('[data-error]').count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}admin-console.png` });

    await form.locator('input[name=prefix]').fill('QZ');
    await form.locator('button[type=submit]').click();
    await services.locator('tr[data-service=ktp-el]').waitFor();
    expect(await form.locator('[data-error]').count()).toBe(0);
    const adminToken = await login(url, 'admin');
    const config = (await api(url, 'GET', `${site}/config`, { token: adminToken })).body as {
      agencies: { id: string; services: { id: string; prefix: string; quotaPerDay?: number; nameEn?: string }[] }[];
      counters: { id: string; agencyId: string; services: string[][] }[];
    };
    const added = config.agencies.find((a) => a.id === 'dukcapil')!.services.find((s) => s.id === 'ktp-el');
    expect(added).toMatchObject({ prefix: 'QZ', quotaPerDay: 150, nameEn: 'e-ID card printing' });

    // A counter of dukcapil: tier 1 the new service, tier 2 ktp, picked from the agency's services.
    await admin.locator('button[data-tab=counters]').click();
    const counters = admin.locator('loket-admin-counters');
    const cform = counters.locator('form[data-form=counter]');
    await cform.locator('input[name=id]').fill('T1');
    await cform.locator('input[name=name]').fill('Loket Uji');
    await cform.locator('select[name=agencyId]').selectOption('dukcapil');
    await cform.locator('fieldset[data-tier="1"] input[value=ktp-el]').check();
    await cform.locator('fieldset[data-tier="2"] input[value=ktp]').check();
    await page.screenshot({ path: '/tmp/adminui-counter.png' });
    await cform.locator('button[type=submit]').click();
    await counters.locator('tr[data-counter=T1]').waitFor();
    const listed = (await api(url, 'GET', `${site}/counters`, { token: adminToken })).body as { counters: { id: string; services: string[][] }[] };
    expect(listed.counters.find((c) => c.id === 'T1')?.services).toEqual([['ktp-el'], ['ktp']]);

    // A kiosk token: shown once, works, and is gone once the admin leaves the tab.
    await admin.locator('button[data-tab=devices]').click();
    const devices = admin.locator('loket-admin-devices');
    await devices.locator('input[name=name]').fill('Kios Lantai 2');
    await devices.locator('button[type=submit]').click();
    const shown = devices.locator('[data-once=device] [data-token]');
    await shown.waitFor();
    const token = (await shown.textContent())!.trim();
    await page.screenshot({ path: '/tmp/adminui-device.png' });
    expect(token.length).toBeGreaterThan(20);
    await devices.locator('tr[data-device]').filter({ hasText: 'Kios Lantai 2' }).waitFor();
    const issued = await api(url, 'POST', `${site}/tickets`, { token, body: { serviceId: 'ktp-el' } });
    expect(issued.status).toBe(201);
    expect((issued.body as { ticket: { number: string } }).ticket.number).toMatch(/^QZ/);
    const deviceList = await api(url, 'GET', `${site}/devices`, { token: adminToken });
    expect(JSON.stringify(deviceList.body)).not.toContain(token);

    // The audit log lists the steps, newest first.
    await admin.locator('button[data-tab=audit]').click();
    const audit = admin.locator('loket-admin-audit');
    await audit.locator('table[data-audit]').waitFor();
    const actions = await audit.locator('tr[data-action]').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-action')} ${r.getAttribute('data-target')}`));
    expect(actions.slice(0, 3).map((a) => a.split(' ')[0])).toEqual(['device.create', 'counter.create', 'service.create']);
    expect(actions).toContain('service.create service:ktp-el');
    expect(await audit.locator('a[data-csv]').getAttribute('download')).toBe(`audit-${siteId}.csv`);
    await page.screenshot({ path: '/tmp/adminui-audit.png' });
    const csv = await audit.locator('a[data-csv]').evaluate(async (a) => (await fetch((a as HTMLAnchorElement).href)).text());
    expect(csv).toContain('service.create');

    await admin.locator('button[data-tab=webhooks]').click();
    await admin.locator('loket-admin-webhooks form').waitFor();
    await page.screenshot({ path: '/tmp/adminui-webhooks.png' });

    // Back on devices: the token is not shown again.
    await admin.locator('button[data-tab=devices]').click();
    await devices.locator('tr[data-device]').first().waitFor();
    expect(await devices.locator('[data-once]').count()).toBe(0);
    expect(await page.content()).not.toContain(token);
    // The one failed request is the refused prefix (Chromium logs every 4xx answer).
    expect(pageErrors(page).filter((e) => !e.includes('status of 400'))).toEqual([]);
    expect(pageErrors(page)).toHaveLength(1);
  });

  it('adds an account whose set-password link, shown once, sets a password that signs in', async () => {
    const { url, siteId } = suite.engine;
    const page = await newPage(suite.browser);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${url}/admin?site=${siteId}&token=${await login(url, 'admin')}&lang=en`);
    const admin = page.locator('loket-admin');
    await admin.locator('button[data-tab=accounts]').click();
    const accounts = admin.locator('loket-admin-accounts');
    const form = accounts.locator('form[data-form=account]');
    await form.locator('input[name=username]').fill('rina');
    await form.locator('input[name=displayName]').fill('Rina Wati');
    await form.locator('select[name=role]').selectOption('staff');
    await form.locator('select[name=agencyId]').selectOption('dukcapil');
    await form.locator('fieldset input[value="1"]').check();
    await form.locator('button[type=submit]').click();
    const link = (await accounts.locator('[data-once=password-link] code').textContent())!.trim();
    expect(link).toMatch(new RegExp(`^${url}/admin#set-password=.+`));
    const row = accounts.locator('tr[data-account=rina]');
    expect(await row.textContent()).toContain('No password yet');
    await page.screenshot({ path: '/tmp/adminui-accounts.png' });

    const setter = await newPage(suite.browser);
    await setter.goto(link);
    const sp = setter.locator('loket-set-password');
    await sp.locator('input[name=password]').fill('rahasia-rina-1');
    await sp.locator('input[name=again]').fill('rahasia-rina-1');
    await sp.locator('button[type=submit]').click();
    await sp.locator('p[role=status]').waitFor();
    expect(setter.url()).not.toContain('set-password');
    const me = await api(url, 'POST', '/api/v1/auth/login', { body: { username: 'rina', password: 'rahasia-rina-1' } });
    expect(me.status).toBe(200);
    expect((me.body as { user: { counterIds: string[] } }).user.counterIds).toEqual(['1']);

    // Disabled: the account can no longer sign in.
    await row.locator('button[data-toggle=rina]').click();
    await expect.poll(async () => (await row.textContent()) ?? '').toContain('Disabled');
    expect((await api(url, 'POST', '/api/v1/auth/login', { body: { username: 'rina', password: 'rahasia-rina-1' } })).status).toBe(401);
    expect(pageErrors(page)).toEqual([]);
    expect(pageErrors(setter)).toEqual([]);
  });

  it('adds a webhook, lists its deliveries, redelivers one and deletes the endpoint', async () => {
    const { url, siteId } = suite.engine;
    const got: string[] = [];
    const receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        got.push(String(req.headers['webhook-id']));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    try {
      const page = await newPage(suite.browser);
      await page.goto(`${url}/admin?site=${siteId}&token=${await login(url, 'admin')}&lang=id`);
      const admin = page.locator('loket-admin');
      await admin.locator('button[data-tab=webhooks]').click();
      const hooks = admin.locator('loket-admin-webhooks');
      await hooks.locator('input[name=url]').fill(hookUrl);
      await hooks.locator('input[value="ticket.issued"]').check();
      await hooks.locator('button[type=submit]').click();
      expect(await hooks.locator('[data-once=webhook] code').textContent()).toMatch(/^whsec_/);
      const row = hooks.locator('tr[data-webhook]').filter({ hasText: hookUrl });
      await row.waitFor();

      await api(url, 'POST', `/api/v1/sites/${siteId}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'kk' } });
      await expect.poll(() => got.length, { timeout: 15_000 }).toBe(1);
      await row.locator('button', { hasText: 'Pengiriman' }).click();
      const delivery = hooks.locator(`tr[data-delivery="${got[0]}"]`);
      await delivery.waitFor();
      await expect.poll(async () => (await delivery.textContent()) ?? '').toContain('Terkirim');
      await delivery.locator('button').click();
      await expect.poll(() => got.length, { timeout: 15_000 }).toBe(2);
      expect(got[1]).toBe(got[0]);

      page.once('dialog', (d) => void d.accept());
      await row.locator('button.danger').click();
      await expect.poll(() => hooks.locator('tr[data-webhook]').count()).toBe(0);
      expect(pageErrors(page)).toEqual([]);
    } finally {
      receiver.close();
    }
  });
});
