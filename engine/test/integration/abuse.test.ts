/**
 * Abuse, as an attacker would try it: guessing a password from many addresses, a kiosk
 * credential used to hoard tickets or grant itself privileges, staff reaching into another
 * agency's queue, a borrowed Idempotency-Key, a logged-out socket that keeps listening,
 * tokens in the logs, an unpaged ticket list.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { api, KIOSK_TOKEN, login, startTestEngine, type TestEngine } from '../support/harness.js';
import { startRedis, type RedisHandle } from '../support/redis-server.js';
import { connectRecorder } from '../support/socket-client.js';

let redis: RedisHandle;
/** Behind a proxy on loopback (LOKET_TRUST_PROXY=loopback): X-Forwarded-For names the client. */
let proxied: TestEngine;
/** Default: no proxy trusted; tight issue limits; every log line kept. */
let plain: TestEngine;
const lines: string[] = [];
const siteId = `ab-${Date.now().toString(36)}`;
const site = `/api/v1/sites/${siteId}`;

beforeAll(async () => {
  redis = await startRedis();
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      cb();
    },
  });
  proxied = await startTestEngine({ redisUrl: redis.url, siteId, jobs: false, env: { LOKET_TRUST_PROXY: 'loopback' }, log: createLogger('info', sink) });
  plain = await startTestEngine({
    redisUrl: redis.url,
    siteId,
    jobs: false,
    env: { LOKET_ISSUE_PER_MINUTE_DEVICE: '5', LOKET_LOGIN_PER_MINUTE: '5' },
    log: createLogger('info', sink),
  });
});
afterAll(async () => {
  await proxied.stop();
  await plain.stop();
  await redis.stop();
});

describe('logins', () => {
  it('stops 40 guesses at one account from 40 addresses, and keeps it shut for the right password too (Retry-After)', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 40; i++) {
      const r = await api(proxied.url, 'POST', '/api/v1/auth/login', {
        body: { username: 'staff-2', password: `guess-${i}` },
        headers: { 'x-forwarded-for': `10.0.${i}.7` },
      });
      codes.push(r.status);
    }
    expect(codes.filter((c) => c === 401)).toHaveLength(10);
    expect(codes.slice(10).every((c) => c === 429)).toBe(true);
    const right = await fetch(`${proxied.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.9.9.9' },
      body: JSON.stringify({ username: 'staff-2', password: 'demo' }),
    });
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(60);
    // The count lives in Redis: the other node refuses too.
    expect((await api(plain.url, 'POST', '/api/v1/auth/login', { body: { username: 'staff-2', password: 'demo' } })).status).toBe(429);
  });

  it('ignores X-Forwarded-For unless a proxy is configured: one address is one address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await api(plain.url, 'POST', '/api/v1/auth/login', { body: { username: `nobody-${i}`, password: 'x' }, headers: { 'x-forwarded-for': `10.1.${i}.1` } });
      codes.push(r.status);
    }
    // 5 per address and minute, shared in Redis (this address already tried once above): the forged headers change nothing.
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(5);
    expect(codes.slice(-2)).toEqual([429, 429]);
  });
});

describe('issuing', () => {
  it('limits one kiosk credential per minute (429 with Retry-After), so it cannot use up a quota', async () => {
    const statuses: number[] = [];
    let retryAfter = '';
    for (let i = 0; i < 8; i++) {
      const r = await fetch(`${plain.url}${site}/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${KIOSK_TOKEN}` },
        body: JSON.stringify({ serviceId: 'kk' }),
      });
      statuses.push(r.status);
      if (r.status === 429) retryAfter = r.headers.get('retry-after') ?? '';
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it('decides privileges by role: a kiosk may not issue appointments or online tickets', async () => {
    const appointment = await api(proxied.url, 'POST', `${site}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'kk', priority: 'appointment' } });
    expect(appointment.status).toBe(403);
    const online = await api(proxied.url, 'POST', `${site}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'kk', channel: 'online' } });
    expect(online.status).toBe(403);
    const priority = await api(proxied.url, 'POST', `${site}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'kk', priority: 'priority', priorityReason: 'elderly' } });
    expect(priority.status).toBe(201);
  });

  it("keeps staff out of another agency's queue: no appointment there, no transfer to its front", async () => {
    const staff = await login(proxied.url, 'staff-1'); // dukcapil
    const foreign = await api(proxied.url, 'POST', `${site}/tickets`, { token: staff, body: { serviceId: 'paspor', priority: 'appointment' } });
    expect(foreign.status).toBe(403);
    const own = await api(proxied.url, 'POST', `${site}/tickets`, { token: staff, body: { serviceId: 'kk', priority: 'appointment' } });
    expect(own.status).toBe(201);
    const mine = await api(proxied.url, 'POST', `${site}/tickets`, { token: staff, body: { serviceId: 'kk' } });
    const front = await api(proxied.url, 'POST', `${site}/tickets/${mine.body.ticket.id}/transfer`, { token: staff, body: { serviceId: 'paspor', position: 'front' } });
    expect(front.status).toBe(403);
    const keep = await api(proxied.url, 'POST', `${site}/tickets/${mine.body.ticket.id}/transfer`, { token: staff, body: { serviceId: 'paspor', position: 'keep' } });
    expect(keep.status).toBe(200);
  });

  it("scopes Idempotency-Key to the caller: staff reusing a kiosk's key get their own ticket, not the kiosk's token", async () => {
    const key = `k-${Date.now()}`;
    const kiosk = await api(proxied.url, 'POST', `${site}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'kk' }, headers: { 'idempotency-key': key } });
    expect(kiosk.status).toBe(201);
    const staff = await login(proxied.url, 'staff-1');
    const other = await api(proxied.url, 'POST', `${site}/tickets`, { token: staff, body: { serviceId: 'kk', channel: 'kiosk' }, headers: { 'idempotency-key': key } });
    expect(other.status).toBe(201);
    expect(other.body.ticket.id).not.toBe(kiosk.body.ticket.id);
    expect(other.body.ticket.statusToken).not.toBe(kiosk.body.ticket.statusToken);
    const replay = await api(proxied.url, 'POST', `${site}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'kk' }, headers: { 'idempotency-key': key } });
    expect(replay.status).toBe(200);
    expect(replay.body.ticket.id).toBe(kiosk.body.ticket.id);
  });

  it('pages GET /tickets (limit, cursor); the old form answers the first page', async () => {
    const staff = await login(proxied.url, 'supervisor');
    const all: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 50; i++) {
      const r = await api(proxied.url, 'GET', `${site}/tickets?limit=3${cursor ? `&cursor=${cursor}` : ''}`, { token: staff });
      expect(r.status).toBe(200);
      expect(r.body.tickets.length).toBeLessThanOrEqual(3);
      all.push(...r.body.tickets.map((t: { id: string }) => t.id));
      cursor = r.body.nextCursor;
      if (!cursor) break;
    }
    const whole = await api(proxied.url, 'GET', `${site}/tickets`, { token: staff });
    expect(whole.status).toBe(200);
    expect(all).toEqual(whole.body.tickets.map((t: { id: string }) => t.id));
    expect(new Set(all).size).toBe(all.length);
    expect((await api(proxied.url, 'GET', `${site}/tickets?limit=100000`, { token: staff })).status).toBe(400);
  });
});

