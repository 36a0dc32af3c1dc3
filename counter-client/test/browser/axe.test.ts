import { beforeAll, describe, expect, it } from 'vitest';
import { useEngineAndBrowser } from '../support/browser-suite.js';
import { newPage, openCounter, openPage, waitForDesk } from '../support/desk-page.js';
import { issueTickets, login, seriousAxeViolations } from '../support/engine.js';

describe('accessibility (axe-core, headless Chromium)', () => {
  const suite = useEngineAndBrowser();

  beforeAll(async () => {
    await issueTickets(suite.engine.url, suite.engine.siteId, ['ktp', 'kk', 'ktp']);
  });

  it('the counter desk with a called ticket and a waiting list has no serious or critical violation', async () => {
    const page = await openPage(suite.browser, suite.engine.url, '/counter', suite.engine.siteId, 'staff-1');
    // staff-1 has several counters and none remembered on this browser: the desk asks once.
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.locator('loket-counter-desk [data-ask-counter] button[data-counter-id="1"]').click();
    await openCounter(page);
    await page.locator('#call-next').click();
    await waitForDesk(page, (v) => v.number !== null && v.waitingIds.length === 2, 'a called ticket and two waiting');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.close();
  });

  it('the supervisor floor has no serious or critical violation', async () => {
    const page = await openPage(suite.browser, suite.engine.url, '/supervisor', suite.engine.siteId, 'supervisor');
    await page.locator('loket-counter-board tr[data-counter="1"]').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.close();
  });

  it('the login form has no serious or critical violation', async () => {
    const page = await newPage(suite.browser);
    await page.goto(`${suite.engine.url}/counter?site=${suite.engine.siteId}`);
    await page.locator('loket-login-form input[name=username]').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.close();
  });

  it('the admin console (every tab, a field error shown) has no serious or critical violation', async () => {
    const page = await newPage(suite.browser);
    await page.goto(`${suite.engine.url}/admin?site=${suite.engine.siteId}&token=${await login(suite.engine.url, 'admin')}&lang=id`);
    const services = page.locator('loket-admin-services');
    await services.locator('tr[data-service=ktp]').waitFor();
    await services.locator('select[name=agencyId]').selectOption('dukcapil');
    await services.locator('input[name=prefix]').fill('x');
    await services.locator('button[type=submit]').click();
    await services.locator('[data-error=prefix]').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    for (const tab of ['counters', 'devices', 'accounts', 'audit', 'webhooks']) {
      await page.locator(`loket-admin button[data-tab=${tab}]`).click();
      await page.locator(`loket-admin-${tab} h2`).waitFor();
      expect(await seriousAxeViolations(page), tab).toEqual([]);
    }
    await page.close();
  });
});
