/** A day's bookings for the desk and the floor: staff see their own agencies', managers all. */
import type { BookingListResponse, BookingState } from '../protocol/index.js';
import { BOOKING_STATE } from '../protocol/index.js';
import { toBookingDto } from './booking-common.js';
import { isManager, type Caller } from './caller.js';
import type { Deps } from './context.js';

export class ListBookings {
  constructor(private readonly d: Deps) {}

  async run(caller: Caller, filter: { date?: string | undefined; serviceId?: string | undefined }): Promise<BookingListResponse> {
    const site = this.d.sites.get(caller.siteId);
    const date = filter.date ?? this.d.clock.day(site);
    const all = await this.d.bookings.ofDay(site.id, date);
    const mine = all.filter(
      (b) => (!filter.serviceId || b.serviceId === filter.serviceId) && (isManager(caller) || caller.agencyIds.includes(b.agencyId)),
    );
    const counts = Object.fromEntries(Object.values(BOOKING_STATE).map((s) => [s, 0])) as Record<BookingState, number>;
    for (const b of mine) counts[b.state]++;
    return { bookings: mine.map((b) => toBookingDto(b, site.id)), counts };
  }
}
