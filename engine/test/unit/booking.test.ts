import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  appointmentRank,
  bookableDate,
  checkInTiming,
  checkInWindow,
  codeFromBytes,
  normalizeCode,
  normalizeNik,
  normalizePhone,
  serviceBooking,
  servingCounters,
  slotsOn,
} from '../../src/domain/booking.js';
import { testSite } from '../support/harness.js';

describe('booking rules', () => {
  const site = testSite((raw) => {
    raw.booking = { breaks: [['12:00', '13:00']], holidays: ['2026-12-25'] };
  });
  const ktp = site.services.get('ktp')!;

  it('cuts the opening hours into slots, skipping breaks, holidays and closed days', () => {
    const mon = slotsOn(site, ktp, '2026-11-23', false);
    expect(mon[0]!.start).toBe('07:30');
    expect(mon.at(-1)!.end).toBe('16:00');
    expect(mon.some((s) => s.start >= '12:00' && s.start < '13:00')).toBe(false);
    expect(mon).toHaveLength((8.5 * 60) / 15 - 4);
    expect(mon[0]!.startMs).toBe(Date.parse('2026-11-23T00:30:00Z'));
    expect(slotsOn(site, ktp, '2026-11-29', false)).toEqual([]); // Sunday: closed
    expect(slotsOn(site, ktp, '2026-12-25', false)).toEqual([]); // holiday
    expect(slotsOn(site, ktp, '2026-11-29', true)).toHaveLength(96 - 4); // hours ignored: the whole day, breaks kept
  });

  it('gives each slot the booked share of what the counters serve, fractions carried so the day is exact', () => {
    // ktp: counters 1, 2, 3 (first tier alone) and 8 (one of four) -> 3.25 counters.
    expect(servingCounters(site, 'ktp')).toBeCloseTo(3.25);
    const perSlot = (3.25 * 15 * 0.5) / 7;
    const slots = slotsOn(site, ktp, '2026-11-23', true).slice(0, 40);
    const total = slots.reduce((n, s) => n + s.capacity, 0);
    expect(total).toBe(Math.floor(perSlot * 40 + 1e-9));
    for (const s of slots) expect([Math.floor(perSlot), Math.ceil(perSlot)]).toContain(s.capacity);
    const fixed = testSite((raw) => {
      for (const a of raw.agencies as { services: { id: string; booking?: unknown }[] }[]) for (const s of a.services) if (s.id === 'ktp') s.booking = { capacityPerSlot: 4, slotMinutes: 30 };
    });
    const f = slotsOn(fixed, fixed.services.get('ktp')!, '2026-11-23', false);
    expect(f.every((s) => s.capacity === 4 && s.endMs - s.startMs === 30 * 60_000)).toBe(true);
  });

  it('opens check-in 15 minutes before the slot and closes it 15 minutes after its start by default', () => {
    const start = Date.parse('2026-11-23T03:00:00Z');
    const w = checkInWindow(start, serviceBooking(ktp));
    expect(w).toEqual({ from: start - 15 * 60_000, until: start + 15 * 60_000 });
    expect(checkInTiming(w.from - 1, w)).toBe('early');
    expect(checkInTiming(w.from, w)).toBe('on_time');
    expect(checkInTiming(w.until - 1, w)).toBe('on_time');
    expect(checkInTiming(w.until, w)).toBe('late');
    expect(appointmentRank(start, 45)).toBe(start - 45 * 60_000);
  });

  it('opens booking from today up to the days ahead', () => {
    expect(bookableDate('2026-11-23', '2026-11-23', 14)).toBe(true);
    expect(bookableDate('2026-11-23', '2026-12-07', 14)).toBe(true);
    expect(bookableDate('2026-11-23', '2026-12-08', 14)).toBe(false);
    expect(bookableDate('2026-11-23', '2026-11-22', 14)).toBe(false);
  });

  it('makes codes of 10 unambiguous characters (50 bits) that survive how people type them', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 10, maxLength: 10 }), (bytes) => {
        const code = codeFromBytes(bytes);
        expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
        expect(normalizeCode(code)).toBe(code);
        expect(normalizeCode(`${code.slice(0, 5).toLowerCase()}-${code.slice(5)}`)).toBe(code);
      }),
    );
    expect(normalizeCode('abcde-fgh1o')).toBe('ABCDEFGH10');
    expect(normalizeCode('ABCDEFGHIU')).toBeNull();
    expect(normalizeCode('SHORT')).toBeNull();
  });

  it('normalises a NIK and an Indonesian mobile number', () => {
    expect(normalizeNik('3171 0123 4567 8901')).toBe('3171012345678901');
    expect(normalizeNik('317101234567890')).toBeNull();
    for (const p of ['0812-3456-7890', '+62 812 3456 7890', '6281234567890', '(0812) 3456 7890']) expect(normalizePhone(p)).toBe('6281234567890');
    expect(normalizePhone('12345')).toBeNull();
    expect(normalizePhone('+1 415 555 0100')).toBeNull();
  });
});
