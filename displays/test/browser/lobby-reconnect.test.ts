import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { issueTicket, openCounter } from '../support/browser-suite.js';
import { api, DISPLAY_TOKEN, launchChromium, login, startRedis, startTestEngine, type TestEngine } from '../support/engine.js';
import { installSpeechStub, spoken, type SpokenRecord } from '../support/speech-stub.js';

type RedisHandle = Awaited<ReturnType<typeof startRedis>>;

describe('lobby display across an engine restart (two engine nodes, one Redis)', () => {
  let redis: RedisHandle;
  let nodeA: TestEngine;
  let nodeB: TestEngine;
  let nodeA2: TestEngine | null = null;
  let browser: Browser;

  beforeAll(async () => {
    redis = await startRedis();
    nodeA = await startTestEngine({ jobs: false, redisUrl: redis.url });
    nodeB = await startTestEngine({ jobs: false, redisUrl: redis.url, siteId: nodeA.siteId });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await nodeA2?.stop();
    await nodeB?.stop();
    await redis?.stop();
  });

  it('shows "reconnecting" with the last screen kept, then resumes and announces every missed call in order', async () => {
    const site = nodeA.siteId;
    const supervisor = await login(nodeB.url, 'supervisor');
    const staff: Record<string, string> = {};
    for (const c of ['1', '2', '3']) {
      await openCounter(nodeB, supervisor, c);
      staff[c] = await login(nodeB.url, `staff-${c}`);
    }
    const issue = async (): Promise<void> => {
      await issueTicket(nodeB, 'ktp');
    };
    const callNext = async (c: string): Promise<string> => {
      const r = await api(nodeB.url, 'POST', `/api/v1/sites/${site}/counters/${c}/call-next`, { token: staff[c] });
      expect(r.status).toBe(200);
      return r.body.ticket.number as string;
    };

    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await installSpeechStub(page, { voices: [{ lang: 'id-ID', name: 'Stub' }], speakMs: 300 });
    const resumes: string[] = [];
    page.on('websocket', (ws) => ws.on('framesent', (f) => String(f.payload).includes('"resume"') && resumes.push(String(f.payload))));
    await page.goto(`${nodeA.url}/display/lobby?site=${site}&token=${DISPLAY_TOKEN}`);
    await page.locator('loket-lobby-display [data-conn="live"]').waitFor({ timeout: 10_000 });

    // A call made through node B reaches the display connected to node A.
    await issue();
    expect(await callNext('1')).toBe('A-001');
    const number = page.locator('loket-lobby-display [data-testid="current-number"]');
    await number.filter({ hasText: 'A-001' }).waitFor({ timeout: 2000 });

    const port = nodeA.port;
    await nodeA.stop();
    const reconnecting = page.locator('loket-lobby-display [data-conn="reconnecting"]');
    await reconnecting.waitFor({ timeout: 10_000 });
    expect(await reconnecting.textContent()).toContain('Menyambung ulang');
    expect((await number.textContent())?.trim()).toBe('A-001');

    // Three calls while the display is cut off.
    for (let i = 0; i < 3; i++) await issue();
    const missed = [await callNext('2'), await callNext('3')];
    const t1 = await api(nodeB.url, 'GET', `/api/v1/sites/${site}/counters`, { token: staff['1'] });
    const held = (t1.body.counters as { id: string; currentTicket: { id: string } | null }[]).find((c) => c.id === '1')!.currentTicket!;
    for (const step of ['start', 'finish']) {
      expect((await api(nodeB.url, 'POST', `/api/v1/sites/${site}/tickets/${held.id}/${step}`, { token: staff['1'] })).status).toBe(200);
    }
    missed.push(await callNext('1'));
    expect(missed).toEqual(['A-002', 'A-003', 'A-004']);
    await page.waitForTimeout(500);
    expect((await number.textContent())?.trim()).toBe('A-001');

    nodeA2 = await startTestEngine({ jobs: false, redisUrl: redis.url, siteId: site, env: { PORT: String(port) } });
    await page.locator('loket-lobby-display [data-conn="live"]').waitFor({ timeout: 15_000 });
    await number.filter({ hasText: 'A-004' }).waitFor({ timeout: 5000 });
    expect(resumes.length).toBeGreaterThanOrEqual(1);
    expect(resumes[0]).toContain('"sinceSeq"');

    await page.waitForFunction(
      () => {
        const log = (window as unknown as { __speech: SpokenRecord[] }).__speech;
        return log.length >= 4 && log.every((r) => r.end !== null);
      },
      undefined,
      { timeout: 20_000 },
    );
    const texts = (await spoken(page)).map((r) => r.text);
    expect(texts).toEqual([
      'Nomor antrian A nol nol satu, silakan menuju loket satu',
      'Nomor antrian A nol nol dua, silakan menuju loket dua',
      'Nomor antrian A nol nol tiga, silakan menuju loket tiga',
      'Nomor antrian A nol nol empat, silakan menuju loket satu',
    ]);
    const rows = await page.locator('loket-lobby-display tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...(tr as HTMLTableRowElement).cells].map((td) => td.textContent?.trim()).join(' ')),
    );
    expect(rows).toEqual(['Loket 1 A-004', 'Loket 3 A-003', 'Loket 2 A-002']);
    await page.close();
  });
});
