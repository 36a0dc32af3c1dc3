/**
 * Book a slot: the service offers booking, the date is open for booking, the slot exists and
 * has not ended, the site's identity rule; the script then checks capacity, the one active
 * booking per person, service and day, and the daily quota, atomically.
 */
import { createHash, randomBytes } from 'node:crypto';
import { codeFromBytes, normalizeNik, normalizePhone, serviceBooking, siteBooking } from '../domain/booking.js';
import type { BookingDto, BookingRequest } from '../protocol/index.js';
import { identityHashes, invalid, slotPlace, toBookingDto } from './booking-common.js';
import type { Deps } from './context.js';

export interface BookResult {
  booking: BookingDto;
  /** True when an earlier request with the same Idempotency-Key made this booking. */
  replay: boolean;
}

export class Book {
  constructor(private readonly d: Deps) {}

  async run(siteId: string, input: BookingRequest, idempotencyKey?: string): Promise<BookResult> {
    const { d } = this;
    const site = d.sites.get(siteId);
    const service = d.sites.service(site, input.serviceId);
    if (!serviceBooking(service).enabled) throw invalid('serviceId', 'This service takes no bookings');
    const ids = this.identity(siteBooking(site).identity, input);
    const now = d.clock.now();
    const { slot, place } = slotPlace(d, site, service, input.date, input.slotStart, now);
    const who = await identityHashes(d, site, ids);
    const bodyHash = idempotencyKey
      ? createHash('sha256').update(JSON.stringify([service.id, input.date, slot.start, who])).digest('hex')
      : '';
    const r = await d.bookings.book(site.id, now, {
      code: codeFromBytes(randomBytes(16)),
      service: service.id,
      agency: service.agencyId,
      ...place,
      who,
      idempotencyKey,
      bodyHash,
    });
    const booking = toBookingDto(r.b, site.id);
    if (!r.replay) d.extensions.booking(site.id, { kind: 'created', booking, slotStartMs: slot.startMs, at: now });
    return { booking, replay: r.replay };
  }

  /** The NIK and/or phone the site asks for, normalised; `400` naming the field otherwise. */
  private identity(kind: 'nik' | 'phone' | 'either', input: BookingRequest): { nik?: string; phone?: string } {
    const out: { nik?: string; phone?: string } = {};
    if (input.nik !== undefined && kind !== 'phone') {
      const nik = normalizeNik(input.nik);
      if (!nik) throw invalid('nik', 'A NIK has 16 digits');
      out.nik = nik;
    }
    if (input.phone !== undefined && kind !== 'nik') {
      const phone = normalizePhone(input.phone);
      if (!phone) throw invalid('phone', 'An Indonesian mobile number, e.g. 0812 3456 7890');
      out.phone = phone;
    }
    if (kind === 'nik' && !out.nik) throw invalid('nik', 'This site asks for a NIK');
    if (kind === 'phone' && !out.phone) throw invalid('phone', 'This site asks for a phone number');
    if (!out.nik && !out.phone) throw invalid('nik', 'Give a NIK or a phone number');
    return out;
  }
}
