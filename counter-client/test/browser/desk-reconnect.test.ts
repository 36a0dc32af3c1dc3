import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RedisHandle } from '../../../engine/test/support/redis-server.js';
import { openCounter, openPage, waitForDesk } from '../support/desk-page.js';
import { issueTickets, launchChromium, startTestEngine, supervisorToken, ticketsIn, type TestEngine } from '../support/engine.js';

/** Fails with a clear message instead of the test's timeout when a step hangs. */
function within<T>(ms: number, p: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

describe('counter desk across an engine restart', () => {
  let redis: RedisHandle;
  let engine: TestEngine;
  let browser: Browser;

  beforeAll(async () => {
    redis = await startRedis();
    engine = await startTestEngine({ redisUrl: redis.url });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await engine?.stop();
    await redis?.stop();
  });

  it('says the connection is lost, reconnects by itself, and catches up with what happened meanwhile', async () => {
    const [first] = await issueTickets(engine.url, engine.siteId, ['ktp']);
    const desk = await openPage(browser, engine.url, '/counter', engine.siteId, 'staff-1', { counter: '1' });
    await openCounter(desk);
    await waitForDesk(desk, (v) => v.waitingIds.length === 1, 'one waiting');

    const { port, siteId } = engine;
    await within(10_000, engine.stop(), 'engine.stop()');
    const lost = await waitForDesk(desk, (v) => !v.connected, 'the connection lost');
    expect(lost.waitingIds).toEqual([first!.id]);
    expect(await desk.locator('loket-counter-desk .conn').textContent()).toContain('Koneksi terputus');

    // A new engine on the same port, Redis and site: its event seq continues.
    engine = await within(15_000, startTestEngine({ redisUrl: redis.url, siteId, env: { PORT: String(port) } }), 'a new engine');
    const more = await within(10_000, issueTickets(engine.url, siteId, ['kk', 'ktp']), 'issuing on the new engine');
    const sup = await supervisorToken(engine.url);
    const waiting = await ticketsIn(engine.url, siteId, sup, 'waiting');
    expect(waiting.length).toBe(3);

    const back = await waitForDesk(desk, (v) => v.connected && v.waitingIds.length === 3, 'reconnected with 3 waiting', 20_000);
    expect(new Set(back.waitingIds)).toEqual(new Set([first!.id, ...more.map((t) => t.id)]));
    // The desk's stored session still works: it calls at once.
    await desk.locator('#call-next').click();
    const called = await waitForDesk(desk, (v) => v.ticketId !== null && !v.callBusy, 'a called ticket');
    expect(called.ticketId).toBe(first!.id);
    // Its live state kept the seq of the engine's log without a hole.
    const seq = await desk.evaluate(() => {
      const d = document.querySelector('loket-staff-app')?.shadowRoot?.querySelector('loket-counter-desk') as unknown as { _live: { seq: { lastSeq: number; behind(): boolean } } };
      return { last: d._live.seq.lastSeq, behind: d._live.seq.behind() };
    });
    expect(seq.behind).toBe(false);
    expect(seq.last).toBeGreaterThanOrEqual(4); // open, 3 issued, and the call
  });
});
