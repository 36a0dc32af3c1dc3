/**
 * The report figures fed by the event tail (store/report-store.ts `feed`): a periodic
 * catch-up applies the increments of the events the tail decoded without reading the log
 * again, and the records come out exactly as a catch-up from the log makes them; a feed that
 * does not follow the records (a node that started late, a gap) falls back to the log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/app/caller.js';
import type { DailyReport } from '../../src/protocol/index.js';
import { EventLog } from '../../src/store/event-log.js';
import { keys, prefixes } from '../../src/store/keys.js';
import { ReportStore } from '../../src/store/report-store.js';
import { defineScripts } from '../../src/store/scripts.js';
import { connectRedis } from '../../src/redis-connection.js';
import { FakeClock, testCore, type TestCore } from '../support/core.js';
import { redisForFile } from '../support/redis-server.js';

const redis = redisForFile({ beforeAll, afterAll });
const SUP: Omit<Caller, 'siteId'> = { username: 'supervisor', role: 'supervisor', agencyIds: [], counterIds: [] };

/** Calls of a command since the last `CONFIG RESETSTAT`. */
async function calls(core: TestCore, cmd: string): Promise<number> {
  const info = (await core.redis.info('commandstats')) as string;
  return Number(new RegExp(`cmdstat_${cmd}:calls=(\\d+)`).exec(info)?.[1] ?? 0);
}

/** Some traffic: tickets issued, called, served at three counters. */
async function traffic(core: TestCore, clock: FakeClock, rounds: number): Promise<void> {
  const site = core.app.sites.get(core.siteId);
  for (let i = 0; i < rounds; i++) {
    for (const serviceId of ['ktp', 'paspor', 'kk']) await core.ops.issue(core.siteId, { serviceId });
    clock.advance(3);
    for (const c of ['1', '9', '10']) {
      const who: Caller = { username: `staff-${c}`, role: 'staff', siteId: core.siteId, agencyIds: [site.counters.get(c)!.agencyId], counterIds: [c] };
      const t = (await core.app.callNext.next(who, c)).ticket;
      if (!t) continue;
      clock.advance(1);
      await core.app.actOnTicket.run(who, 'start', t.id);
      clock.advance(4);
      await core.app.actOnTicket.run(who, 'finish', t.id);
    }
  }
}

/** The tail's part: reads the site's log after `after` and feeds it; returns the last seq read. */
async function tailOnce(core: TestCore, log: EventLog, after: number): Promise<number> {
  const site = core.app.sites.get(core.siteId);
  const res = await log.readAfter([site], new Map([[site.id, after]]), 0);
  return res?.[0]?.[1].at(-1)?.seq ?? after;
}

/** The report recomputed from the log alone: records and their seq dropped, then a catch-up. */
async function fromLog(core: TestCore): Promise<DailyReport> {
  const found = await core.redis.keys(`${prefixes.report(core.siteId)}*`);
  if (found.length) await core.redis.del(...found);
  await core.redis.del(keys.reportSeq(core.siteId));
  return core.app.dailyReports.daily({ ...SUP, siteId: core.siteId }, { date: '2026-11-23' });
}

/** A core on a fake clock whose report figures are fed by an event tail of its own. */
async function fedCore(): Promise<{ clock: FakeClock; core: TestCore; log: EventLog }> {
  const clock = new FakeClock(Date.parse('2026-11-23T01:00:00Z'));
  const core = await testCore(redis().url, { clock: clock.now });
  const log = new EventLog(connectRedis(redis().url, 'blocking'));
  log.onDecoded((siteId, events) => core.app.dailyReports.feed(siteId, events));
  return { clock, core, log };
}

describe('report figures fed by the event tail', () => {
  it('are applied without reading the log again and agree with the figures read from the log', async () => {
    const { clock, core, log } = await fedCore();
    try {
      await core.open('1', '9', '10');
      let read = await tailOnce(core, log, 0);
      // The records start where the tail does (the periodic catch-up reads the log once at first).
      await core.app.dailyReports.catchUp(core.siteId, false);
      await core.redis.config('RESETSTAT');
      for (let k = 0; k < 4; k++) {
        await traffic(core, clock, 3);
        read = await tailOnce(core, log, read);
        expect(await core.app.dailyReports.catchUp(core.siteId, false)).toBe(read);
      }
      expect(read).toBe(await core.seq());
      expect(await calls(core, 'xrange')).toBe(0);
      const fed = await core.app.dailyReports.daily({ ...SUP, siteId: core.siteId }, { date: '2026-11-23' });
      expect(fed.seq).toBe(read);
      expect(fed.services.find((s) => s.serviceId === 'ktp')?.served).toBeGreaterThan(0);
      expect(await fromLog(core)).toEqual(fed);
    } finally {
      log.disconnect();
      core.close();
    }
  });

  it('fall back to the log when the feed does not follow the records, and still count each event once', async () => {
    const { clock, core, log } = await fedCore();
    try {
      await core.open('1', '9', '10');
      await core.app.dailyReports.catchUp(core.siteId, false);
      // A node that starts late: its tail begins at the log's end, past events the records lack.
      await traffic(core, clock, 2);
      const late = await core.seq();
      await traffic(core, clock, 2);
      await tailOnce(core, log, late);
      await core.redis.config('RESETSTAT');
      expect(await core.app.dailyReports.catchUp(core.siteId, false)).toBe(await core.seq());
      expect(await calls(core, 'xrange')).toBeGreaterThan(0);
      // Another node applied the next events first: the fed increments are not applied again.
      await traffic(core, clock, 2);
      const before = await core.redis.get(keys.reportSeq(core.siteId));
      await tailOnce(core, log, Number(before));
      const otherConn = connectRedis(redis().url);
      defineScripts(otherConn);
      await new ReportStore(otherConn).catchUp(core.app.sites.get(core.siteId));
      otherConn.disconnect();
      expect(await core.app.dailyReports.catchUp(core.siteId, false)).toBe(await core.seq());
      const report = await core.app.dailyReports.daily({ ...SUP, siteId: core.siteId }, { date: '2026-11-23' });
      expect(await fromLog(core)).toEqual(report);
    } finally {
      log.disconnect();
      core.close();
    }
  });
});
