/**
 * One typed function per booking script of store/lua/ (book-8, cancel-booking-5, check-in-10,
 * booking-no-show-3, reschedule-booking-11): builds the KEYS (store/keys.ts) and the one packed argument the header
 * names, runs it (a known error code becomes a LoketError) and decodes the reply.
 */
import type { RedisConn } from '../redis-connection.js';
import { Packr } from 'msgpackr';
import { keys, prefixes } from './keys.js';
import { TICKET_TTL_SECONDS } from './retention.js';
import { runScript } from './script-errors.js';
import { newTicketFields, newTicketHash, newTicketKeys, type CallContext, type NewTicketArgs } from './script-calls.js';
import { storedTicket, type StoredTicket } from './ticket-mapper.js';

const packr = new Packr({ useRecords: false });
const pack = (fields: Record<string, unknown>): Buffer => packr.pack(fields);

/** A booking hash as book-8.lua writes it (times in ms, as strings). */
export interface StoredBooking {
  code: string;
  serviceId: string;
  agencyId: string;
  date: string;
  slotStart: string;
  slotEnd: string;
  slotStartMs: string;
  checkInFrom: string;
  checkInUntil: string;
  state: 'booked' | 'checked_in' | 'late' | 'cancelled' | 'no_show';
  /** '' until checked in. */
  ticketId: string;
  createdAt: string;
  cancelledAt?: string;
  checkedInAt?: string;
  /** How often it was moved to another slot (absent: never). */
  moves?: string;
  rescheduledAt?: string;
}

export function storedBooking(h: Record<string, string> | null | undefined): StoredBooking | null {
  return h && h.code ? (h as unknown as StoredBooking) : null;
}

function must(raw: string | null): { b: StoredBooking; replay: boolean; changed: boolean } {
  if (!raw) throw new Error('booking script replied nothing');
  const r = JSON.parse(raw) as { b: Record<string, string>; replay?: number; changed?: number };
  const b = storedBooking(r.b);
  if (!b) throw new Error('booking script reply without a booking');
  return { b, replay: r.replay === 1, changed: r.changed !== 0 };
}

/** Where a booking goes: a slot of its service on a day, and what the script checks there. */
export interface SlotPlace {
  /** The booked day, YYYY-MM-DD. */
  date: string;
  slotStart: string;
  slotEnd: string;
  slotStartMs: number;
  checkInFrom: number;
  checkInUntil: number;
  capacity: number;
  /** Daily quota of the service, 0 = none. */
  quota: number;
  /** ms: the person's identities for that day go then (the day's end). */
  idExpireAt: number;
}

/** The packed fields a slot place gives book-8 and reschedule-booking-11 (ttls relative to `now`). */
function placeFields(a: SlotPlace, now: number) {
  // Relative to the engine's clock (SiteClock), not Redis's: tests and replays bring their own time.
  const idTtl = Math.max(1000, a.idExpireAt - now);
  return {
    date: a.date,
    slotStart: a.slotStart,
    slotEnd: a.slotEnd,
    slotStartMs: a.slotStartMs,
    checkInFrom: a.checkInFrom,
    checkInUntil: a.checkInUntil,
    capacity: a.capacity,
    quota: a.quota,
    idTtl,
    keepTtl: idTtl + TICKET_TTL_SECONDS * 1000,
  };
}

export interface BookArgs extends SlotPlace {
  code: string;
  service: string;
  agency: string;
  /** Keyed hashes of the person's identities (never the values). */
  who: string[];
  idempotencyKey?: string | undefined;
  bodyHash: string;
}

export async function book(redis: RedisConn, site: string, now: number, a: BookArgs): Promise<{ b: StoredBooking; replay: boolean }> {
  const raw = await runScript(
    redis.loketBookV2(
      keys.booking(site, a.code),
      keys.bookingSlots(site, a.date, a.service),
      keys.bookingCooldown(site, a.date, a.service),
      keys.bookingIdentities(site, a.date, a.service),
      keys.bookingDay(site, a.date),
      keys.bookingDue(site),
      a.idempotencyKey ? keys.bookingIdempotency(site, a.idempotencyKey) : keys.bookingNoIdempotency(site),
      keys.stats(site, a.date, a.service),
      pack({
        now,
        code: a.code,
        service: a.service,
        agency: a.agency,
        ...placeFields(a, now),
        who: a.who.join(','),
        bodyHash: a.bodyHash,
        bPrefix: prefixes.booking(site),
      }),
    ),
  );
  return must(raw);
}

