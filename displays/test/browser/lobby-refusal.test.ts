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
    // (The back-off's timing is pinned in web-common's unit tests: here the engine's own wait for Redis dominates.)
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
    let loginWhileDown = -1;
    let connecting = -1;
    try {
      await page.goto(`${engine.url}/display/lobby?site=${engine.siteId}&token=${token}`);
      await expect.poll(() => refusals.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
      loginWhileDown = await page.locator('loket-lobby-display loket-login').count();
      connecting = await page.locator('loket-lobby-display [data-conn="connecting"]').count();
    } finally {
      // Back up in any case: the engine cannot stop cleanly without its Redis.
      redis = await startRedis(redisArgs, port);
    }
    expect(loginWhileDown).toBe(0);
    expect(connecting).toBe(1);

    await page.locator('loket-lobby-display [data-conn="live"]').waitFor({ timeout: 20_000 });
    await page.locator('loket-lobby-display .waiting').waitFor({ timeout: 5000 });
    expect(await page.locator('loket-lobby-display loket-login').count()).toBe(0);
    await page.close();
  });
});
