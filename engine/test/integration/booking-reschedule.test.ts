/**
 * Moving a booking to another slot by its code, against a real Redis: capacity stays exact when
 * moves race with new bookings for the last place, the old place returns after the cool-down
 * (also after moving in and out of one slot twice), the one-booking rule follows the booking
 * to another day, and bookings that may not move are refused with nothing changed; over HTTP the
 * contract's forms, zod at the edge and the booking writes' rate limit.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemCaller } from '../../src/app/caller.js';
import { loadConfig } from '../../src/config.js';
import type { LoketError } from '../../src/errors.js';
import type { BookingRequest } from '../../src/protocol/index.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { BookingStore } from '../../src/store/booking-store.js';
import { keys } from '../../src/store/keys.js';
import { codeOf, kiosk, MORNING, nik, TODAY, type Service } from '../support/booking.js';
import { FakeClock, testCore, type TestCore } from '../support/core.js';
import { api, testSite, type SampleSite } from '../support/harness.js';
import { redisForFile } from '../support/redis-server.js';

const redis = redisForFile({ beforeAll, afterAll });

const TOMORROW = '2026-11-24';
const ktpCapacity = (n: number) => (raw: SampleSite) => {
  for (const a of raw.agencies as { services: Service[] }[]) for (const s of a.services) if (s.id === 'ktp') s.booking = { capacityPerSlot: n };
};

const book = (core: TestCore, input: Omit<BookingRequest, 'date'> & { date?: string }) => core.app.book.run(core.siteId, { date: TODAY, ...input });
const move = (core: TestCore, code: string, slotStart: string, date = TODAY) => core.app.rescheduleBooking.run(code, { date, slotStart });
const available = async (core: TestCore, slot: string, date = TODAY) => (await core.app.listSlots.run(core.siteId, 'ktp', date)).find((s) => s.start === slot)!.available;

/** Every key of the site and its value, to show that a refused move changed nothing. */
async function snapshot(core: TestCore): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const k of (await core.redis.keys(`loket:{${core.siteId}}:*`)).sort()) {
    const type = await core.redis.type(k);
    out[k] = type === 'hash' ? await core.redis.hgetall(k) : type === 'zset' ? await core.redis.zrange(k, 0, -1, 'WITHSCORES') : type === 'string' ? await core.redis.get(k) : type;
  }
  return out;
}

