import { describe, expect, it } from 'vitest';
import { businessDay, dayRange, hoursOn, isOpen, localTime } from '../../src/domain/clock.js';

const hours = { 'mon-fri': ['07:30', '16:00'], sat: ['08:00', '12:00'] } as Record<string, [string, string]>;

describe('site clock', () => {
  it('gives the business day in the site’s time zone, not UTC', () => {
    expect(businessDay(Date.parse('2026-11-23T16:59:00Z'), 'Asia/Jakarta')).toBe('2026-11-23');
    expect(businessDay(Date.parse('2026-11-23T17:00:00Z'), 'Asia/Jakarta')).toBe('2026-11-24');
    expect(businessDay(Date.parse('2026-11-23T16:30:00Z'), 'Asia/Makassar')).toBe('2026-11-24');
  });

  it('reads local weekday and minutes', () => {
    expect(localTime(Date.parse('2026-11-23T00:30:00Z'), 'Asia/Jakarta')).toEqual({ date: '2026-11-23', weekday: 'mon', minutes: 7 * 60 + 30 });
  });

  it('knows opening hours by day ranges', () => {
    expect(hoursOn(hours, 'wed')).toEqual([450, 960]);
    expect(hoursOn(hours, 'sat')).toEqual([480, 720]);
    expect(hoursOn(hours, 'sun')).toBeNull();
    expect(hoursOn({ 'fri-mon': ['08:00', '09:00'] }, 'sun')).toEqual([480, 540]);
  });

  it('is open from opening time until just before closing time', () => {
    const at = (utc: string) => isOpen(hours, Date.parse(utc), 'Asia/Jakarta');
    expect(at('2026-11-23T00:29:00Z')).toBe(false); // Mon 07:29
    expect(at('2026-11-23T00:30:00Z')).toBe(true); // Mon 07:30
    expect(at('2026-11-23T08:59:00Z')).toBe(true); // Mon 15:59
    expect(at('2026-11-23T09:00:00Z')).toBe(false); // Mon 16:00
    expect(at('2026-11-28T05:30:00Z')).toBe(false); // Sat 12:30
    expect(at('2026-11-29T03:00:00Z')).toBe(false); // Sun 10:00
  });

  it('gives the instants a local date covers: a Jakarta day starts at 17:00 UTC the day before', () => {
    expect(dayRange('2026-12-01', 'Asia/Jakarta')).toEqual([Date.parse('2026-11-30T17:00:00Z'), Date.parse('2026-12-01T17:00:00Z') - 1]);
    expect(dayRange('2026-12-01', 'Asia/Jayapura')).toEqual([Date.parse('2026-11-30T15:00:00Z'), Date.parse('2026-12-01T15:00:00Z') - 1]);
    expect(dayRange('2026-12-01', 'UTC')).toEqual([Date.parse('2026-12-01T00:00:00Z'), Date.parse('2026-12-02T00:00:00Z') - 1]);
    // Across a DST change the day is 23 or 25 hours long, and still starts at local midnight.
    const [a, b] = dayRange('2026-03-08', 'America/New_York');
    expect(new Date(a).toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(b + 1 - a).toBe(23 * 3600_000);
    // Every instant of the range is on that business day, and the ms around it are not.
    for (const tz of ['Asia/Jakarta', 'Asia/Makassar', 'Europe/London']) {
      const [from, to] = dayRange('2026-07-15', tz);
      expect([businessDay(from - 1, tz), businessDay(from, tz), businessDay(to, tz), businessDay(to + 1, tz)]).toEqual(['2026-07-14', '2026-07-15', '2026-07-15', '2026-07-16']);
    }
  });
});
