import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock, testCore } from '../support/core.js';
import { api, KIOSK_TOKEN, startTestEngine } from '../support/harness.js';
import { redisForFile } from '../support/redis-server.js';

const redis = redisForFile({ beforeAll, afterAll });

describe('numbering, quota and opening hours', () => {
  it('numbers per prefix and restarts the numbering on the next business day in the site’s zone', async () => {
    // 2026-11-23 is a Monday; 16:59 UTC = 23:59 in Jakarta.
    const clock = new FakeClock(Date.parse('2026-11-23T16:58:00Z'));
    const core = await testCore(redis().url, { clock: clock.now });
    const s = core.ops;
    const n = async (serviceId: string) => (await s.issue(core.siteId, { serviceId })).ticket.number;
    expect([await n('ktp'), await n('ktp'), await n('kk'), await n('ktp')]).toEqual(['A-001', 'A-002', 'B-001', 'A-003']);
    clock.advance(3); // 00:01 local, the next day
    expect(await n('ktp')).toBe('A-001');
    core.close();
  });

  it('refuses tickets past the daily quota with QUOTA_EXHAUSTED', async () => {
    const core = await testCore(redis().url, {
      edit: (raw) => {
        const agencies = raw.agencies as { services: { id: string; quotaPerDay?: number }[] }[];
        for (const a of agencies) for (const sv of a.services) if (sv.id === 'paspor') sv.quotaPerDay = 3;
      },
    });
    const s = core.ops;
    for (let i = 0; i < 3; i++) await s.issue(core.siteId, { serviceId: 'paspor' });
    const seq = await core.seq();
    await expect(s.issue(core.siteId, { serviceId: 'paspor' })).rejects.toMatchObject({ code: 'QUOTA_EXHAUSTED' });
    expect(await core.seq()).toBe(seq);
    // Other services are not affected.
    expect((await s.issue(core.siteId, { serviceId: 'ktp' })).ticket.number).toBe('A-001');
    core.close();
  });

  it('answers SITE_CLOSED outside opening hours and issues inside them', async () => {
    const clock = new FakeClock(Date.parse('2026-11-22T03:00:00Z')); // Sunday 10:00 in Jakarta: closed
    const e = await startTestEngine({ redisUrl: redis().url, ignoreHours: false, clock: clock.now, jobs: false });
    try {
      const issue = () => api(e.url, 'POST', `/api/v1/sites/${e.siteId}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'ktp' } });
      const closed = await issue();
      expect(closed.status).toBe(409);
      expect(closed.body.error.code).toBe('SITE_CLOSED');
      const info = await api(e.url, 'GET', `/api/v1/sites/${e.siteId}/info`);
      expect(info.body.openNow).toBe(false);
      clock.ms = Date.parse('2026-11-23T02:00:00Z'); // Monday 09:00
      expect((await issue()).status).toBe(201);
      clock.ms = Date.parse('2026-11-23T09:00:00Z'); // Monday 16:00: closing time
      expect((await issue()).status).toBe(409);
      clock.ms = Date.parse('2026-11-28T04:30:00Z'); // Saturday 11:30
      expect((await issue()).status).toBe(201);
    } finally {
      await e.stop();
    }
  });
});
