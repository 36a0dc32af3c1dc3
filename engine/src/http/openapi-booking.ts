/** OpenAPI paths of online booking and check-in (design.md "API contract v2"), spread into openapi.ts. */
import { BOOKING_STATE } from '../protocol/index.js';

const err = { $ref: '#/components/responses/Error' };
const ok = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const sec = [{ bearer: [] }];
const path = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
const query = (name: string, required: boolean, pattern?: string) => ({ name, in: 'query', required, schema: { type: 'string', ...(pattern ? { pattern } : {}) } });
const date = '^\\d{4}-\\d{2}-\\d{2}$';
const states = Object.values(BOOKING_STATE).join(', ');
const booking = `{booking}: Booking {code, siteId, serviceId, date, slotStart, slotEnd, state (${states}), checkInFrom, checkInUntil, ticketId?}`;

export const bookingPaths = {
  '/api/v1/public/sites/{site}/booking': {
    get: { summary: 'What the booking page needs: identity asked (nik, phone, either), bookable services and their windows', parameters: [path('site')], responses: { 200: ok('BookingSetup'), 404: err } },
  },
  '/api/v1/public/sites/{site}/slots': {
    get: {
      summary: 'Slots of a service on a date (the whole day; ended slots and days outside the booking horizon with available 0)',
      parameters: [path('site'), query('serviceId', true), query('date', true, date)],
      responses: { 200: ok('{slots:[{start, end, capacity, available}]}'), 400: err, 404: err, 429: err },
    },
  },
  '/api/v1/public/sites/{site}/bookings': {
    post: {
      summary: 'Book a slot (no account; NIK and/or phone as the site asks, kept only as a keyed hash). Rate-limited per address',
      parameters: [path('site'), { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string' } }],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: { serviceId: { type: 'string' }, date: { type: 'string', pattern: date }, slotStart: { type: 'string', pattern: '^\\d{2}:\\d{2}$' }, nik: { type: 'string' }, phone: { type: 'string' } },
              required: ['serviceId', 'date', 'slotStart'],
            },
          },
        },
      },
      responses: {
        201: ok(booking),
        200: ok(`${booking} (same Idempotency-Key again)`),
        400: err,
        404: err,
        409: { ...err, description: 'SLOT_FULL, BOOKING_LIMIT (one active booking per person, service and day), QUOTA_EXHAUSTED, IDEMPOTENCY_KEY_REUSED' },
        429: err,
      },
    },
  },
  '/api/v1/public/bookings/{code}': { get: { summary: 'A booking by its code', parameters: [path('code')], responses: { 200: ok(booking), 404: err, 429: err } } },
  '/api/v1/public/bookings/{code}/cancel': {
    post: { summary: 'Cancel a booking (only while booked); its place returns after the site’s cool-down', parameters: [path('code')], responses: { 200: ok(booking), 404: err, 409: err, 429: err } },
  },
  '/api/v1/public/bookings/{code}/reschedule': {
    post: {
      summary:
        'Move a booking to another slot of its service (that day or another within the booking horizon); the code stays the same. Only while booked and before its check-in window ends; the old place returns after the site’s cool-down; the same slot again changes nothing. Rate-limited per address like the other booking writes',
      parameters: [path('code')],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: { type: 'object', properties: { date: { type: 'string', pattern: date }, slotStart: { type: 'string', pattern: '^\\d{2}:\\d{2}$' } }, required: ['date', 'slotStart'], additionalProperties: false },
          },
        },
      },
      responses: {
        200: ok(booking),
        400: err,
        404: err,
        409: { ...err, description: 'BOOKING_NOT_CHANGEABLE (checked in, cancelled, no-show, or the check-in window has ended), SLOT_FULL, BOOKING_LIMIT (the person already booked that service on the new day), QUOTA_EXHAUSTED, CONFLICT (moved meanwhile)' },
        429: err,
      },
    },
  },
  '/api/v1/sites/{site}/bookings/{code}/check-in': {
    post: {
      summary:
        'Check in on site (kiosk, staff, supervisor, admin): inside the window a ticket of priority appointment ranked at slot start minus the appointment boost; after it a regular ticket (booking late); before it 409 CHECK_IN_TOO_EARLY. Again for a checked-in booking: 200 with the same ticket',
      security: sec,
      parameters: [path('site'), path('code')],
      responses: { 201: ok('{ticket, booking, seq}'), 200: ok('{ticket, booking} (already checked in)'), 401: err, 403: err, 404: err, 409: err },
    },
  },
  '/api/v1/sites/{site}/bookings': {
    get: {
      summary: 'Bookings of a day (default today) with counts by state (staff: own agencies)',
      security: sec,
      parameters: [path('site'), query('date', false, date), query('serviceId', false)],
      responses: { 200: ok('{bookings, counts}'), 400: err, 401: err, 403: err },
    },
  },
} as const;
