import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, login, startRedis, startTestEngine, type TestEngine } from '../support/engine.js';
import { installSpeechStub } from '../support/speech-stub.js';

type RedisHandle = Awaited<ReturnType<typeof startRedis>>;

describe('lobby display while the engine cannot check its token', () => {
  const dir = mkdtempSync(join(tmpdir(), 'loket-refusal-'));
  // Durable, so the staff session survives the Redis restart below.
  const redisArgs = ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir];
  let redis: RedisHandle;
  let engine: TestEngine;
  let browser: Browser;

  beforeAll(async () => {
    redis = await startRedis(redisArgs);
    engine = await startTestEngine({ jobs: false, redisUrl: redis.url });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await engine?.stop();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('retries a STORE_UNAVAILABLE refusal with back-off instead of showing the sign-in form, then goes live', async () => {
    // A supervisor session lives in Redis: with Redis down the engine cannot check it and refuses as transient.
    const token = await login(engine.url, 'supervisor');
    const port = redis.port;
    await redis.stop();

    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await installSpeechStub(page, { voices: [{ lang: 'id-ID', name: 'Stub' }], speakMs: 100 });
    const refusals: number[] = [];
    page.on('websocket', (ws) =>
      ws.on('framereceived', (f) => {
        if (String(f.payload).includes('"STORE_UNAVAILABLE"')) refusals.push(Date.now());
      }),
    );
    await page.goto(`${engine.url}/display/lobby?site=${engine.siteId}&token=${token}`);
    await expect.poll(() => refusals.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    expect(await page.locator('loket-lobby-display loket-login').count()).toBe(0);
    expect(await page.locator('loket-lobby-display [data-conn="connecting"]').count()).toBe(1);
    // Jittered exponential back-off: the third wait is longer than the first.
    const gaps = refusals.slice(1).map((at, i) => at - refusals[i]!);
    expect(gaps[1]!).toBeGreaterThan(gaps[0]! * 1.2);

    redis = await startRedis(redisArgs, port);
    await page.locator('loket-lobby-display [data-conn="live"]').waitFor({ timeout: 20_000 });
    await page.locator('loket-lobby-display .waiting').waitFor({ timeout: 5000 });
    expect(await page.locator('loket-lobby-display loket-login').count()).toBe(0);
    await page.close();
  });
});
