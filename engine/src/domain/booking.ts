/**
 * Booking rules, pure: the slots of a service on a day, their capacity, the check-in window,
 * the rank of a checked-in appointment, booking codes and identity normalisation. No I/O;
 * the use cases in app/ bring the time and the store enforces capacity atomically.
 */
import { breaksOn, dayRange, hoursOn, localTime } from './clock.js';
import type { ServiceDef, Site } from './site.js';

/** Defaults of a service's booking settings (site file `services[].booking`). */
export const BOOKING_DEFAULTS = {
  enabled: true,
  /** Length of a slot. ZMS uses 10; 15 suits MPP service times of 7-20 minutes. */
  slotMinutes: 15,
  /** Share of each slot's serving capacity kept for walk-ins. */
  walkInShare: 0.5,
  /** How many days ahead booking opens (today included as day 0). */
  daysAhead: 14,
  /** Check-in opens this long before the slot start... */
  checkInBeforeMinutes: 15,
  /** ...and closes this long after it (later: a regular ticket, booking `late`). */
  checkInAfterMinutes: 15,
} as const;

/** Defaults of the site's booking settings (site file `booking`). */
export const SITE_BOOKING_DEFAULTS = {
  /** Which identity a citizen gives: `nik`, `phone`, or `either` (one or both). */
  identity: 'either',
  /** A cancelled place returns to the market this long after the cancel (against slot trading). */
  cancelCooldownMinutes: 30,
} as const;

export type IdentityKind = 'nik' | 'phone' | 'either';

export interface ServiceBooking {
  enabled: boolean;
  slotMinutes: number;
  walkInShare: number;
  daysAhead: number;
  checkInBeforeMinutes: number;
  checkInAfterMinutes: number;
  /** Places per slot set by the agency (overrides the counters' estimate), or undefined. */
  capacityPerSlot?: number | undefined;
}

export interface SiteBooking {
  identity: IdentityKind;
  cancelCooldownMinutes: number;
  /** Dates (YYYY-MM-DD) with no slots. */
  holidays: string[];
  /** Daily breaks `[from, to]` (HH:MM) during which no slot starts or runs. */
  breaks: [string, string][];
}

export function serviceBooking(s: ServiceDef): ServiceBooking {
  return { ...BOOKING_DEFAULTS, ...(s.booking ?? {}) };
}

export function siteBooking(site: Site): SiteBooking {
  const b = site.def.booking;
  return {
    identity: b?.identity ?? SITE_BOOKING_DEFAULTS.identity,
    cancelCooldownMinutes: b?.cancelCooldownMinutes ?? SITE_BOOKING_DEFAULTS.cancelCooldownMinutes,
    holidays: b?.holidays ?? [],
    breaks: b?.breaks ?? [],
  };
}

const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
export const hhmm = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * Counters a service can count on, from the site file: a counter whose first tier holds the
 * service gives it `1 / (services in that tier)`; back-up tiers give nothing (they serve it
 * only when their own queues are empty).
 */
export function servingCounters(site: Site, serviceId: string): number {
  let n = 0;
  for (const c of site.counters.values()) {
    const first = c.services[0] ?? [];
    if (first.includes(serviceId)) n += 1 / first.length;
  }
  return n;
}

export interface SlotDef {
  /** HH:MM in the site's zone. */
  start: string;
  end: string;
  startMs: number;
  endMs: number;
  /** Places that may be booked in this slot. */
  capacity: number;
}

/**
 * The slots of a service on a date: the day's opening hours (the whole day when hours are
 * ignored), cut into `slotMinutes`, minus breaks, none on holidays or closed days. Capacity per
 * slot is the agency's `capacityPerSlot`, else the booked share of what the counters serve in a
 * slot (`counters x slotMinutes / avgServiceMinutes x (1 - walkInShare)`); fractions carry over
 * from slot to slot, so the day's total is exact (1.5 a slot gives 1, 2, 1, 2...).
 */
