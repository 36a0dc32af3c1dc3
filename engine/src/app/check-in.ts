/**
 * Check a booking in on site (kiosk or desk): inside its window it becomes a ticket of class
 * `appointment` ranked at its slot start minus the site's appointment boost; after the window a
 * regular ticket ranked now (booking `late`, also from `no_show`); before it `409
 * CHECK_IN_TOO_EARLY`. The ticket is made by the same Lua helper as every walk-in's, in the same
 * step as the booking's change, so numbering and the daily quota stay in one place.
 */
import { newStatusToken, randomId } from './random-ids.js';
import { appointmentRank } from '../domain/booking.js';
import { LoketError } from '../errors.js';
import type { BookingDto, TicketDto } from '../protocol/index.js';
import { bookingOn, retryIfMoved, toBookingDto } from './booking-common.js';
import type { Caller } from './caller.js';
import { scriptContext, type Deps } from './context.js';

export interface CheckInResult {
  ticket: TicketDto;
  booking: BookingDto;
  /** True when the booking was already checked in: the same ticket again. */
  replay: boolean;
  seq?: number;
}

export class CheckIn {
  constructor(private readonly d: Deps) {}

  /** A booking moved to another slot between the read and the script is read again (once). */
  run(caller: Caller, code: string): Promise<CheckInResult> {
    return retryIfMoved(() => this.attempt(caller, code));
  }

  private async attempt(caller: Caller, code: string): Promise<CheckInResult> {
    const { d } = this;
    const site = d.sites.get(caller.siteId);
    const b = await bookingOn(d, site, code);
    if (caller.role === 'staff' && !caller.agencyIds.includes(b.agencyId)) {
      throw new LoketError('FORBIDDEN', 'This booking belongs to another agency');
    }
    const service = d.sites.service(site, b.serviceId);
    const ctx = scriptContext(d, site);
    if (!d.clock.isOpen(site, ctx.now)) {
      throw new LoketError('SITE_CLOSED', 'The mall is closed now; check in during opening hours', { hours: site.def.hours });
    }
    if (b.state === 'booked' && ctx.now < Number(b.checkInFrom)) {
      // The script checks this too; here the answer can say when check-in opens.
      throw new LoketError('CHECK_IN_TOO_EARLY', 'Check-in has not opened yet', { checkInFrom: new Date(Number(b.checkInFrom)).toISOString() });
    }
    const id = randomId(12);
    const r = await d.bookings.checkIn(ctx, {
      booking: b,
      id,
      token: newStatusToken(site.id, id),
      agency: service.agencyId,
      letter: service.prefix,
      apptRank: appointmentRank(Number(b.slotStartMs), site.def.priorityBoostMinutes.appointment),
      quota: service.quotaPerDay ?? 0,
    });
    const ticket = await d.eta.dto(site, r.t, r.pos >= 0 ? r.pos : undefined);
    const booking = toBookingDto(r.b, site.id);
    if (r.replay) return { ticket, booking, replay: true };
    d.extensions.booking(site.id, { kind: 'checked_in', booking, slotStartMs: Number(b.slotStartMs), at: ctx.now });
    return { ticket, booking, replay: false, seq: r.seq };
  }
}
