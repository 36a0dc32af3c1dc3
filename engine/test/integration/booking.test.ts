/**
 * Online booking and check-in against a real Redis, through the use cases: capacity under a
 * race, the one-booking rule, the check-in window, no-shows, the quota shared with walk-ins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemCaller, type Caller } from '../../src/app/caller.js';
import type { LoketError } from '../../src/errors.js';
import type { BookingRequest } from '../../src/protocol/index.js';
import { keys } from '../../src/store/keys.js';
import { codeOf, kiosk, MORNING, nik, TODAY, type Service } from '../support/booking.js';
import { FakeClock, testCore, type TestCore } from '../support/core.js';
import type { SampleSite } from '../support/harness.js';
import { redisForFile } from '../support/redis-server.js';

const redis = redisForFile({ beforeAll, afterAll });

/** Edits the services of the sample site. */
function services(raw: SampleSite, edit: (s: Service) => void): void {
  for (const a of raw.agencies as { services: Service[] }[]) for (const s of a.services) edit(s);
}

function book(core: TestCore, input: Omit<BookingRequest, 'date'> & { date?: string }, key?: string) {
  return core.app.book.run(core.siteId, { date: TODAY, ...input }, key);
}

describe('booking', () => {
  it('books exactly the capacity of a slot when 200 people race for it', async () => {
    const clock = new FakeClock(MORNING);
    const core = await testCore(redis().url, {
      clock: clock.now,
      edit: (raw) => services(raw, (s) => s.id === 'ktp' && (s.booking = { capacityPerSlot: 7 })),
    });
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) => book(core, { serviceId: 'ktp', slotStart: '10:00', nik: nik(i) })),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const codes = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as LoketError).code] : []));
    expect(ok).toHaveLength(7);
    expect(codes).toHaveLength(193);
    expect(new Set(codes)).toEqual(new Set(['SLOT_FULL']));
    expect(new Set(ok.map((r) => (r as PromiseFulfilledResult<{ booking: { code: string } }>).value.booking.code)).size).toBe(7);
    const slot = async () => (await core.app.listSlots.run(core.siteId, 'ktp', TODAY)).find((s) => s.start === '10:00')!;
    expect(await slot()).toEqual({ start: '10:00', end: '10:15', capacity: 7, available: 0 });
    expect(Number(await core.redis.hget(keys.stats(core.siteId, TODAY, 'ktp'), 'reserved'))).toBe(7);

    // A cancelled place stays off the market for the cool-down (30 min by default), then returns once.
    const first = (ok[0] as PromiseFulfilledResult<{ booking: { code: string } }>).value.booking.code;
    expect((await core.app.cancelBooking.run(first)).state).toBe('cancelled');
    expect(await codeOf(book(core, { serviceId: 'ktp', slotStart: '10:00', nik: nik(500) }))).toBe('SLOT_FULL');
    expect((await slot()).available).toBe(0);
    clock.advance(30);
    expect((await slot()).available).toBe(1);
    const again = await Promise.allSettled([501, 502, 503].map((n) => book(core, { serviceId: 'ktp', slotStart: '10:00', nik: nik(n) })));
    expect(again.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await slot()).available).toBe(0);
    core.close();
  });

  it('keeps one active booking per person, service and day, by NIK and by phone', async () => {
    const clock = new FakeClock(MORNING);
    const core = await testCore(redis().url, { clock: clock.now });
    const a = await book(core, { serviceId: 'ktp', slotStart: '10:00', nik: '3171 0000 0000 0001' });
    expect(a.booking.state).toBe('booked');
    expect(await codeOf(book(core, { serviceId: 'ktp', slotStart: '11:00', nik: '3171000000000001' }))).toBe('BOOKING_LIMIT');
    // The same NIK given with a phone is still the same person.
    expect(await codeOf(book(core, { serviceId: 'ktp', slotStart: '11:00', nik: '3171000000000001', phone: '081299990000' }))).toBe('BOOKING_LIMIT');
    // Another service, or another day: allowed.
    expect(await codeOf(book(core, { serviceId: 'kk', slotStart: '10:00', nik: '3171000000000001' }))).toBe('OK');
    expect(await codeOf(book(core, { serviceId: 'ktp', slotStart: '10:00', nik: '3171000000000001', date: '2026-11-24' }))).toBe('OK');

    await book(core, { serviceId: 'ktp', slotStart: '10:15', phone: '0812-3456-7890' });
    expect(await codeOf(book(core, { serviceId: 'ktp', slotStart: '12:00', phone: '+62 812 3456 7890' }))).toBe('BOOKING_LIMIT');
    expect(await codeOf(book(core, { serviceId: 'ktp', slotStart: '12:00', phone: '6281234567890', nik: '3171000000000009' }))).toBe('BOOKING_LIMIT');

    // A cancel frees the person at once.
    await core.app.cancelBooking.run(a.booking.code);
    expect(await codeOf(book(core, { serviceId: 'ktp', slotStart: '11:00', nik: '3171000000000001' }))).toBe('OK');
    // A second cancel of the same booking is refused.
    expect(await codeOf(core.app.cancelBooking.run(a.booking.code))).toBe('INVALID_TRANSITION');

    // The identities of a day go at the end of that day.
    const ttl = await core.redis.pttl(keys.bookingIdentities(core.siteId, TODAY, 'ktp'));
    const dayEnd = Date.parse('2026-11-23T17:00:00Z');
    expect(Math.abs(clock.now() + ttl - dayEnd)).toBeLessThan(2000);
    core.close();
  });

  it('asks the identity the site asks for, and refuses malformed ones', async () => {
    const core = await testCore(redis().url, { clock: new FakeClock(MORNING).now, edit: (raw) => void (raw.booking = { identity: 'nik' }) });
    expect(await codeOf(book(core, { serviceId: 'ktp', slotStart: '10:00', phone: '081234567890' }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(book(core, { serviceId: 'ktp', slotStart: '10:00', nik: '12345' }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(book(core, { serviceId: 'ktp', slotStart: '10:07', nik: nik(1) }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(book(core, { serviceId: 'ktp', slotStart: '10:00', nik: nik(1), date: '2026-12-31' }))).toBe('VALIDATION_FAILED');
    // A slot that has ended is full.
    expect(await codeOf(book(core, { serviceId: 'ktp', slotStart: '07:45', nik: nik(1) }))).toBe('SLOT_FULL');
    core.close();
  });

  it('replays an Idempotency-Key with the same booking, and refuses it with another body', async () => {
    const core = await testCore(redis().url, { clock: new FakeClock(MORNING).now });
    const a = await book(core, { serviceId: 'ktp', slotStart: '10:00', nik: nik(7) }, 'key-1');
    const b = await book(core, { serviceId: 'ktp', slotStart: '10:00', nik: nik(7) }, 'key-1');
    expect(a.replay).toBe(false);
    expect(b.replay).toBe(true);
    expect(b.booking).toEqual(a.booking);
    expect(await codeOf(book(core, { serviceId: 'ktp', slotStart: '10:15', nik: nik(7) }, 'key-1'))).toBe('IDEMPOTENCY_KEY_REUSED');
    core.close();
  });

  it('checks in before (409), inside (appointment ticket ranked at slot - boost) and after (regular, late) the window', async () => {
    const clock = new FakeClock(MORNING);
    const core = await testCore(redis().url, { clock: clock.now });
    const k = kiosk(core.siteId);
    const onTime = await book(core, { serviceId: 'ktp', slotStart: '10:00', nik: nik(1) });
    const late = await book(core, { serviceId: 'ktp', slotStart: '10:00', nik: nik(2) });
    expect(onTime.booking.checkInFrom).toBe('2026-11-23T02:45:00.000Z');
    expect(onTime.booking.checkInUntil).toBe('2026-11-23T03:15:00.000Z');

    clock.advance(104); // 09:44, one minute before the window
    expect(await codeOf(core.app.checkIn.run(k, onTime.booking.code))).toBe('CHECK_IN_TOO_EARLY');
    const walkIn = await core.ops.issue(core.siteId, { serviceId: 'ktp' });

    clock.advance(6); // 09:50
    const ci = await core.app.checkIn.run(k, onTime.booking.code.toLowerCase());
    expect(ci.booking.state).toBe('checked_in');
    expect(ci.ticket.priority).toBe('appointment');
    expect(ci.ticket.channel).toBe('online');
    expect(ci.booking.ticketId).toBe(ci.ticket.id);
    const rank = Number(await core.redis.hget(keys.ticket(core.siteId, ci.ticket.id), 'rank'));
    expect(rank).toBe(Date.parse('2026-11-23T03:00:00Z') - 45 * 60_000);
    // Ranked before the walk-in who came at 09:44 (rank 09:44 > 09:15).
    expect(ci.ticket.position).toBe(0);
    // A second tap answers with the same ticket.
    const again = await core.app.checkIn.run(k, onTime.booking.code);
    expect(again.replay).toBe(true);
    expect(again.ticket.id).toBe(ci.ticket.id);

    clock.advance(25); // 10:15: the window has closed
    const lt = await core.app.checkIn.run(k, late.booking.code);
    expect(lt.booking.state).toBe('late');
    expect(lt.ticket.priority).toBe('regular');
    expect(Number(await core.redis.hget(keys.ticket(core.siteId, lt.ticket.id), 'rank'))).toBe(clock.now());
    await core.open('3');
    expect((await core.ops.callNext(core.siteId, '3'))?.id).toBe(ci.ticket.id);
    expect((await core.app.listTickets.tickets(systemCaller(core.siteId), { state: 'waiting' })).map((t) => t.id)).toEqual([walkIn.ticket.id, lt.ticket.id]);

    // A cancelled booking cannot be checked in; an unknown code is 404.
    const c = await book(core, { serviceId: 'ktp', slotStart: '11:00', nik: nik(3) });
    await core.app.cancelBooking.run(c.booking.code);
    expect(await codeOf(core.app.checkIn.run(k, c.booking.code))).toBe('INVALID_TRANSITION');
    expect(await codeOf(core.app.checkIn.run(k, '0000000000'))).toBe('NOT_FOUND');
    core.close();
  });

  it('marks bookings not checked in by the window end no_show, counts them, and lets them in late', async () => {
    const clock = new FakeClock(MORNING);
    const core = await testCore(redis().url, { clock: clock.now });
    const a = await book(core, { serviceId: 'ktp', slotStart: '08:30', nik: nik(1) });
    const b = await book(core, { serviceId: 'ktp', slotStart: '08:30', nik: nik(2) });
    await book(core, { serviceId: 'ktp', slotStart: '09:30', nik: nik(3) });
    clock.advance(20); // 08:20
    await core.app.checkIn.run(kiosk(core.siteId), b.booking.code);
    expect(await core.app.sweeps.bookingNoShows()).toBe(0);
    clock.advance(25); // 08:45: the 08:30 window ended
    expect(await core.app.sweeps.bookingNoShows()).toBe(1);
    expect(await core.app.sweeps.bookingNoShows()).toBe(0);
    const list = await core.app.listBookings.run(systemCaller(core.siteId), {});
    expect(list.counts).toEqual({ booked: 1, checked_in: 1, late: 0, cancelled: 0, no_show: 1 });
    expect(list.bookings.map((x) => x.slotStart)).toEqual(['08:30', '08:30', '09:30']);
    expect((await core.app.getBooking.run(a.booking.code)).state).toBe('no_show');
    expect(await core.redis.hget(keys.stats(core.siteId, TODAY, 'ktp'), 'bookingNoShow')).toBe('1');
    const lt = await core.app.checkIn.run(kiosk(core.siteId), a.booking.code);
    expect(lt.booking.state).toBe('late');
    expect(lt.ticket.priority).toBe('regular');
    // Staff see their own agencies' bookings only.
    const other: Caller = { username: 'x', role: 'staff', siteId: core.siteId, agencyIds: ['imigrasi'], counterIds: [] };
    expect((await core.app.listBookings.run(other, {})).bookings).toEqual([]);
    core.close();
  });

  it("counts bookings and walk-ins in the service's daily quota", async () => {
    const clock = new FakeClock(MORNING);
    const core = await testCore(redis().url, { clock: clock.now, edit: (raw) => services(raw, (s) => s.id === 'ktp' && (s.quotaPerDay = 3)) });
    const a = await book(core, { serviceId: 'ktp', slotStart: '08:15', nik: nik(1) });
    await book(core, { serviceId: 'ktp', slotStart: '10:00', nik: nik(2) });
    await core.ops.issue(core.siteId, { serviceId: 'ktp' });
    expect(await codeOf(core.ops.issue(core.siteId, { serviceId: 'ktp' }))).toBe('QUOTA_EXHAUSTED');
    expect(await codeOf(book(core, { serviceId: 'ktp', slotStart: '10:00', nik: nik(3) }))).toBe('QUOTA_EXHAUSTED');
    // An on-time check-in holds its own place.
    expect((await core.app.checkIn.run(kiosk(core.siteId), a.booking.code)).ticket.priority).toBe('appointment');
    expect(await core.redis.hmget(keys.stats(core.siteId, TODAY, 'ktp'), 'issued', 'reserved')).toEqual(['2', '1']);
    core.close();
  });
});

describe('a simulated morning', () => {
  /**
   * One counter serves ktp (7 min a ticket) from 08:00 to 11:00; a walk-in arrives every 8 min.
   * With bookings for 09:00, 09:15, 09:30 and 10:00 checked in 10 minutes early, each
   * appointment is called before its slot ends, and no walk-in waits more than the appointment
   * boost (45 min) longer than in the same morning without bookings.
   */
  async function morning(withBookings: boolean) {
    const clock = new FakeClock(MORNING);
    const core = await testCore(redis().url, { clock: clock.now });
    const slots = ['09:00', '09:15', '09:30', '10:00'];
    const booked = withBookings ? await Promise.all(slots.map((s, i) => book(core, { serviceId: 'ktp', slotStart: s, nik: nik(i) }))) : [];
    const checkInAt = new Map(booked.map((b) => [Number(b.booking.slotStart.slice(0, 2)) * 60 + Number(b.booking.slotStart.slice(3)) - 8 * 60 - 10, b.booking.code]));
    await core.open('3');
    const arrived = new Map<string, number>();
    const called = new Map<string, number>();
    const appointments = new Map<string, string>();
    let busyUntil = -1;
    let current: string | null = null;
    for (let m = 0; m <= 180; m++) {
      if (m % 8 === 0 && m < 150) {
        const t = await core.ops.issue(core.siteId, { serviceId: 'ktp' });
        arrived.set(t.ticket.id, m);
      }
      const code = checkInAt.get(m);
      if (code) {
        const ci = await core.app.checkIn.run(kiosk(core.siteId), code);
        appointments.set(ci.ticket.id, ci.booking.slotEnd);
      }
      if (current && m >= busyUntil) {
        await core.ops.finish(core.siteId, current);
        current = null;
      }
      if (!current) {
        const next = await core.ops.callNext(core.siteId, '3');
        if (next) {
          await core.ops.start(core.siteId, next.id);
          called.set(next.id, m);
          current = next.id;
          busyUntil = m + 7;
        }
      }
      clock.advance(1);
    }
    core.close();
    return { arrived, called, appointments };
  }

  it('calls an on-time appointment within its slot, and walk-ins wait at most the boost longer', async () => {
    const plain = await morning(false);
    const mixed = await morning(true);
    expect(mixed.appointments.size).toBe(4);
    for (const [id, slotEnd] of mixed.appointments) {
      const endMinute = Number(slotEnd.slice(0, 2)) * 60 + Number(slotEnd.slice(3)) - 8 * 60;
      expect(mixed.called.get(id), `appointment ending ${slotEnd}`).toBeLessThan(endMinute);
    }
    // Walk-ins arrive in the same order in both mornings: compare the n-th walk-in's wait.
    const waits = (r: Awaited<ReturnType<typeof morning>>) => [...r.arrived].map(([id, at]) => (r.called.get(id) ?? 181) - at);
    const a = waits(plain);
    const b = waits(mixed);
    expect(b).toHaveLength(a.length);
    const extra = b.map((w, i) => w - a[i]!);
    expect(Math.max(...extra)).toBeGreaterThan(0); // appointments did cost walk-ins something...
    expect(Math.max(...extra)).toBeLessThanOrEqual(45); // ...but never more than the boost.
  });
});