describe('rescheduling a booking', () => {
  it('keeps slot capacity exact when 25 moves race with 25 new bookings for the last place', async () => {
    const clock = new FakeClock(MORNING);
    const core = await testCore(redis().url, { clock: clock.now, edit: ktpCapacity(3) });
    await book(core, { serviceId: 'ktp', slotStart: '10:00', nik: nik(1) });
    await book(core, { serviceId: 'ktp', slotStart: '10:00', nik: nik(2) });
    const movers: string[] = [];
    for (let i = 0; i < 25; i++) {
      const slot = ['11:00', '11:15', '11:30', '11:45', '12:00', '12:15', '12:30', '12:45', '13:00'][i % 9]!;
      movers.push((await book(core, { serviceId: 'ktp', slotStart: slot, nik: nik(100 + i) })).booking.code);
    }
    const race = await Promise.allSettled([
      ...movers.map((c) => move(core, c, '10:00')),
      ...Array.from({ length: 25 }, (_, i) => book(core, { serviceId: 'ktp', slotStart: '10:00', nik: nik(200 + i) })),
    ]);
    const ok = race.filter((r) => r.status === 'fulfilled');
    const refused = race.flatMap((r) => (r.status === 'rejected' ? [(r.reason as LoketError).code] : []));
    expect(ok).toHaveLength(1);
    expect(new Set(refused)).toEqual(new Set(['SLOT_FULL']));

    const day = (await core.app.listBookings.run(systemCaller(core.siteId), { date: TODAY })).bookings;
    expect(day.filter((b) => b.slotStart === '10:00' && b.state === 'booked')).toHaveLength(3);
    expect(await available(core, '10:00')).toBe(0);
    expect(Number(await core.redis.hget(keys.stats(core.siteId, TODAY, 'ktp'), 'reserved'))).toBe(day.filter((b) => b.state === 'booked').length);
    // After the cool-down every slot's places left match the bookings in it, exactly.
    clock.advance(30);
    for (const s of await core.app.listSlots.run(core.siteId, 'ktp', TODAY)) {
      if (s.available === 0 && s.start < '10:30') continue; // ended by now
      expect(s.available, s.start).toBe(3 - day.filter((b) => b.slotStart === s.start && b.state === 'booked').length);
    }
    core.close();
  });

  it('moves within the day and to another day; the old place returns only after the cool-down', async () => {
    const clock = new FakeClock(MORNING);
    const core = await testCore(redis().url, { clock: clock.now, edit: ktpCapacity(1) });
    const a = (await book(core, { serviceId: 'ktp', slotStart: '10:00', nik: nik(1) })).booking;
    const moved = await move(core, a.code.toLowerCase(), '11:00');
    expect(moved).toMatchObject({ code: a.code, state: 'booked', date: TODAY, slotStart: '11:00', slotEnd: '11:15', checkInFrom: '2026-11-23T03:45:00.000Z', checkInUntil: '2026-11-23T04:15:00.000Z' });
    expect(await core.app.getBooking.run(a.code)).toEqual(moved);
    // The same slot again changes nothing (a double tap).
    expect(await move(core, a.code, '11:00')).toEqual(moved);
    // 10:00 stays off the market for the cool-down (30 min), then returns once.
    expect(await available(core, '10:00')).toBe(0);
    expect(await codeOf(book(core, { serviceId: 'ktp', slotStart: '10:00', nik: nik(2) }))).toBe('SLOT_FULL');
    clock.advance(29);
    expect(await available(core, '10:00')).toBe(0);
    clock.advance(1);
    expect(await available(core, '10:00')).toBe(1);
    expect(await available(core, '11:00')).toBe(0);

    // Another day: the person's one-booking mark, the quota place and the check-in window move along.
    const tomorrow = await move(core, a.code, '09:00', TOMORROW);
    expect(tomorrow).toMatchObject({ code: a.code, date: TOMORROW, slotStart: '09:00', checkInFrom: '2026-11-24T01:45:00.000Z' });
    expect(Number(await core.redis.hget(keys.stats(core.siteId, TODAY, 'ktp'), 'reserved'))).toBe(0);
    expect(Number(await core.redis.hget(keys.stats(core.siteId, TOMORROW, 'ktp'), 'reserved'))).toBe(1);
    expect((await core.app.listBookings.run(systemCaller(core.siteId), { date: TOMORROW })).bookings.map((x) => x.code)).toEqual([a.code]);
    expect((await core.app.listBookings.run(systemCaller(core.siteId), { date: TODAY })).bookings.map((x) => x.code)).not.toContain(a.code);
    expect(await codeOf(book(core, { serviceId: 'ktp', slotStart: '09:15', nik: nik(1), date: TOMORROW }))).toBe('BOOKING_LIMIT');
    expect(await codeOf(book(core, { serviceId: 'ktp', slotStart: '14:00', nik: nik(1) }))).toBe('OK');
    // The no-show sweep follows the new window: not at today's, at tomorrow's end.
    clock.advance(24 * 60); // tomorrow 08:31
    expect(await core.app.sweeps.bookingNoShows()).toBe(1); // today's 14:00 booking
    expect((await core.app.getBooking.run(a.code)).state).toBe('booked');
    clock.advance(45); // tomorrow 09:16: its window ended
    expect(await core.app.sweeps.bookingNoShows()).toBe(1);
    expect((await core.app.getBooking.run(a.code)).state).toBe('no_show');
    core.close();
  });

  it('returns each place left, also when a booking leaves one slot twice within the cool-down', async () => {
    const clock = new FakeClock(MORNING);
    const core = await testCore(redis().url, { clock: clock.now, edit: ktpCapacity(2) });
    const b = (await book(core, { serviceId: 'ktp', slotStart: '12:00', nik: nik(3) })).booking;
    await move(core, b.code, '12:30');
    await move(core, b.code, '12:00');
    await move(core, b.code, '13:00');
    expect(await available(core, '12:00')).toBe(0);
    expect(await available(core, '12:30')).toBe(1);
    clock.advance(30);
    expect(await available(core, '12:00')).toBe(2);
    expect(await available(core, '12:30')).toBe(2);
    expect(await available(core, '13:00')).toBe(1);
    core.close();
  });

  it('a cancel or check-in that read the booking before it moved is refused by the script (CONFLICT) and redone by the use case', async () => {
    const clock = new FakeClock(MORNING);
    const core = await testCore(redis().url, { clock: clock.now, edit: ktpCapacity(2) });
    const code = (await book(core, { serviceId: 'ktp', slotStart: '10:00', nik: nik(1) })).booking.code;
    const stale = (await new BookingStore(core.redis).find(core.siteId, code))!;
    await move(core, code, '10:00', TOMORROW);
    const before = await snapshot(core);
    const store = new BookingStore(core.redis);
    expect(await codeOf(store.cancel(core.siteId, clock.now(), stale, clock.now()))).toBe('CONFLICT');
    const ctx = { site: { id: core.siteId }, now: clock.now(), day: TODAY } as Parameters<BookingStore['checkIn']>[0];
    const ci = { booking: stale, id: 'x', token: 't', agency: 'dukcapil', letter: 'A', apptRank: 1, quota: 0 };
    expect(await codeOf(store.checkIn(ctx, ci))).toBe('CONFLICT');
    expect(await snapshot(core)).toEqual(before);

    // Moves racing with cancels: whichever wins, each day's held places match its bookings.
    const codes: string[] = [];
    for (let i = 0; i < 10; i++) codes.push((await book(core, { serviceId: 'ktp', slotStart: `1${1 + (i % 5)}:00`, nik: nik(10 + i) })).booking.code);
    await Promise.allSettled(codes.flatMap((c, i) => [move(core, c, `1${1 + (i % 5)}:15`, TOMORROW), core.app.cancelBooking.run(c)]));
    for (const date of [TODAY, TOMORROW]) {
      const booked = (await core.app.listBookings.run(systemCaller(core.siteId), { date })).bookings.filter((b) => b.state === 'booked');
      expect(Number((await core.redis.hget(keys.stats(core.siteId, date, 'ktp'), 'reserved')) ?? 0), date).toBe(booked.length);
    }
    clock.advance(30);
    for (const date of [TODAY, TOMORROW]) {
      const booked = (await core.app.listBookings.run(systemCaller(core.siteId), { date })).bookings.filter((b) => b.state === 'booked');
      for (const s of await core.app.listSlots.run(core.siteId, 'ktp', date)) {
        if (s.start < '10:00' || s.start > '16:00') continue;
        expect(s.available, `${date} ${s.start}`).toBe(2 - booked.filter((b) => b.slotStart === s.start).length);
      }
    }
    core.close();
  });

  it('refuses a move onto a day where the person has a booking, a full slot, a slot past or outside the horizon, with nothing changed', async () => {
    const clock = new FakeClock(MORNING);
    const core = await testCore(redis().url, { clock: clock.now, edit: ktpCapacity(1) });
    const a = (await book(core, { serviceId: 'ktp', slotStart: '10:00', nik: nik(1) })).booking;
    await book(core, { serviceId: 'ktp', slotStart: '10:00', nik: nik(1), date: TOMORROW });
    await book(core, { serviceId: 'ktp', slotStart: '11:00', nik: nik(2) });
    const before = await snapshot(core);
    expect(await codeOf(move(core, a.code, '09:00', TOMORROW))).toBe('BOOKING_LIMIT');
    expect(await codeOf(move(core, a.code, '11:00'))).toBe('SLOT_FULL');
    expect(await codeOf(move(core, a.code, '07:45'))).toBe('SLOT_FULL'); // ended
    expect(await codeOf(move(core, a.code, '10:07'))).toBe('VALIDATION_FAILED');
    expect(await codeOf(move(core, a.code, '10:00', '2026-12-31'))).toBe('VALIDATION_FAILED');
    expect(await codeOf(move(core, a.code, '10:00', '2026-11-22'))).toBe('VALIDATION_FAILED');
    expect(await codeOf(move(core, 'ZZZZZZZZZZ', '12:00'))).toBe('NOT_FOUND');
    expect(await snapshot(core)).toEqual(before);
    core.close();
  });

  it('refuses to move a booking checked in, late, cancelled, no-show or past its window (409 BOOKING_NOT_CHANGEABLE), nothing changed', async () => {
    const clock = new FakeClock(MORNING);
    const core = await testCore(redis().url, { clock: clock.now });
    const b = async (slot: string, n: number) => (await book(core, { serviceId: 'ktp', slotStart: slot, nik: nik(n) })).booking.code;
    const checkedIn = await b('08:15', 1);
    const cancelled = await b('09:00', 2);
    const noShow = await b('08:30', 3);
    const late = await b('08:30', 4);
    const pastWindow = await b('08:45', 5);
    await core.app.checkIn.run(kiosk(core.siteId), checkedIn);
    await core.app.cancelBooking.run(cancelled);
    clock.advance(45); // 08:45: the 08:30 window has ended
    await core.app.sweeps.bookingNoShows();
    await core.app.checkIn.run(kiosk(core.siteId), late);
    clock.advance(15); // 09:00: the 08:45 window has ended; the sweep has not run yet
    expect((await core.app.getBooking.run(pastWindow)).state).toBe('booked');
    const states = await Promise.all([checkedIn, cancelled, noShow, late].map(async (c) => (await core.app.getBooking.run(c)).state));
    expect(states).toEqual(['checked_in', 'cancelled', 'no_show', 'late']);
    const before = await snapshot(core);
    for (const code of [checkedIn, cancelled, noShow, late, pastWindow]) {
      expect(await codeOf(move(core, code, '14:00')), code).toBe('BOOKING_NOT_CHANGEABLE');
    }
    expect(await snapshot(core)).toEqual(before);
    core.close();
  });
});