describe('sessions', () => {
  it('closes a logged-out account’s socket on every node within a second', async () => {
    const token = await login(proxied.url, 'staff-3');
    const desk = await connectRecorder(plain.url, '/counter', token);
    let closedAt = 0;
    desk.socket.on('disconnect', () => (closedAt = Date.now()));
    const t0 = Date.now();
    expect((await api(proxied.url, 'POST', '/api/v1/auth/logout', { token })).status).toBe(204);
    await desk.waitFor(() => closedAt > 0, 1500);
    expect(closedAt - t0).toBeLessThan(1000);
    // And the other node no longer takes the token (no 2-second cache).
    expect((await api(plain.url, 'GET', '/api/v1/auth/me', { token })).status).toBe(401);
  });

  it('writes no token and no password to any log line', async () => {
    const t = await api(proxied.url, 'POST', `${site}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'kk' } });
    const statusToken = t.body.ticket.statusToken as string;
    await api(proxied.url, 'GET', `/api/v1/public/tickets/${statusToken}?token=${KIOSK_TOKEN}`);
    const citizen = await connectRecorder(proxied.url, '/public', statusToken);
    citizen.close();
    const staff = await login(proxied.url, 'staff-4');
    await api(proxied.url, 'GET', `${site}/tickets?state=waiting`, { token: staff });
    await api(proxied.url, 'POST', '/api/v1/auth/logout', { token: staff });
    await new Promise((r) => setTimeout(r, 200));
    expect(lines.length).toBeGreaterThan(5);
    const secrets = [statusToken, statusToken.split('.')[1]!, KIOSK_TOKEN, staff, '"demo"', 'guess-1'];
    for (const line of lines) for (const s of secrets) expect(line.includes(s), `a log line holds a secret: ${line}`).toBe(false);
  });
});
