/**
 * Online booking and check-in (design.md "API contract v2"): the booking DTO, slots and the
 * requests of the public booking page, the kiosk and the desk. No NIK or phone ever travels
 * back: the engine keeps only a keyed hash of them, for the one-booking rule.
 */
/** States of a booking. */
export const BOOKING_STATE = {
  booked: 'booked',
  checkedIn: 'checked_in',
  late: 'late',
  cancelled: 'cancelled',
  noShow: 'no_show',
} as const;
export type BookingState = (typeof BOOKING_STATE)[keyof typeof BOOKING_STATE];

/** Which identity the site asks of a citizen who books. */
export const BOOKING_IDENTITY = { nik: 'nik', phone: 'phone', either: 'either' } as const;
export type BookingIdentity = (typeof BOOKING_IDENTITY)[keyof typeof BOOKING_IDENTITY];

/** A booking as the API returns it. */
export interface BookingDto {
  /** Short, unguessable (10 Crockford base32 characters, 50 bits); typed at the kiosk. */
  code: string;
  siteId: string;
  serviceId: string;
  /** YYYY-MM-DD in the site's zone. */
  date: string;
  /** HH:MM in the site's zone. */
  slotStart: string;
  slotEnd: string;
  state: BookingState;
  /** ISO 8601: the check-in window. */
  checkInFrom: string;
  checkInUntil: string;
  /** The ticket of the check-in. */
  ticketId?: string;
}

/** One slot of `GET /api/v1/public/sites/:site/slots`. */
export interface SlotDto {
  /** HH:MM in the site's zone. */
  start: string;
  end: string;
  capacity: number;
  /** Places left now (0 for a slot that has ended). */
  available: number;
}

export interface SlotsResponse {
  slots: SlotDto[];
}

/** `POST /api/v1/public/sites/:site/bookings`: NIK or phone as the site asks (`either`: one or both). */
export interface BookingRequest {
  serviceId: string;
  date: string;
  slotStart: string;
  nik?: string;
  phone?: string;
}

/**
 * `POST /api/v1/public/bookings/:code/reschedule`: another slot of the same service, that day or
 * another within the booking horizon. The code stays the same (the QR the citizen holds still
 * works); the answer is `200 {booking}` with the new slot and check-in window.
 */
export interface RescheduleRequest {
  date: string;
  slotStart: string;
}

export interface BookingResponse {
  booking: BookingDto;
}

/**
 * `POST /api/v1/sites/:site/bookings/:code/check-in`, as `CheckInResponse<TicketDto>` (generic
 * so this file needs no import of index.ts).
 */
export interface CheckInResponse<Ticket> {
  ticket: Ticket;
  booking: BookingDto;
  seq?: number;
}

/** `GET /api/v1/sites/:site/bookings?date=&serviceId=`: the day's bookings and their counts by state. */
export interface BookingListResponse {
  bookings: BookingDto[];
  counts: Record<BookingState, number>;
}

/** `GET /api/v1/public/sites/:site/booking`: what the public booking page needs. */
export interface BookingSetup {
  siteId: string;
  siteName: string;
  timezone: string;
  /** Today in the site's zone. */
  today: string;
  identity: BookingIdentity;
  cancelCooldownMinutes: number;
  services: {
    id: string;
    name: string;
    agencyId: string;
    agencyName: string;
    slotMinutes: number;
    daysAhead: number;
    checkInBeforeMinutes: number;
    checkInAfterMinutes: number;
  }[];
}
