/** The slots of a service on a day with the places left, and what the public booking page needs. */
import { bookableDate, serviceBooking, siteBooking } from '../domain/booking.js';
import type { BookingSetup, SlotDto } from '../protocol/index.js';
import { slotsOf } from './booking-common.js';
import type { Deps } from './context.js';

export class ListSlots {
  constructor(private readonly d: Deps) {}

  /** The whole day; ended slots, and days outside the booking horizon, with `available: 0`. */
  async run(siteId: string, serviceId: string, date: string): Promise<SlotDto[]> {
    const { d } = this;
    const site = d.sites.get(siteId);
    const service = d.sites.service(site, serviceId);
    const now = d.clock.now();
    const slots = slotsOf(d, site, service, date);
    const open = bookableDate(d.clock.day(site, now), date, serviceBooking(service).daysAhead);
    const taken = open ? await d.bookings.taken(site.id, date, service.id, now) : new Map<string, number>();
    return slots.map((s) => ({
      start: s.start,
      end: s.end,
      capacity: s.capacity,
      available: !open || now >= s.endMs ? 0 : Math.max(0, s.capacity - (taken.get(s.start) ?? 0)),
    }));
  }

  setup(siteId: string): BookingSetup {
    const site = this.d.sites.get(siteId);
    const sb = siteBooking(site);
    const agencies = new Map(site.def.agencies.map((a) => [a.id, a.name]));
    return {
      siteId: site.id,
      siteName: site.def.name,
      timezone: site.def.timezone,
      today: this.d.clock.day(site),
      identity: sb.identity,
      cancelCooldownMinutes: sb.cancelCooldownMinutes,
      services: [...site.services.values()]
        .map((s) => ({ s, b: serviceBooking(s) }))
        .filter(({ b }) => b.enabled)
        .map(({ s, b }) => ({
          id: s.id,
          name: s.name,
          agencyId: s.agencyId,
          agencyName: agencies.get(s.agencyId) ?? s.agencyId,
          slotMinutes: b.slotMinutes,
          daysAhead: b.daysAhead,
          checkInBeforeMinutes: b.checkInBeforeMinutes,
          checkInAfterMinutes: b.checkInAfterMinutes,
        })),
    };
  }
}
