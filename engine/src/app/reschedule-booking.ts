/**
 * Move a booking to another slot of its service by its code, that day or another within the
 * booking horizon; the code stays. Only while `booked` and before its check-in window ends
 * (`409 BOOKING_NOT_CHANGEABLE` otherwise). The script checks and takes the new slot's place
 * (capacity, the one-booking rule on a new day, the quota) and sends the old place into the
 * site's cool-down in one step; the same slot again changes nothing.
 */
import { siteBooking } from '../domain/booking.js';
import { LoketError } from '../errors.js';
import type { BookingDto, RescheduleRequest } from '../protocol/index.js';
import { bookingAnywhere, slotPlace, toBookingDto } from './booking-common.js';
import type { Deps } from './context.js';

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
    const { slot, place } = slotPlace(d, site, d.sites.service(site, b.serviceId), input.date, input.slotStart, now);
    const r = await d.bookings.reschedule(site.id, now, {
      ...place,
      from: b,
      releaseAt: now + siteBooking(site).cancelCooldownMinutes * 60_000,
    });
    const booking = toBookingDto(r.b, site.id);
    if (r.changed) d.extensions.booking(site.id, { kind: 'rescheduled', booking, slotStartMs: slot.startMs, moves: Number(r.b.moves ?? 0), at: now });
    return booking;
  }
}
