/**
 * What the booking use cases share: the booking DTO, the slot a booking names and the place it
 * takes there, the keyed
 * hash of a person's NIK or phone (HMAC-SHA256 with the site's secret; the values themselves
 * are never stored, logged or returned), and finding a booking by its code.
 */
import { createHmac } from 'node:crypto';
import { bookableDate, checkInWindow, normalizeCode, serviceBooking, type SlotDef, slotsOn } from '../domain/booking.js';
import { dayRange } from '../domain/clock.js';
import type { ServiceDef, Site } from '../domain/site.js';
import { LoketError, notFound } from '../errors.js';
import type { BookingDto } from '../protocol/index.js';
import type { SlotPlace, StoredBooking } from '../store/booking-store.js';
import type { Deps } from './context.js';

const iso = (ms: string): string => new Date(Number(ms)).toISOString();

export function toBookingDto(b: StoredBooking, siteId: string): BookingDto {
  return {
    code: b.code,
    siteId,
    serviceId: b.serviceId,
    date: b.date,
    slotStart: b.slotStart,
    slotEnd: b.slotEnd,
    state: b.state,
    checkInFrom: iso(b.checkInFrom),
    checkInUntil: iso(b.checkInUntil),
    ...(b.ticketId ? { ticketId: b.ticketId } : {}),
  };
}

/** The slots of a service on a date (the whole day with LOKET_IGNORE_HOURS). */
export const slotsOf = (d: Deps, site: Site, service: ServiceDef, date: string): SlotDef[] => slotsOn(site, service, date, d.clock.ignoreHours);

/** `400 VALIDATION_FAILED` naming the field. */
export const invalid = (path: string, message: string) => new LoketError('VALIDATION_FAILED', message, [{ path, message }]);

/**
 * The place a booking would take in the slot `slotStart` of a service on `date` (booking a new
 * one or moving one there): `400` naming the field when the date is outside the booking horizon
 * or the day has no such slot, `409 SLOT_FULL` when the slot has ended or takes no bookings.
 * The script checks the places left and the quota.
 */
export function slotPlace(d: Deps, site: Site, service: ServiceDef, date: string, slotStart: string, now: number): { slot: SlotDef; place: SlotPlace } {
  const rules = serviceBooking(service);
  if (!bookableDate(d.clock.day(site, now), date, rules.daysAhead)) {
    throw invalid('date', `Booking is open from today up to ${rules.daysAhead} days ahead`);
  }
  const slot = slotsOf(d, site, service, date).find((s) => s.start === slotStart);
  if (!slot) throw invalid('slotStart', 'No such slot on that day');
  if (now >= slot.endMs || slot.capacity === 0) throw new LoketError('SLOT_FULL', 'This slot is fully booked');
  const window = checkInWindow(slot.startMs, rules);
  const place: SlotPlace = {
    date,
    slotStart: slot.start,
    slotEnd: slot.end,
    slotStartMs: slot.startMs,
    checkInFrom: window.from,
    checkInUntil: window.until,
    capacity: slot.capacity,
    quota: service.quotaPerDay ?? 0,
    idExpireAt: dayRange(date, site.def.timezone)[1] + 1,
  };
  return { slot, place };
}

/** The code as typed, or `404 NOT_FOUND` when it cannot be one. */
export function codeOf(typed: string): string {
  const code = normalizeCode(typed);
  if (!code) throw notFound('Booking');
  return code;
}

/** A booking by code on one site, or `404`. */
export async function bookingOn(d: Deps, site: Site, typed: string): Promise<StoredBooking> {
  const b = await d.bookings.find(site.id, codeOf(typed));
  if (!b) throw notFound('Booking');
  return b;
}

/** A booking by code on any site (public links carry only the code), or `404`. */
export async function bookingAnywhere(d: Deps, typed: string): Promise<{ site: Site; b: StoredBooking }> {
  const code = codeOf(typed);
  for (const site of d.sites.all()) {
    const b = await d.bookings.find(site.id, code);
    if (b) return { site, b };
  }
  throw notFound('Booking');
}

/**
 * Runs a step that reads a booking and then changes it; when the booking moved to another
 * slot between the read and the script (`CONFLICT`), reads it again and runs once more.
 */
export async function retryIfMoved<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (err instanceof LoketError && err.code === 'CONFLICT') return step();
    throw err;
  }
}

const secrets = new Map<string, Promise<string>>();

/** Keyed hashes of the identities given (`nik:` / `phone:` kept apart), sorted. */
export async function identityHashes(d: Deps, site: Site, ids: { nik?: string | undefined; phone?: string | undefined }): Promise<string[]> {
  const cacheKey = `${site.id}\n${d.bookingSecret ?? ''}`;
  let secret = secrets.get(cacheKey);
  if (!secret) {
    secret = d.bookings.secret(site.id, d.bookingSecret);
    secrets.set(cacheKey, secret);
    secret.catch(() => secrets.delete(cacheKey));
  }
  const key = await secret;
  const out: string[] = [];
  for (const [kind, value] of Object.entries(ids)) {
    if (value) out.push(createHmac('sha256', key).update(`${kind}:${value}`).digest('hex'));
  }
  if (!out.length) throw new LoketError('VALIDATION_FAILED', 'Give a NIK or a phone number');
  return out.sort();
}
