/**
 * The lobby under store faults, in Chromium: a page opened before a stalled Redis
 * (`kill -STOP` for 8 s) and one opened during it both show the next call after recovery,
 * without a reload; the invariants check passes afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { checkSite } from '../../../engine/src/store/consistency-check.js';
import { issueTicket, openCounter } from '../support/browser-suite.js';
import { api, DISPLAY_TOKEN, launchChromium, login, startRedis, startTestEngine, type TestEngine } from '../support/engine.js';

type RedisHandle = Awaited<ReturnType<typeof startRedis>>;

describe('lobby display through a stalled Redis', () => {
  let redis: RedisHandle;
  let engine: TestEngine;
  let browser: Browser;

  beforeAll(async () => {
    redis = await startRedis();
    engine = await startTestEngine({ jobs: false, redisUrl: redis.url });
    browser = await launchChromium();
  });
  afterAll(async () => {
    redis?.resume();
    await browser?.close();
    await engine?.stop();
    await redis?.stop();
  });

  it('shows the next call on a page opened before and one opened during an 8 s stall', async () => {
    const site = engine.siteId;
    const supervisor = await login(engine.url, 'supervisor');
    await openCounter(engine, supervisor, '1');
    const staff = await login(engine.url, 'staff-1');
    const url = `${engine.url}/display/lobby?site=${site}&token=${DISPLAY_TOKEN}`;
    const before = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await before.goto(url);
    await before.locator('loket-lobby-display [data-conn="live"]').waitFor({ timeout: 10_000 });

    redis.pause();
    const during = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    try {
      await during.goto(url);
      await during.waitForTimeout(8000);
    } finally {
      redis.resume();
    }
    await issueTicket(engine, 'ktp');
    const r = await api(engine.url, 'POST', `/api/v1/sites/${site}/counters/1/call-next`, { token: staff });
    expect(r.status).toBe(200);
    const number = r.body.ticket.number as string;
    for (const page of [before, during]) {
      await page.locator('loket-lobby-display [data-testid="current-number"]').filter({ hasText: number }).waitFor({ timeout: 15_000 });
    }
    const report = await checkSite(engine.server.redis, engine.server.app.sites.get(site));
    expect(report.violations).toEqual([]);
  }, 60_000);
});