describe('rescheduling over HTTP', () => {
  let server: RunningServer;
  let siteId: string;
  const clock = new FakeClock(MORNING);

  beforeAll(async () => {
    const site = testSite();
    siteId = site.id;
    server = await startServer({
      config: loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', LOKET_IGNORE_HOURS: '1', LOKET_NO_JOBS: '1', NODE_ENV: 'test', LOKET_BOOKING_PER_MINUTE: '6' }),
      redisUrl: redis().url,
      sites: new Map([[site.id, site]]),
      log: pino({ level: 'silent' }),
      clock: clock.now,
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers 200 {booking} with the same code, 400 for a bad body, 409 BOOKING_NOT_CHANGEABLE, and counts in the booking rate limit', async () => {
    const url = server.url;
    const made = await api(url, 'POST', `/api/v1/public/sites/${siteId}/bookings`, { body: { serviceId: 'ktp', date: TODAY, slotStart: '08:15', nik: nik(1) } });
    expect(made.status).toBe(201);
    const code: string = made.body.booking.code;
    const path = `/api/v1/public/bookings/${code}/reschedule`;
    const moved = await api(url, 'POST', path, { body: { date: TOMORROW, slotStart: '10:00' } });
    expect(moved.status).toBe(200);
    expect(Object.keys(moved.body)).toEqual(['booking']);
    expect(moved.body.booking).toMatchObject({ code, siteId, serviceId: 'ktp', date: TOMORROW, slotStart: '10:00', slotEnd: '10:15', state: 'booked' });
    const bad = await api(url, 'POST', path, { body: { date: TOMORROW, slotStart: '10:00', serviceId: 'kk' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect((await api(url, 'POST', path, { body: { date: '24-11-2026', slotStart: '10:00' } })).status).toBe(400);
    await api(url, 'POST', `/api/v1/public/bookings/${code}/cancel`);
    const refused = await api(url, 'POST', path, { body: { date: TODAY, slotStart: '12:00' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('BOOKING_NOT_CHANGEABLE');
    // Six writes per minute per address, shared with booking and cancelling: this is the seventh.
    const limited = await api(url, 'POST', path, { body: { date: TODAY, slotStart: '12:00' } });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect((await api(url, 'GET', `/api/v1/public/bookings/${code}`)).body.booking).toMatchObject({ state: 'cancelled', date: TOMORROW, slotStart: '10:00' });
  });
});
