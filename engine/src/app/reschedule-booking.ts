/**
 * Move a booking to another slot of its service by its code, that day or another within the
 * booking horizon; the code stays. Only while `booked` and before its check-in window ends
 * (`409 BOOKING_NOT_CHANGEABLE` otherwise). The script checks and takes the new slot's place
 * (capacity, the one-booking rule on a new day, the quota) and sends the old place into the
 * site's cool-down in one step; the same slot again changes nothing.
 */
import { bookableDate, checkInWindow, serviceBooking, siteBooking } from '../domain/booking.js';
import { dayRange } from '../domain/clock.js';
import { LoketError } from '../errors.js';
import type { BookingDto, RescheduleRequest } from '../protocol/index.js';
import { bookingAnywhere, slotsOf, toBookingDto } from './booking-common.js';
import type { Deps } from './context.js';

const invalid = (path: string, message: string) => new LoketError('VALIDATION_FAILED', message, [{ path, message }]);

export class RescheduleBooking {
  constructor(private readonly d: Deps) {}

  async run(typed: string, input: RescheduleRequest): Promise<BookingDto> {
    const { d } = this;
    const { site, b } = await bookingAnywhere(d, typed);
    const now = d.clock.now();
    if (b.state !== 'booked' || now >= Number(b.checkInUntil)) {
      throw new LoketError('BOOKING_NOT_CHANGEABLE', 'This booking can no longer be changed', { state: b.state });
    }
    if (b.date === input.date && b.slotStart === input.slotStart) return toBookingDto(b, site.id);
    const service = d.sites.service(site, b.serviceId);
    const rules = serviceBooking(service);
    if (!bookableDate(d.clock.day(site, now), input.date, rules.daysAhead)) {
      throw invalid('date', `Booking is open from today up to ${rules.daysAhead} days ahead`);
    }
    const slot = slotsOf(d, site, service, input.date).find((s) => s.start === input.slotStart);
    if (!slot) throw invalid('slotStart', 'No such slot on that day');
    if (now >= slot.endMs || slot.capacity === 0) throw new LoketError('SLOT_FULL', 'This slot is fully booked');
    const window = checkInWindow(slot.startMs, rules);
    const r = await d.bookings.reschedule(site.id, now, {
      from: b,
      date: input.date,
      slotStart: slot.start,
      slotEnd: slot.end,
      slotStartMs: slot.startMs,
      checkInFrom: window.from,
      checkInUntil: window.until,
      capacity: slot.capacity,
      quota: service.quotaPerDay ?? 0,
      releaseAt: now + siteBooking(site).cancelCooldownMinutes * 60_000,
      idExpireAt: dayRange(input.date, site.def.timezone)[1] + 1,
    });
    const booking = toBookingDto(r.b, site.id);
    if (r.changed) d.extensions.booking(site.id, { kind: 'rescheduled', booking, slotStartMs: slot.startMs, moves: Number(r.b.moves ?? 0), at: now });
    return booking;
  }
}