export function slotsOn(site: Site, service: ServiceDef, date: string, ignoreHours: boolean): SlotDef[] {
  const b = serviceBooking(service);
  const sb = siteBooking(site);
  // The site's holidays and breaks close slots like the booking-only ones.
  if (!b.enabled || sb.holidays.includes(date) || site.def.holidays.some((h) => h.date === date)) return [];
  const [dayStart] = dayRange(date, site.def.timezone);
  // The weekday of the date: local noon avoids any edge of the day.
  const weekday = localTime(dayStart + 12 * 3_600_000, site.def.timezone).weekday;
  const open: [number, number] | null = ignoreHours ? [0, 24 * 60] : hoursOn(site.def.hours, weekday);
  if (!open) return [];
  const breaks = [...sb.breaks.map(([f, t]) => [toMinutes(f), toMinutes(t)] as const), ...breaksOn(site.def.breaks, weekday)];
  const perSlot =
    b.capacityPerSlot ?? (servingCounters(site, service.id) * b.slotMinutes * (1 - b.walkInShare)) / service.avgServiceMinutes;
  const out: SlotDef[] = [];
  let carried = 0;
  for (let m = open[0]; m + b.slotMinutes <= open[1]; m += b.slotMinutes) {
    const end = m + b.slotMinutes;
    if (breaks.some(([f, t]) => m < t && end > f)) continue;
    const before = Math.floor(carried + 1e-9);
    carried += perSlot;
    const capacity = Math.floor(carried + 1e-9) - before;
    out.push({ start: hhmm(m), end: hhmm(end), startMs: dayStart + m * 60_000, endMs: dayStart + end * 60_000, capacity });
  }
  return out;
}

/** The check-in window of a slot: `[from, until)` in ms. */
export function checkInWindow(slotStartMs: number, b: ServiceBooking): { from: number; until: number } {
  return { from: slotStartMs - b.checkInBeforeMinutes * 60_000, until: slotStartMs + b.checkInAfterMinutes * 60_000 };
}

/** Where a check-in at `now` stands: before its window, inside it, or after it. */
export function checkInTiming(now: number, w: { from: number; until: number }): 'early' | 'on_time' | 'late' {
  if (now < w.from) return 'early';
  if (now < w.until) return 'on_time';
  return 'late';
}

/** Rank of an on-time appointment: its slot start minus the site's appointment boost. */
export function appointmentRank(slotStartMs: number, boostMinutes: number): number {
  return slotStartMs - boostMinutes * 60_000;
}

/** Whether `date` may be booked on `today`: from today up to `daysAhead` days later. */
export function bookableDate(today: string, date: string, daysAhead: number): boolean {
  const d = (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000;
  return Number.isInteger(d) && d >= 0 && d <= daysAhead;
}

/** Crockford base32: no I, L, O, U, so a code reads and types without ambiguity. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Characters of a code: 10 x 5 bits = 50 bits. */
export const CODE_LENGTH = 10;

/** A booking code from random bytes (at least CODE_LENGTH of them). */
export function codeFromBytes(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < CODE_LENGTH; i++) s += ALPHABET[bytes[i]! & 31];
  return s;
}

/** A code as typed (any case, dashes or spaces, O for 0, I or L for 1), or null when it cannot be one. */
export function normalizeCode(typed: string): string | null {
  const s = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (s.length !== CODE_LENGTH) return null;
  for (const ch of s) if (!ALPHABET.includes(ch)) return null;
  return s;
}

/** `ABCDE12345` -> `ABCDE-12345`, as shown to people. */
export const displayCode = (code: string): string => `${code.slice(0, 5)}-${code.slice(5)}`;

/** A NIK (Nomor Induk Kependudukan): 16 digits; spaces and dots allowed when typed. */
export function normalizeNik(typed: string): string | null {
  const s = typed.replace(/[\s.]/g, '');
  return /^\d{16}$/.test(s) ? s : null;
}

/** An Indonesian mobile number as `62...`: `0812...`, `+62 812...`, `62812...`; 9-13 digits after 62. */
export function normalizePhone(typed: string): string | null {
  let s = typed.replace(/[\s().-]/g, '');
  if (s.startsWith('+')) s = s.slice(1);
  if (s.startsWith('0')) s = `62${s.slice(1)}`;
  if (!s.startsWith('62')) return null;
  return /^62\d{9,13}$/.test(s) ? s : null;
}
