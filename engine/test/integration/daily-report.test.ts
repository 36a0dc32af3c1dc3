import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/app/caller.js';
import { localTime } from '../../src/domain/clock.js';
import { mean, percentile } from '../../src/domain/percentile.js';
import { BUCKET_UPPER_MINUTES, bucketOf } from '../../src/domain/report-figures.js';
import { keys } from '../../src/store/keys.js';
import { api, KIOSK_TOKEN, login, startTestEngine } from '../support/harness.js';
import { FakeClock, testCore } from '../support/core.js';
import { redisForFile } from '../support/redis-server.js';

const redis = redisForFile({ beforeAll, afterAll });

/** mulberry32: a seeded day. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface RawEvent {
  seq: number;
  type: string;
  at: number;
  c?: string;
  from?: string;
  wr?: number;
  t: Record<string, string>;
}

describe('daily report', () => {
  it("of a simulated day agrees with a recomputation from the raw event log", async () => {
    const clock = new FakeClock(Date.parse('2026-11-23T00:30:00Z')); // 07:30 in Jakarta
    const core = await testCore(redis().url, { clock: clock.now });
    const { app, siteId } = core;
    const site = app.sites.get(siteId);
    const counters = ['1', '2', '3', '4', '5', '9', '10', '15'];
    await core.open(...counters);
    const staffOf = (c: string): Caller => ({ username: `staff-${c}`, role: 'staff', siteId, agencyIds: [site.counters.get(c)!.agencyId], counterIds: [c] });
    const services = ['ktp', 'kk', 'akta', 'paspor', 'pkb'];
    const r = rng(12);
    const desk = new Map<string, { id: string; serviceId: string; state: 'called' | 'serving'; until: number } | null>(counters.map((c) => [c, null]));
    const waiting: string[] = [];
    for (let minute = 0; minute < 5 * 60; minute++) {
      // About 1.2 arrivals a minute; some priority, some with a second service.
      for (let k = 0; k < 3; k++) {
        if (r() < 0.4) {
          const serviceId = services[Math.floor(r() * services.length)]!;
          const t = await core.ops.issue(siteId, { serviceId, ...(r() < 0.12 ? { priority: 'priority', priorityReason: 'elderly' } : {}), ...(r() < 0.08 ? { route: [serviceId, 'skck'] } : {}) });
          waiting.push(t.ticket.id);
        }
      }
      if (waiting.length && r() < 0.05) {
        const id = waiting.splice(Math.floor(r() * waiting.length), 1)[0]!;
        await app.actOnTicket.run(staffOf('1'), 'cancel', id).catch(() => undefined); // may be called or done already
      }
      for (const c of counters) {
        const d = desk.get(c);
        const who = staffOf(c);
        if (!d) {
          const t = (await app.callNext.next(who, c)).ticket;
          if (t) desk.set(c, { id: t.id, serviceId: t.serviceId, state: 'called', until: clock.ms + 60_000 });
          continue;
        }
        if (clock.ms < d.until) continue;
        if (d.state === 'called') {
          if (r() < 0.08) {
            await app.actOnTicket.run(who, 'no-show', d.id);
            desk.set(c, null);
          } else {
            await app.actOnTicket.run(who, 'start', d.id);
            const avg = site.services.get(d.serviceId)!.avgServiceMinutes;
            desk.set(c, { ...d, state: 'serving', until: clock.ms + (0.5 + r()) * avg * 60_000 });
          }
        } else {
          await app.actOnTicket.run(who, 'finish', d.id);
          desk.set(c, null);
        }
      }
      clock.advance(1);
    }

    const report = await app.dailyReports.daily({ username: 'supervisor', role: 'supervisor', siteId, agencyIds: [], counterIds: [] }, { date: '2026-11-23' });
    const entries = (await core.redis.xrange(keys.events(siteId), '-', '+')) as [string, string[]][];
    const events = entries.map(([, f]) => JSON.parse(f[1]!) as RawEvent).filter((e) => e.type.startsWith('ticket.'));
    expect(report.seq).toBe(await core.seq());

    // The recomputation: straight from the log, exact samples, no records.
    const tz = site.def.timezone;
    const bySvc = new Map<string, { issued: number; served: number; noShow: number; cancelled: number; walkedOut: number; waits: number[]; svc: number[] }>();
    const row = (s: string) => {
      let x = bySvc.get(s);
      if (!x) bySvc.set(s, (x = { issued: 0, served: 0, noShow: 0, cancelled: 0, walkedOut: 0, waits: [], svc: [] }));
      return x;
    };
    const servedByCounter = new Map<string, number>();
    const servedByStaff = new Map<string, number>();
    const issuedByHour = new Map<number, number>();
    const servedByHour = new Map<number, number>();
    const hourOf = (at: number) => Math.floor(localTime(at, tz).minutes / 60);
    const countServed = (e: RawEvent, s: string) => {
      row(s).served++;
      row(s).svc.push(e.at - Number(e.t.startedAt));
      servedByCounter.set(e.c!, (servedByCounter.get(e.c!) ?? 0) + 1);
      servedByStaff.set(e.t.calledBy!, (servedByStaff.get(e.t.calledBy!) ?? 0) + 1);
      servedByHour.set(hourOf(e.at), (servedByHour.get(hourOf(e.at)) ?? 0) + 1);
    };
    for (const e of events) {
      if (e.type === 'ticket.issued') {
        row(e.t.serviceId!).issued++;
        issuedByHour.set(hourOf(e.at), (issuedByHour.get(hourOf(e.at)) ?? 0) + 1);
      }
      if (e.type === 'ticket.called' && e.wr) row(e.t.serviceId!).waits.push(e.at - Number(e.t.queuedAt));
      if (e.type === 'ticket.finished') countServed(e, e.t.serviceId!);
      if (e.type === 'ticket.transferred' && e.c) countServed(e, e.from!);
      if (e.type === 'ticket.no_show') row(e.t.serviceId!).noShow++;
      if (e.type === 'ticket.cancelled') {
        row(e.t.serviceId!).cancelled++;
        if (!e.c && e.t.waitRecorded !== '1') row(e.t.serviceId!).walkedOut++;
      }
    }
    let checkedWaits = 0;
    for (const s of report.services) {
      const x = bySvc.get(s.serviceId) ?? row(s.serviceId);
      expect({ id: s.serviceId, issued: s.issued, served: s.served, noShow: s.noShow, cancelled: s.cancelled, walkedOut: s.walkedOut, called: s.called }).toEqual({
        id: s.serviceId,
        issued: x.issued,
        served: x.served,
        noShow: x.noShow,
        cancelled: x.cancelled,
        walkedOut: x.walkedOut,
        called: x.waits.length,
      });
      if (!x.waits.length) {
        expect(s.waitP50Minutes).toBeNull();
        continue;
      }
      checkedWaits += x.waits.length;
      const sla = site.services.get(s.serviceId)!.sla.minutes * 60_000;
      expect(s.slaShare).toBeCloseTo(x.waits.filter((w) => w <= sla).length / x.waits.length, 3);
      expect(s.waitAvgMinutes!).toBeCloseTo(mean(x.waits)! / 60_000, 1);
      for (const p of [50, 90] as const) {
        const exact = percentile(x.waits, p)!;
        const b = bucketOf(exact);
        const width = BUCKET_UPPER_MINUTES[b]! - (b ? BUCKET_UPPER_MINUTES[b - 1]! : 0);
        const got = p === 50 ? s.waitP50Minutes! : s.waitP90Minutes!;
        expect(Math.abs(got - exact / 60_000), `${s.serviceId} p${p}`).toBeLessThanOrEqual(width + 0.05);
      }
      if (x.svc.length) expect(s.serviceAvgMinutes!).toBeCloseTo(mean(x.svc)! / 60_000, 1);
    }
    expect(checkedWaits).toBeGreaterThan(150);
    for (const h of report.hours) {
      expect(h.issued, `hour ${h.hour}`).toBe(issuedByHour.get(h.hour) ?? 0);
      expect(h.served, `hour ${h.hour}`).toBe(servedByHour.get(h.hour) ?? 0);
    }
    expect(report.hours.map((h) => h.hour)).toEqual(expect.arrayContaining([7, 8, 9, 10, 11]));
    for (const c of report.counters) expect(c.served, `counter ${c.counterId}`).toBe(servedByCounter.get(c.counterId) ?? 0);
    for (const u of report.staff) expect(u.served, u.username).toBe(servedByStaff.get(u.username) ?? 0);
    expect(report.staff.length).toBeGreaterThan(3);
    // Applying the same events again changes nothing (another node's late batch is refused).
    await core.redis.set(keys.reportSeq(siteId), String(report.seq));
    const again = await app.dailyReports.daily({ username: 'supervisor', role: 'supervisor', siteId, agencyIds: [], counterIds: [] }, { date: '2026-11-23' });
    expect(again.services).toEqual(report.services);
    core.close();
  });
});

describe('reports over HTTP', () => {
  it('answers JSON and CSV, staff see their own agencies, staffing gives needs and moves', async () => {
    const e = await startTestEngine({ jobs: false, redisUrl: redis().url });
    try {
      const site = `/api/v1/sites/${e.siteId}`;
      const sup = await login(e.url, 'supervisor');
      const clerk = await login(e.url, 'staff-9');
      await api(e.url, 'PATCH', `${site}/counters/9`, { token: sup, body: { status: 'open' } });
      for (const serviceId of ['paspor', 'paspor', 'ktp']) await api(e.url, 'POST', `${site}/tickets`, { token: KIOSK_TOKEN, body: { serviceId } });
      const call = await api(e.url, 'POST', `${site}/counters/9/call-next`, { token: clerk });
      expect(call.body.ticket.serviceId).toBe('paspor');
      // Nobody serves ktp: no number, a flag.
      const list = await api(e.url, 'GET', `${site}/tickets?state=waiting&serviceId=ktp`, { token: sup });
      const ktp = await api(e.url, 'GET', `/api/v1/public/tickets/${list.body.tickets[0].statusToken}`);
      expect(ktp.body.noCounterServing).toBe(true);
      expect(ktp.body).not.toHaveProperty('estimatedWaitMinutes');

      const r = await api(e.url, 'GET', `${site}/reports/daily`, { token: sup });
      expect(r.status).toBe(200);
      const paspor = r.body.services.find((s: { serviceId: string }) => s.serviceId === 'paspor');
      expect(paspor).toMatchObject({ issued: 2, served: 0, noShow: 0, cancelled: 0, slaShare: 1, serviceAvgMinutes: null });
      expect(Object.keys(paspor)).toEqual(expect.arrayContaining(['serviceId', 'issued', 'served', 'noShow', 'cancelled', 'waitP50Minutes', 'waitP90Minutes', 'serviceAvgMinutes', 'slaShare']));
      expect(r.body.hours.reduce((a: number, h: { issued: number }) => a + h.issued, 0)).toBe(3);
      expect(r.body.staff).toEqual([expect.objectContaining({ username: 'staff-9', called: 1 })]);

      const mine = await api(e.url, 'GET', `${site}/reports/daily`, { token: clerk });
      expect(mine.body.services.map((s: { serviceId: string }) => s.serviceId)).toEqual(['paspor']);
      expect(mine.body.counters.every((c: { agencyId: string }) => c.agencyId === 'imigrasi')).toBe(true);

      const csv = await fetch(`${e.url}${site}/reports/daily?date=${r.body.date}`, { headers: { authorization: `Bearer ${sup}`, accept: 'text/csv' } });
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      const lines = (await csv.text()).trim().split('\r\n');
      expect(lines[0]).toMatch(/^date,serviceId,agencyId,issued,served,noShow,cancelled/);
      expect(lines).toHaveLength(1 + 15);
      expect(lines.find((l) => l.includes(',paspor,'))).toMatch(new RegExp(`^${r.body.date},paspor,imigrasi,2,0,0,0,0,1,`));

      expect((await api(e.url, 'GET', `${site}/reports/daily?from=2026-01-01&to=2026-03-01`, { token: sup })).status).toBe(400);
      expect((await api(e.url, 'GET', `${site}/reports/daily?date=2026-13-45`, { token: sup })).status).toBe(400);

      const s = await api(e.url, 'GET', `${site}/staffing`, { token: sup });
      expect(s.status).toBe(200);
      const row = s.body.services.find((x: { serviceId: string }) => x.serviceId === 'ktp');
      expect(row).toMatchObject({ countersServing: 0, waiting: 1 });
      expect(Object.keys(row)).toEqual(expect.arrayContaining(['serviceId', 'arrivalsPerHour', 'serviceAvgMinutes', 'countersServing', 'countersNeeded', 'slaForecast']));
      const noCounter = s.body.warnings.find((w: { serviceId: string; kind: string }) => w.serviceId === 'ktp' && w.kind === 'no_counter');
      expect(noCounter).toMatchObject({ agencyId: 'dukcapil', waiting: 1, effectiveCounters: 0, sla: { minutes: expect.any(Number), share: expect.any(Number) } });
      expect(Object.keys(noCounter)).toEqual(expect.arrayContaining(['serviceId', 'kind', 'message', 'slaForecast']));
      // A closed dukcapil counter is suggested for ktp, and applying the move works with one PATCH.
      const move = s.body.moves.find((m: { toServices: string[][] }) => m.toServices[0]?.[0] === 'ktp');
      expect(move).toMatchObject({ kind: 'serve', serviceId: 'ktp', need: { waiting: 1 } });
      expect(Object.keys(move)).toEqual(expect.arrayContaining(['counterId', 'fromServices', 'toServices', 'reason']));
      const applied = await api(e.url, 'PATCH', `${site}/counters/${move.counterId}`, { token: sup, body: { services: move.toServices, ...(move.open ? { status: 'open' } : {}) } });
      expect(applied.status).toBe(200);
      const after = await api(e.url, 'GET', `/api/v1/public/tickets/${list.body.tickets[0].statusToken}`);
      expect(after.body.estimatedWaitMinutes).toBeGreaterThanOrEqual(0);
      // Counter 3 (ktp in the site file) given to kk, which nobody needs: the advisor sends it home.
      expect((await api(e.url, 'PATCH', `${site}/counters/3`, { token: sup, body: { status: 'open', services: [['kk']] } })).status).toBe(200);
      const home = (await api(e.url, 'GET', `${site}/staffing`, { token: sup })).body.moves.find((m: { counterId: string }) => m.counterId === '3');
      expect(home).toMatchObject({ fromServices: [['kk']], toServices: [['ktp']] });
      expect(home.reason).toMatch(/^Kembalikan ke profil semula \(ktp\)/);
      expect(home).toMatchObject({ kind: 'home', released: [{ serviceId: 'kk' }] });
    } finally {
      await e.server.close();
    }
  });
});
