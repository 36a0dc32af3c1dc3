/** Cancel a booking by its code: only while `booked`; its place returns after the site's cool-down. */
import { siteBooking } from '../domain/booking.js';
import type { BookingDto } from '../protocol/index.js';
import { bookingAnywhere, retryIfMoved, toBookingDto } from './booking-common.js';
import type { Deps } from './context.js';

export class CancelBooking {
  constructor(private readonly d: Deps) {}

  async run(code: string): Promise<BookingDto> {
    const { site, b, now, stored } = await retryIfMoved(async () => {
      const { site, b } = await bookingAnywhere(this.d, code);
      const now = this.d.clock.now();
      const releaseAt = now + siteBooking(site).cancelCooldownMinutes * 60_000;
      return { site, b, now, stored: await this.d.bookings.cancel(site.id, now, b, releaseAt) };
    });
    const booking = toBookingDto(stored, site.id);
    this.d.extensions.booking(site.id, { kind: 'cancelled', booking, slotStartMs: Number(b.slotStartMs), at: now });
    return booking;
  }
}
