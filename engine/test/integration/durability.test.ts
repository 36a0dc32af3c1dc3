import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { api, KIOSK_TOKEN, startTestEngine } from '../support/harness.js';
import { freePort, startRedis } from '../support/redis-server.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('durability', () => {
  it('keeps every acknowledged ticket through a Redis crash (kill -9) with AOF appendfsync always', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loket-aof-'));
    dirs.push(dir);
    const port = await freePort();
    const aof = ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir];
    let redis = await startRedis(aof, port);
    const e = await startTestEngine({ redisUrl: redis.url, jobs: false });
    const acked: { id: string; number: string }[] = [];
    for (let i = 0; i < 50; i++) {
      const r = await api(e.url, 'POST', `/api/v1/sites/${e.siteId}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: i % 2 ? 'ktp' : 'pkb' } });
      expect(r.status).toBe(201);
      acked.push(r.body.ticket);
    }
    redis.kill();
    await new Promise((r) => setTimeout(r, 200));
    // While Redis is down the engine says so: readyz 503, issuing 503, process up.
    expect((await api(e.url, 'GET', '/readyz')).status).toBe(503);
    const down = await api(e.url, 'POST', `/api/v1/sites/${e.siteId}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'ktp' } });
    expect(down.status).toBe(503);
    expect(down.body.error.code).toBe('STORE_UNAVAILABLE');
    expect((await api(e.url, 'GET', '/healthz')).status).toBe(200);

    redis = await startRedis(aof, port);
    // ioredis reconnects by itself; wait until ready.
    for (let i = 0; i < 50 && (await api(e.url, 'GET', '/readyz')).status !== 200; i++) await new Promise((r) => setTimeout(r, 100));
    const admin = await (await import('../support/harness.js')).login(e.url, 'admin');
    const list = await api(e.url, 'GET', `/api/v1/sites/${e.siteId}/tickets?state=waiting`, { token: admin });
    expect(list.status).toBe(200);
    const ids = new Set(list.body.tickets.map((t: { id: string }) => t.id));
    expect(acked.every((t) => ids.has(t.id))).toBe(true);
    // Numbering goes on after the crash: no number is handed out twice.
    const next = await api(e.url, 'POST', `/api/v1/sites/${e.siteId}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'ktp' } });
    expect(next.body.ticket.number).toBe('A-026');
    await e.stop();
    await redis.stop();
  });
});
