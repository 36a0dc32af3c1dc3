import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { useEngineAndBrowser } from '../support/browser-suite.js';
import { newPage, pageErrors } from '../support/desk-page.js';
import { api, KIOSK_TOKEN, login, supervisorToken } from '../support/engine.js';

const SHOTS = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));

describe('report page', () => {
  /** The engine's clock, moved by the test to give the day its hours and waits. */
  let clockMs = Date.parse('2026-11-23T01:00:00Z'); // 08:00 in Jakarta
  const suite = useEngineAndBrowser({ clock: () => clockMs });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
  });

  it('charts the day, lists the SLA, IKM and the advisor, and applies a move with one click', async () => {
    const { url, siteId } = suite.engine;
    const site = `/api/v1/sites/${siteId}`;
    const sup = await supervisorToken(url);
    const staff = await login(url, 'staff-1');
    for (const c of ['1', '2', '3', '4', '9', '15']) await api(url, 'PATCH', `${site}/counters/${c}`, { token: sup, body: { status: 'open' } });
    // Three hours of a morning: tickets arrive, counter 1 serves ktp, a surge of ktp at the end.
    const done: string[] = [];
    for (let h = 0; h < 3; h++) {
      for (const serviceId of ['ktp', 'ktp', 'kk', 'paspor', 'pkb', 'akta']) await api(url, 'POST', `${site}/tickets`, { token: KIOSK_TOKEN, body: { serviceId } });
      for (let k = 0; k < 3; k++) {
        clockMs += 12 * 60_000;
        const t = (await api(url, 'POST', `${site}/counters/1/call-next`, { token: staff })).body.ticket;
        if (!t) continue;
        await api(url, 'POST', `${site}/tickets/${t.id}/start`, { token: staff });
        clockMs += 6 * 60_000;
        await api(url, 'POST', `${site}/tickets/${t.id}/finish`, { token: staff });
        done.push(t.statusToken);
      }
    }
    for (let i = 0; i < 25; i++) await api(url, 'POST', `${site}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'ktp' } });
    await api(url, 'POST', `/api/v1/public/tickets/${done[0]}/feedback`, { body: { answers: { U1: 4, U2: 3, U3: 2, U4: 4, U5: 3, U6: 4, U7: 4, U8: 3, U9: 3 }, comment: 'Antrean KTP terlalu lama' } });
    await api(url, 'POST', `/api/v1/public/tickets/${done[1]}/feedback`, { body: { answers: { U1: 3, U2: 3, U3: 3, U4: 4, U5: 3, U6: 3, U7: 4, U8: 3, U9: 4 } } });

    const page = await newPage(suite.browser);
    await page.setViewportSize({ width: 1366, height: 768 });
    const token = await login(url, 'supervisor');
    await page.goto(`${url}/report?site=${siteId}&token=${token}&lang=id&date=2026-11-23`);
    const report = page.locator('loket-report-page');
    await report.locator('tr[data-service=ktp]').waitFor();
    await report.locator('tr[data-element=U3]').waitFor();
    // Chart.js drew both charts (canvas with pixels, not by hand).
    const drawn = await page.evaluate(() => {
      const root = document.querySelector('loket-staff-app')!.shadowRoot!.querySelector('loket-report-page')!.shadowRoot!;
      return [...root.querySelectorAll('canvas')].map((c) => {
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let ink = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) ink++;
        return ink;
      });
    });
    expect(drawn).toHaveLength(2);
    for (const ink of drawn) expect(ink).toBeGreaterThan(1000);
    expect(await report.locator('tr[data-service=ktp] td').nth(1).textContent()).toBe('31');
    expect(await report.locator('tr[data-element=U3] td').nth(2).textContent()).toBe('2.5');
    expect(await report.locator('[data-comment]').textContent()).toContain('Antrean KTP terlalu lama');

    // The advisor: ktp is short (25 waiting, counters 1-3 serve it first), a move is offered.
    await report.locator('[data-warning=ktp]').waitFor();
    const move = report.locator('tr[data-move]').first();
    await move.waitFor();
    const counterId = await move.getAttribute('data-move');
    expect((await move.getAttribute('data-to'))?.split('|')[0]).toBe('ktp');
    // Said by name (ids stay in the data attributes): the warning, the move's counter, its tiers and its reason.
    const info = (await api(url, 'GET', `${site}/info`, { token: sup })).body as { agencies: { services: { id: string }[] }[]; counters: { id: string; name: string }[] };
    const serviceIds = info.agencies.flatMap((a) => a.services.map((x) => x.id));
    const idsIn = (text: string): string[] => serviceIds.filter((id) => new RegExp(`(^|[^\\w-])${id}([^\\w-]|$)`).test(text));
    const counterName = info.counters.find((c) => c.id === counterId)!.name;
    const advice = async () => ({
      warnings: await report.locator('[data-warning]').allTextContents(),
      cells: await move.locator('td').allTextContents(),
    });
    const id = await advice();
    expect(id.warnings.length).toBeGreaterThan(0);
    expect(await report.locator('[data-warning=ktp]').textContent()).toMatch(/^KTP-el \(Rekam dan Cetak\): /);
    expect(id.cells[0]).toBe(counterName);
    expect(id.cells[2]).toMatch(/^KTP-el \(Rekam dan Cetak\)/);
    expect(id.cells[3]).toMatch(/^(Dahulukan|Buka loket dan layani) KTP-el \(Rekam dan Cetak\) satu jam ke depan: \d+ loket dibutuhkan/);
    expect([...id.warnings, ...id.cells].flatMap(idsIn)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}report-page.png`, fullPage: true });
    await report.locator('section').filter({ hasText: 'Saran penempatan' }).screenshot({ path: `${SHOTS}staffing-advice.png` });

    // In English: the English names and words, figures the same.
    await page.locator('loket-lang-switch button').click();
    await report.locator('h2', { hasText: 'Staffing advice' }).waitFor();
    const en = await advice();
    expect(await report.locator('[data-warning=ktp]').textContent()).toMatch(/^ID card \(KTP-el, record and print\): /);
    expect(en.cells[0]).toBe(counterName);
    expect(en.cells[2]).toMatch(/^ID card \(KTP-el, record and print\)/);
    expect(en.cells[3]).toMatch(/^(Serve|Open the counter and serve) ID card \(KTP-el, record and print\) (first )?for the next hour: counters needed \d+ /);
    expect([...en.warnings, ...en.cells].flatMap(idsIn)).toEqual([]);
    expect(en.cells[3]!.match(/\d+(\.\d+)?/g)).toEqual(id.cells[3]!.match(/\d+(\.\d+)?/g));

    await move.locator('button[data-apply]').click();
    await report.locator('p[role=status]').waitFor();
    expect(await report.locator('p[role=status]').textContent()).toMatch(new RegExp(`^${counterName} now serves ID card \\(KTP-el, record and print\\)`));
    const counters = await api(url, 'GET', `${site}/counters`, { token: sup });
    const after = (counters.body.counters as { id: string; services: string[][] }[]).find((c) => c.id === counterId)!;
    expect(after.services[0]).toEqual(['ktp']);
    expect(pageErrors(page)).toEqual([]);
  });
});
