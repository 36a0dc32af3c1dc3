/**
 * Booking webhooks against a real Redis and a receiver written from the Standard Webhooks spec:
 * `booking.created`, `.cancelled`, `.checked_in`, `.rescheduled`, and the reminders as BullMQ delayed jobs. The
 * engine's clock runs a few minutes off the real one, so a slot "an hour ahead" has its
 * hour-before reminder due a few real seconds after booking.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, KIOSK_TOKEN, login, startTestEngine, type TestEngine } from '../support/harness.js';
import { startRedis, type RedisHandle } from '../support/redis-server.js';

interface Received {
  id: string;
  body: string;
  valid: boolean;
  payload: { id: string; type: string; at: string; siteId: string; data: Record<string, any> };
}

let offset = 0;
const now = () => Date.now() + offset;

let redis: RedisHandle;
let engine: TestEngine;
let r: Redis;
let secret = '';
const got: Received[] = [];
const siteId = `bw-${Date.now().toString(36)}`;
const NIKS = ['3174010000000001', '3174010000000002', '3174010000000003', '3174010000000004'];

/** Verifies as a mall's SMS gateway would (against the engine's clock), records, answers 204. */
const server: Server = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const id = String(req.headers['webhook-id']);
    const ts = Number(req.headers['webhook-timestamp']);
    const key = Buffer.from(secret.split('_')[1]!, 'base64');
    const expected = createHmac('sha256', key).update(`${id}.${ts}.${body}`).digest();
    const valid =
      Math.abs(now() / 1000 - ts) < 300 &&
      String(req.headers['webhook-signature'] ?? '')
        .split(' ')
        .some((s) => {
          const [v, b64] = s.split(',');
          const sig = Buffer.from(b64 ?? '', 'base64');
          return v === 'v1' && sig.length === expected.length && timingSafeEqual(sig, expected);
        });
    got.push({ id, body, valid, payload: JSON.parse(body) });
    res.writeHead(valid ? 204 : 401).end();
  });
});

beforeAll(async () => {
  redis = await startRedis();
  engine = await startTestEngine({
    redisUrl: redis.url,
    siteId,
    clock: now,
    env: { LOKET_WEBHOOK_BACKOFF_MS: '40' },
    editSite: (raw) => {
      for (const a of raw.agencies as { services: { id: string; booking?: Record<string, unknown> }[] }[]) {
        for (const s of a.services) if (s.id === 'ktp') s.booking = { capacityPerSlot: 6, checkInBeforeMinutes: 90 };
      }
    },
  });
  r = new Redis(redis.url);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
});
afterAll(async () => {
  r?.disconnect();
  await engine?.stop();
  await redis?.stop();
  server.close();
});

async function waitFor(pred: () => boolean, ms = 8000): Promise<void> {
  const start = Date.now();
  while (!pred()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((ok) => setTimeout(ok, 25));
  }
}

/** Local date and HH:MM in Jakarta (UTC+7, no DST) of an instant. */
const jakarta = (ms: number) => {
  const iso = new Date(ms + 7 * 3_600_000).toISOString();
  return { date: iso.slice(0, 10), hhmm: iso.slice(11, 16) };
};

/** The booking the second test moves (made by the first). */
const moved = { code: '', date: '', hhmm: '' };

