/**
 * Online booking (citizens, no account, rate-limited per address) and check-in (kiosk, desk).
 * Mounted at `/api/v1`.
 */
import { Router } from 'express';
import type { UseCases } from '../../app/use-cases.js';
import { authorize, userOf } from '../auth.js';
import { bookingBody, bookingCode, bookingsQuery, rescheduleBody, slotsQuery } from '../booking-schemas.js';
import { perMinute } from '../rate-limit.js';
import { idempotencyKey, idParam } from '../schemas.js';

/** Reads (slots, a booking) per client address and minute. */
const READS_PER_MINUTE = 300;

export function bookingRoutes(app: UseCases, o: { bookingPerMinute: number }): Router {
  const r = Router();
  const writes = perMinute(o.bookingPerMinute, 'Too many booking requests; wait a minute');
  const reads = perMinute(READS_PER_MINUTE, 'Too many requests; wait a minute');

  r.get('/public/sites/:site/booking', reads, (req, res) => {
    res.json(app.listSlots.setup(idParam.parse(req.params.site)));
  });

  r.get('/public/sites/:site/slots', reads, async (req, res) => {
    const q = slotsQuery.parse(req.query);
    res.json({ slots: await app.listSlots.run(idParam.parse(req.params.site), q.serviceId, q.date) });
  });

  r.post('/public/sites/:site/bookings', writes, async (req, res) => {
    const input = bookingBody.parse(req.body);
    const rawKey = req.get('Idempotency-Key');
    const key = rawKey === undefined ? undefined : idempotencyKey.parse(rawKey);
    const { booking, replay } = await app.book.run(idParam.parse(req.params.site), input, key);
    res.status(replay ? 200 : 201).json({ booking });
  });

  r.get('/public/bookings/:code', reads, async (req, res) => {
    res.json({ booking: await app.getBooking.run(bookingCode.parse(req.params.code)) });
  });

  r.post('/public/bookings/:code/cancel', writes, async (req, res) => {
    res.json({ booking: await app.cancelBooking.run(bookingCode.parse(req.params.code)) });
  });

  r.post('/public/bookings/:code/reschedule', writes, async (req, res) => {
    const code = bookingCode.parse(req.params.code);
    res.json({ booking: await app.rescheduleBooking.run(code, rescheduleBody.parse(req.body)) });
  });

  r.post('/sites/:site/bookings/:code/check-in', authorize(app, 'kiosk', 'staff', 'supervisor', 'admin'), async (req, res) => {
    const { ticket, booking, replay, seq } = await app.checkIn.run(userOf(res), bookingCode.parse(req.params.code));
    res.status(replay ? 200 : 201).json({ ticket, booking, ...(seq !== undefined ? { seq } : {}) });
  });

  r.get('/sites/:site/bookings', authorize(app, 'staff', 'supervisor', 'admin'), async (req, res) => {
    res.json(await app.listBookings.run(userOf(res), bookingsQuery.parse(req.query)));
  });
  return r;
}
