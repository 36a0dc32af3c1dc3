/**
 * The booking repository: the transitions are Lua scripts (store/booking-scripts.ts); this
 * class adds the reads the booking use cases need and the site's identity secret.
 */
import { randomBytes } from 'node:crypto';
import type { RedisConn } from '../redis-connection.js';
import * as scripts from './booking-scripts.js';
import { storedBooking, type StoredBooking } from './booking-scripts.js';
import { keys } from './keys.js';
import type { ScriptContext } from './ticket-store.js';

export type { SlotPlace, StoredBooking } from './booking-scripts.js';

export class BookingStore {
  constructor(readonly redis: RedisConn) {}

  book(site: string, now: number, a: scripts.BookArgs) {
    return scripts.book(this.redis, site, now, a);
  }

  cancel(site: string, now: number, b: StoredBooking, releaseAt: number) {
    return scripts.cancelBooking(this.redis, site, now, b, releaseAt);
  }

  reschedule(site: string, now: number, a: scripts.RescheduleArgs) {
    return scripts.rescheduleBooking(this.redis, site, now, a);
  }

  checkIn(c: ScriptContext, a: scripts.CheckInArgs) {
    return scripts.checkIn(this.redis, { site: c.site.id, now: c.now, day: c.day }, a);
  }

  noShow(site: string, now: number, b: StoredBooking) {
    return scripts.bookingNoShow(this.redis, site, now, b);
  }

  async find(site: string, code: string): Promise<StoredBooking | null> {
    return storedBooking(await this.redis.hgetall(keys.booking(site, code)));
  }

  /** Places taken per slot (HH:MM) of a service and day, cancels whose cool-down ended left out. */
  async taken(site: string, day: string, service: string, now: number): Promise<Map<string, number>> {
    const [counts, cooled] = await Promise.all([
      this.redis.hgetall(keys.bookingSlots(site, day, service)),
      this.redis.zrangebyscore(keys.bookingCooldown(site, day, service), '-inf', now),
    ]);
    const m = new Map(Object.entries(counts).map(([k, v]) => [k, Number(v)]));
    for (const c of cooled) {
      const slot = c.slice(0, 5);
      m.set(slot, (m.get(slot) ?? 0) - 1);
    }
    return m;
  }

  /** The bookings of a day, by slot start. */
  async ofDay(site: string, day: string): Promise<StoredBooking[]> {
    const codes = await this.redis.zrange(keys.bookingDay(site, day), 0, -1);
    if (!codes.length) return [];
    const pipe = this.redis.pipeline();
    for (const c of codes) pipe.hgetall(keys.booking(site, c));
    const rows = (await pipe.exec()) ?? [];
    return rows.map(([, h]) => storedBooking(h as Record<string, string>)).filter((b): b is StoredBooking => b !== null);
  }

  /** Codes whose check-in window has ended while still booked (at most `limit`). */
  due(site: string, now: number, limit = 200): Promise<string[]> {
    return this.redis.zrangebyscore(keys.bookingDue(site), '-inf', now, 'LIMIT', 0, limit);
  }

  async dropDue(site: string, code: string): Promise<void> {
    await this.redis.zrem(keys.bookingDue(site), code);
  }

  /** The site's identity secret: the configured one, else one made once and kept in Redis. */
  async secret(site: string, configured: string | undefined): Promise<string> {
    if (configured) return configured;
    const k = keys.bookingSecret(site);
    await this.redis.set(k, randomBytes(32).toString('base64url'), 'NX');
    const s = await this.redis.get(k);
    if (!s) throw new Error('booking secret missing');
    return s;
  }
}
