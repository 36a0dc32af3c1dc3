/** A booking by its code (anyone with the code). */
import type { BookingDto } from '../protocol/index.js';
import { bookingAnywhere, toBookingDto } from './booking-common.js';
import type { Deps } from './context.js';

export class GetBooking {
  constructor(private readonly d: Deps) {}

  async run(code: string): Promise<BookingDto> {
    const { site, b } = await bookingAnywhere(this.d, code);
    return toBookingDto(b, site.id);
  }
}
