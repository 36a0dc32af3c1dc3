/** Request schemas of booking and check-in (validation at the edge; the types come from protocol/). */
import { z } from 'zod';
import type { BookingRequest, RescheduleRequest } from '../protocol/index.js';

export const date = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'YYYY-MM-DD');
const slotTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
const serviceId = z.string().min(1).max(64);

export const bookingBody = z
  .object({
    serviceId,
    date,
    slotStart: slotTime,
    nik: z.string().min(1).max(32).optional(),
    phone: z.string().min(1).max(32).optional(),
  })
  .strict() satisfies z.ZodType<BookingRequest>;

export const rescheduleBody = z.object({ date, slotStart: slotTime }).strict() satisfies z.ZodType<RescheduleRequest>;

export const slotsQuery = z.object({ serviceId, date });

export const bookingsQuery = z.object({ date: date.optional(), serviceId: serviceId.optional() });

/** A code as typed: letters, digits, dashes (normalised by the use case). */
export const bookingCode = z.string().min(1).max(24).regex(/^[A-Za-z0-9 -]+$/);
