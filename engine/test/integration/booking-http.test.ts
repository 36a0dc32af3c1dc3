/**
 * Booking over HTTP: the contract's forms and codes, the rate limit per address, and privacy:
 * a NIK and a phone number given at booking appear in no response, event, log line or Redis value.
 */
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { FakeClock } from '../support/core.js';
import { api, KIOSK_TOKEN, login, testSite } from '../support/harness.js';
import { redisForFile } from '../support/redis-server.js';

const redis = redisForFile({ beforeAll, afterAll });

const NIK = '3174012345678901';
const PHONE = '081298765432';
/** Forms a NIK or phone could take in a value: as typed, normalised, spaced, without the trunk 0. */
const FORMS = [NIK, PHONE, '6281298765432', '81298765432', '3174 0123 4567 8901'];

describe('booking over HTTP', () => {
  let server: RunningServer;
  let url: string;
  let siteId: string;
  const logs: string[] = [];
  const clock = new FakeClock(Date.parse('2026-11-23T01:00:00Z')); // Monday 08:00 in Jakarta

  beforeAll(async () => {
    const site = testSite();
    siteId = site.id;
    const sink = new Writable({
      write(chunk, _enc, done) {
        logs.push(String(chunk));
        done();
      },
    });
    server = await startServer({
      config: loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'trace', LOKET_IGNORE_HOURS: '1', LOKET_NO_JOBS: '1', NODE_ENV: 'test', LOKET_BOOKING_PER_MINUTE: '8' }),
      redisUrl: redis().url,
      sites: new Map([[site.id, site]]),
      log: pino({ level: 'trace' }, sink),
      clock: clock.now,
    });
    url = server.url;
  });
  afterAll(async () => {
    await server?.close();
  });

  it('keeps the contract forms, and no NIK or phone anywhere in responses, events, logs or Redis', async () => {
    const bodies: string[] = [];
    const call = async (method: string, path: string, o: Parameters<typeof api>[3] = {}) => {
      const r = await api(url, method, path, o);
      bodies.push(JSON.stringify(r.body));
      return r;
    };
    const setup = await call('GET', `/api/v1/public/sites/${siteId}/booking`);
    expect(setup.status).toBe(200);
    expect(setup.body.identity).toBe('either');
    expect(setup.body.services.map((s: { id: string }) => s.id)).toContain('ktp');

    const slots = await call('GET', `/api/v1/public/sites/${siteId}/slots?serviceId=ktp&date=2026-11-23`);
    expect(slots.status).toBe(200);
    expect(slots.body.slots).toHaveLength(96); // the whole day in 15-minute slots (hours ignored)
    expect(slots.body.slots[0]).toEqual({ start: '00:00', end: '00:15', capacity: expect.any(Number), available: 0 });
    const s1000 = slots.body.slots.find((s: { start: string }) => s.start === '10:00');
    expect(s1000.available).toBe(s1000.capacity);
    expect(s1000.capacity).toBeGreaterThan(0);

    const body = { serviceId: 'ktp', date: '2026-11-23', slotStart: '10:00', nik: NIK, phone: PHONE };
    const made = await call('POST', `/api/v1/public/sites/${siteId}/bookings`, { body, headers: { 'Idempotency-Key': 'bk-1' } });
    expect(made.status).toBe(201);
    const b = made.body.booking;
    expect(Object.keys(b).sort()).toEqual(['checkInFrom', 'checkInUntil', 'code', 'date', 'serviceId', 'siteId', 'slotEnd', 'slotStart', 'state']);
    expect(b).toMatchObject({ siteId, serviceId: 'ktp', date: '2026-11-23', slotStart: '10:00', slotEnd: '10:15', state: 'booked' });
    expect(b.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    const replay = await call('POST', `/api/v1/public/sites/${siteId}/bookings`, { body, headers: { 'Idempotency-Key': 'bk-1' } });
    expect(replay.status).toBe(200);
    expect(replay.body.booking).toEqual(b);
    const second = await call('POST', `/api/v1/public/sites/${siteId}/bookings`, { body: { ...body, slotStart: '11:00', nik: undefined } });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('BOOKING_LIMIT');
    const bad = await call('POST', `/api/v1/public/sites/${siteId}/bookings`, { body: { ...body, nik: 'abc' } });
    expect(bad.status).toBe(400);

    expect((await call('GET', `/api/v1/public/bookings/${b.code}`)).body.booking).toEqual(b);
    const kiosk = { token: KIOSK_TOKEN };
    const early = await call('POST', `/api/v1/sites/${siteId}/bookings/${b.code}/check-in`, kiosk);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('CHECK_IN_TOO_EARLY');
    clock.advance(110); // 09:50
    const ci = await call('POST', `/api/v1/sites/${siteId}/bookings/${b.code}/check-in`, kiosk);
    expect(ci.status).toBe(201);
    expect(ci.body.ticket.priority).toBe('appointment');
    expect(ci.body.booking).toMatchObject({ state: 'checked_in', ticketId: ci.body.ticket.id });
    expect((await call('POST', `/api/v1/sites/${siteId}/bookings/${b.code}/check-in`, kiosk)).status).toBe(200);

    const staff = await login(url, 'supervisor');
    const list = await call('GET', `/api/v1/sites/${siteId}/bookings?date=2026-11-23&serviceId=ktp`, { token: staff });
    expect(list.status).toBe(200);
    expect(list.body.bookings).toHaveLength(1);
    expect(list.body.counts.checked_in).toBe(1);
    expect((await call('GET', `/api/v1/sites/${siteId}/bookings`, { token: KIOSK_TOKEN })).status).toBe(403);

    const other = await call('POST', `/api/v1/public/sites/${siteId}/bookings`, { body: { ...body, slotStart: '12:00', nik: '3174000000000002', phone: undefined } });
    expect(other.status).toBe(201);
    const cancelled = await call('POST', `/api/v1/public/bookings/${other.body.booking.code}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.booking.state).toBe('cancelled');
    expect((await call('POST', `/api/v1/public/bookings/${other.body.booking.code}/cancel`)).status).toBe(409);
    expect((await call('GET', '/api/v1/public/bookings/not-a-code')).status).toBe(404);

    // Nowhere in clear: responses, the event log (what every socket gets), log lines, Redis.
    const events = await server.redis.xrange(`loket:{${siteId}}:events`, '-', '+');
    expect(events.length).toBeGreaterThan(0);
    const redisText = await dumpRedis(redis().url);
    expect(redisText).toContain(b.code); // the dump does read the bookings
    expect(logs.join('').length).toBeGreaterThan(0);
    for (const [where, text] of [
      ['responses', bodies.join('\n')],
      ['events', JSON.stringify(events)],
      ['logs', logs.join('')],
      ['redis', redisText],
    ] as const) {
      for (const f of FORMS) expect(text.includes(f), `${where} holds ${f}`).toBe(false);
    }
  });

  it('limits booking writes per address (429 RATE_LIMITED)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await api(url, 'POST', `/api/v1/public/sites/${siteId}/bookings`, { body: { serviceId: 'kk', date: '2026-11-23', slotStart: '13:00', nik: `31740000000001${String(i).padStart(2, '0')}` } });
      statuses.push(r.status);
      if (r.status === 429) expect(r.body.error.code).toBe('RATE_LIMITED');
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s !== 429).length).toBeLessThanOrEqual(8);
  });
});

/** Every key and value of a Redis, as text (strings, hashes, lists, sets, sorted sets, streams). */
async function dumpRedis(url: string): Promise<string> {
  const r = new Redis(url);
  const out: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await r.scan(cursor, 'COUNT', 500);
    cursor = next;
    for (const k of batch) {
      const type = await r.type(k);
      out.push(k);
      if (type === 'string') out.push((await r.getBuffer(k))?.toString('latin1') ?? '');
      else if (type === 'hash') out.push(JSON.stringify(await r.hgetall(k)));
      else if (type === 'list') out.push(JSON.stringify(await r.lrange(k, 0, -1)));
      else if (type === 'set') out.push(JSON.stringify(await r.smembers(k)));
      else if (type === 'zset') out.push(JSON.stringify(await r.zrange(k, 0, -1, 'WITHSCORES')));
      else if (type === 'stream') out.push(JSON.stringify(await r.xrange(k, '-', '+')));
    }
  } while (cursor !== '0');
  r.disconnect();
  return out.join('\n');
}
