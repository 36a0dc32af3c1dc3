import { describe, expect, it } from 'vitest';
import { businessDay, hoursOn, isOpen, localTime } from '../../src/domain/clock.js';

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
});