export async function cancelBooking(redis: RedisConn, site: string, now: number, b: Pick<StoredBooking, 'code' | 'date' | 'serviceId'>, releaseAt: number): Promise<StoredBooking> {
  const raw = await runScript(
    redis.loketCancelBookingV2(
      keys.booking(site, b.code),
      keys.bookingCooldown(site, b.date, b.serviceId),
      keys.bookingIdentities(site, b.date, b.serviceId),
      keys.bookingDue(site),
      keys.stats(site, b.date, b.serviceId),
      pack({ now, releaseAt, date: b.date }),
    ),
  );
  return must(raw).b;
}

export interface RescheduleArgs extends SlotPlace {
  /** The booking as the caller read it: its old day and slot name the keys to release. */
  from: Pick<StoredBooking, 'code' | 'date' | 'serviceId' | 'slotStart'>;
  /** ms: when the old place returns to the market. */
  releaseAt: number;
}

/** Moves a booking to another slot; `changed` false when it already was in that slot. */
export async function rescheduleBooking(redis: RedisConn, site: string, now: number, a: RescheduleArgs): Promise<{ b: StoredBooking; changed: boolean }> {
  const { code, serviceId: s, date: from } = a.from;
  const raw = await runScript(
    redis.loketRescheduleBookingV2(
      keys.booking(site, code),
      keys.bookingSlots(site, a.date, s),
      keys.bookingCooldown(site, a.date, s),
      keys.bookingCooldown(site, from, s),
      keys.bookingIdentities(site, from, s),
      keys.bookingIdentities(site, a.date, s),
      keys.bookingDay(site, from),
      keys.bookingDay(site, a.date),
      keys.bookingDue(site),
      keys.stats(site, from, s),
      keys.stats(site, a.date, s),
      pack({
        now,
        fromDate: from,
        fromSlot: a.from.slotStart,
        ...placeFields(a, now),
        releaseAt: a.releaseAt,
      }),
    ),
  );
  const r = must(raw);
  return { b: r.b, changed: r.changed };
}

/** Returns whether it changed the booking (false: not due, or no longer booked). */
export async function bookingNoShow(redis: RedisConn, site: string, now: number, b: Pick<StoredBooking, 'code' | 'date' | 'serviceId'>): Promise<{ b: StoredBooking; changed: boolean }> {
  const raw = await runScript(redis.loketBookingNoShowV2(keys.booking(site, b.code), keys.bookingDue(site), keys.stats(site, b.date, b.serviceId), pack({ now })));
  return must(raw);
}

export interface CheckInArgs {
  booking: Pick<StoredBooking, 'code' | 'date' | 'serviceId' | 'slotStart'>;
  id: string;
  token: string;
  agency: string;
  letter: string;
  apptRank: number;
  quota: number;
}

export interface CheckInReply {
  b: StoredBooking;
  t: StoredTicket;
  seq: number;
  pos: number;
  replay: boolean;
}

export async function checkIn(redis: RedisConn, c: CallContext, a: CheckInArgs): Promise<CheckInReply> {
  const s = a.booking.serviceId;
  const nt: NewTicketArgs = { ...a, service: s };
  const tk = keys.ticket(c.site, a.id);
  const hash = newTicketHash(c, nt);
  const raw = await runScript(
    redis.loketCheckInV2(
      keys.booking(c.site, a.booking.code),
      keys.bookingDue(c.site),
      keys.stats(c.site, a.booking.date, s),
      tk,
      keys.events(c.site),
      keys.eventSeq(c.site),
      ...newTicketKeys(c, nt),
      pack({
        ...newTicketFields(c, nt, hash),
        now: c.now,
        apptRank: String(a.apptRank),
        quota: a.quota,
        qPrefix: prefixes.queue(c.site),
        tPrefix: prefixes.ticket(c.site),
        bookedDate: a.booking.date,
        bookedSlot: a.booking.slotStart,
      }),
    ),
  );
  if (!raw) throw new Error('check-in replied nothing');
  const r = JSON.parse(raw) as { b: Record<string, string>; t?: Record<string, string>; number?: string; priority?: string; rank?: string; channel?: string; seq: number; pos?: number; replay?: number };
  const b = storedBooking(r.b);
  // A new ticket is the hash the caller wrote and what the script decided; a replay answers the earlier one.
  const t = storedTicket(r.t ?? { ...hash, number: r.number ?? '', priority: r.priority ?? '', rank: r.rank ?? '', channel: r.channel ?? '' });
  if (!b || !t) throw new Error('check-in reply without booking or ticket');
  return { b, t, seq: r.seq, pos: r.pos ?? -1, replay: r.replay === 1 };
}