describe('booking webhooks', () => {
  it('sends booking changes and the hour-before reminder, signed, with the code and no NIK; none for a cancelled or checked-in booking', async () => {
    const admin = await login(engine.url, 'admin');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const events = ['booking.created', 'booking.cancelled', 'booking.checked_in', 'booking.reminder', 'booking.rescheduled'];
    const hook = await api(engine.url, 'POST', `/api/v1/sites/${siteId}/webhooks`, { token: admin, body: { url, events } });
    expect(hook.status).toBe(201);
    secret = hook.body.webhook.secret;

    // A slot starting 60 min + 4 real seconds from the engine's now: its hour-before reminder is 4 s away.
    const realNow = Date.now();
    const slotStart = Math.ceil((realNow + 62 * 60_000) / 900_000) * 900_000;
    offset = slotStart - 3_600_000 - 4000 - realNow;
    const { date, hhmm } = jakarta(slotStart);
    const book = async (nik: string, d = date) => {
      const res = await api(engine.url, 'POST', `/api/v1/public/sites/${siteId}/bookings`, { body: { serviceId: 'ktp', date: d, slotStart: hhmm, nik } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.booking.code as string;
    };
    const kept = await book(NIKS[0]!);
    moved.date = jakarta(slotStart + 2 * 86_400_000).date;
    moved.hhmm = hhmm;
    const cancelled = await book(NIKS[1]!);
    const checkedIn = await book(NIKS[2]!);
    const tomorrow = await book(NIKS[3]!, jakarta(slotStart + 86_400_000).date);
    moved.code = tomorrow;

    // Scheduled: the hour-before of each, the day-before only where it is still ahead.
    const delayed = async (code: string, kind: string) => (await r.zscore('loket:bull:loket-webhooks:delayed', `rm.${siteId}.${code}.${kind}`)) !== null;
    expect(await delayed(kept, 'hour_before')).toBe(true);
    expect(await delayed(kept, 'day_before')).toBe(false);
    expect(await delayed(tomorrow, 'hour_before')).toBe(true);
    expect(await delayed(tomorrow, 'day_before')).toBe(true);

    expect((await api(engine.url, 'POST', `/api/v1/public/bookings/${cancelled}/cancel`)).status).toBe(200);
    const ci = await api(engine.url, 'POST', `/api/v1/sites/${siteId}/bookings/${checkedIn}/check-in`, { token: KIOSK_TOKEN });
    expect(ci.status, JSON.stringify(ci.body)).toBe(201);
    // The reminders are unscheduled right after the answer (the extension runs beside the request).
    const gone = async (code: string) => {
      for (let i = 0; i < 100 && (await delayed(code, 'hour_before')); i++) await new Promise((ok) => setTimeout(ok, 20));
      return !(await delayed(code, 'hour_before'));
    };
    expect(await gone(cancelled)).toBe(true);
    expect(await gone(checkedIn)).toBe(true);

    const reminders = () => got.filter((g) => g.payload.type === 'booking.reminder');
    await waitFor(() => reminders().length >= 1 && got.some((g) => g.payload.type === 'booking.checked_in'));
    await new Promise((ok) => setTimeout(ok, 800)); // nothing more may come
    expect(got.every((g) => g.valid)).toBe(true);
    expect(reminders()).toHaveLength(1);
    const rm = reminders()[0]!;
    expect(rm.id).toBe(`msg_${siteId}_rm_${kept}_hour_before`);
    expect(rm.payload).toMatchObject({ siteId, data: { reminder: 'hour_before', booking: { code: kept, state: 'booked', date, slotStart: hhmm, serviceId: 'ktp' } } });
    const byType = (t: string) => got.filter((g) => g.payload.type === t).map((g) => g.payload.data.booking.code).sort();
    expect(byType('booking.created')).toEqual([kept, cancelled, checkedIn, tomorrow].sort());
    expect(byType('booking.cancelled')).toEqual([cancelled]);
    expect(byType('booking.checked_in')).toEqual([checkedIn]);
    expect(new Set(got.map((g) => g.id)).size).toBe(got.length); // exactly once each
    // No NIK nor phone in any message: the gateway maps the code to the citizen.
    const all = got.map((g) => g.body).join('\n');
    for (const nik of NIKS) expect(all).not.toContain(nik);
    expect(all).not.toMatch(/"(nik|phone)"/);
  });

  it('sends booking.rescheduled once per move and moves the reminders with the booking', async () => {
    const job = async (kind: string) => Number(await r.hget(`loket:bull:loket-webhooks:rm.${siteId}.${moved.code}.${kind}`, 'delay'));
    const before = { hour: await job('hour_before'), day: await job('day_before') };
    expect(before.hour).toBeGreaterThan(0);
    const res = await api(engine.url, 'POST', `/api/v1/public/bookings/${moved.code}/reschedule`, { body: { date: moved.date, slotStart: moved.hhmm } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.booking).toMatchObject({ code: moved.code, date: moved.date, slotStart: moved.hhmm, state: 'booked' });
    await waitFor(() => got.some((g) => g.payload.type === 'booking.rescheduled'));
    const msg = got.find((g) => g.payload.type === 'booking.rescheduled')!;
    expect(msg.valid).toBe(true);
    expect(msg.id).toBe(`msg_${siteId}_bk_${moved.code}_rescheduled_m1`);
    expect(msg.payload.data.booking).toMatchObject({ code: moved.code, date: moved.date, slotStart: moved.hhmm });
    // One day later, each reminder with it (the job was replaced, so its delay counts from the move).
    const after = { hour: await job('hour_before'), day: await job('day_before') };
    expect(Math.abs(after.hour - before.hour - 86_400_000)).toBeLessThan(10_000);
    expect(Math.abs(after.day - before.day - 86_400_000)).toBeLessThan(10_000);
  });
});
