/**
 * What the booking webhooks carry (`booking.created`, `.cancelled`, `.checked_in`, `.no_show`,
 * `.reminder`): the booking as the API returns it, never a NIK or phone. The receiver (a mall's
 * WhatsApp/SMS gateway) maps the booking code to the citizen; Loket keeps no phone in clear.
 */
import type { BookingDto } from './booking.js';

/** When a reminder goes out: the day before the slot starts, and an hour before. */
export const BOOKING_REMINDER = { dayBefore: 'day_before', hourBefore: 'hour_before' } as const;
export type BookingReminder = (typeof BOOKING_REMINDER)[keyof typeof BOOKING_REMINDER];

/** How long before the slot start each reminder fires. */
export const BOOKING_REMINDER_LEAD_MS: Readonly<Record<BookingReminder, number>> = { day_before: 24 * 3_600_000, hour_before: 3_600_000 };

/** `data` of a `booking.*` webhook; `reminder` only on `booking.reminder`. */
export interface BookingWebhookData {
  booking: BookingDto;
  reminder?: BookingReminder;
}
