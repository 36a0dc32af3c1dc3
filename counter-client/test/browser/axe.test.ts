import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, openCounter, openPage, waitForDesk } from '../support/desk-page.js';
import { issueTickets, launchChromium, seriousAxeViolations, startTestEngine, type TestEngine } from '../support/engine.js';

describe('accessibility (axe-core, headless Chromium)', () => {
  let engine: TestEngine;
  let browser: Browser;

  beforeAll(async () => {
    engine = await startTestEngine();
    browser = await launchChromium();
    await issueTickets(engine.url, engine.siteId, ['ktp', 'kk', 'ktp']);
  });

  afterAll(async () => {
    await browser?.close();
    await engine?.stop();
  });

  it('the counter desk with a called ticket and a waiting list has no serious or critical violation', async () => {
    const page = await openPage(browser, engine.url, '/counter', engine.siteId, 'staff-1');
    await openCounter(page);
    await page.locator('#call-next').click();
    await waitForDesk(page, (v) => v.number !== null && v.waitingIds.length === 2, 'a called ticket and two waiting');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.close();
  });

  it('the supervisor floor has no serious or critical violation', async () => {
    const page = await openPage(browser, engine.url, '/supervisor', engine.siteId, 'supervisor');
    await page.locator('loket-counter-board tr[data-counter="1"]').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.close();
  });

  it('the login form has no serious or critical violation', async () => {
    const page = await newPage(browser);
    await page.goto(`${engine.url}/counter?site=${engine.siteId}`);
    await page.locator('loket-login-form input[name=username]').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.close();
  });
});
