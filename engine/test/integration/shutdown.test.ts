/**
 * Graceful shutdown on SIGTERM, with real processes: two engine nodes on one Redis behind a
 * small TCP balancer. Node A gets SIGTERM while a request is in flight (its body half sent)
 * and a lobby screen is connected through the balancer. The request finishes with its
 * answer, new connections to A are refused, the screen loses its transport (no server
 * disconnect: Socket.IO reconnects by itself), lands on node B and, resuming from its last
 * seq, misses no event; A exits 0 within the bound.
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { Redis } from 'ioredis';
import type { LoketEvent, ResumeAck, Snapshot } from '../../src/protocol/index.js';
import { keys } from '../../src/store/keys.js';
import { startBalancer, type Balancer } from '../support/balancer.js';
import { spawnEngine, type EngineChild } from '../support/engine-process.js';
import { api, DISPLAY_TOKEN, KIOSK_TOKEN, login } from '../support/harness.js';
import { startRedis, type RedisHandle } from '../support/redis-server.js';

/** A stopping node lets in-flight requests finish for up to 10 s (server.ts); with none left it exits at once. */
const EXIT_BOUND_MS = 5000;

let redis: RedisHandle;
let a: EngineChild;
let b: EngineChild;
let lb: Balancer;
const siteId = `sd-${Date.now().toString(36)}`;
const site = `/api/v1/sites/${siteId}`;

beforeAll(async () => {
  redis = await startRedis();
  [a, b] = await Promise.all([spawnEngine({ redisUrl: redis.url, siteId }), spawnEngine({ redisUrl: redis.url, siteId })]);
  lb = await startBalancer([a.port, b.port]);
}, 60_000);
afterAll(async () => {
  await lb?.close();
  await Promise.all([a?.stop(), b?.stop()]);
  await redis?.stop();
});

async function until(pred: () => boolean, ms = 15_000): Promise<void> {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A POST whose body is sent in two halves: the request is in flight between them. */
function halfSentIssue(url: string): { finish(): Promise<{ status: number; connection: string | undefined; body: { ticket?: { number: string } } }> } {
  const body = JSON.stringify({ serviceId: 'kk' });
  const u = new URL(`${url}${site}/tickets`);
  let answer!: Promise<{ status: number; connection: string | undefined; body: { ticket?: { number: string } } }>;
  const req = request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${KIOSK_TOKEN}` } });
  answer = new Promise((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body: JSON.parse(text) }));
    });
    req.on('error', reject);
  });
  req.flushHeaders();
  req.write(body.slice(0, 5));
  return {
    finish() {
      req.end(body.slice(5));
      return answer;
    },
  };
}

/**
 * A WebSocket client that completed its handshake and then never answers (a frozen TV): it
 * will not return the close frame, so a stop that waited for every connection to end would
 * wait for the WebSocket library's 30 s close timeout, or forever.
 */
async function stalledWebSocket(port: number): Promise<() => void> {
  const c = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    c.once('error', reject);
    c.once('data', (d: Buffer) => (d.toString().startsWith('HTTP/1.1 101') ? resolve() : reject(new Error(d.toString()))));
    c.write(
      ['GET /socket.io/?EIO=4&transport=websocket HTTP/1.1', `Host: 127.0.0.1:${port}`, 'Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version: 13', '', ''].join('\r\n'),
    );
  });
  c.on('error', () => undefined);
  return () => c.destroy();
}

describe('graceful shutdown on SIGTERM', () => {
  it('finishes the request in flight, refuses new ones, moves the screen to the other node without losing an event, exits 0', async () => {
    const staff = await login(b.url, 'staff-1');
    expect((await api(b.url, 'PATCH', `${site}/counters/1`, { token: staff, body: { status: 'open' } })).status).toBe(200);

    // A lobby screen through the balancer (so on node A), resuming after a reconnect as the live controller does.
    const screen = io(`${lb.url}/display`, { auth: { token: DISPLAY_TOKEN }, transports: ['websocket'], forceNew: true, reconnectionDelay: 200, reconnectionDelayMax: 1000 });
    let last = -1;
    let connects = 0;
    const seqs: number[] = [];
    const disconnects: string[] = [];
    const resumes: ResumeAck[] = [];
    screen.on('snapshot', (s: Snapshot) => {
      if (last < 0) last = s.seq;
    });
    screen.on('event', (e: LoketEvent) => {
      if (e.seq <= last) return;
      seqs.push(e.seq);
      last = e.seq;
    });
    screen.on('disconnect', (r) => disconnects.push(r));
    screen.on('connect', () => {
      if (connects++ > 0) screen.emit('resume', { sinceSeq: last }, (ack: ResumeAck) => resumes.push(ack));
    });
    await until(() => last >= 0);
    const first = last;
    expect(lb.accepted.get(a.port)).toBe(1);
    expect(lb.accepted.get(b.port)).toBeUndefined();

    const frozen = await stalledWebSocket(a.port);
    // A request in flight on A: headers and half the body sent.
    const inflight = halfSentIssue(a.url);
    await new Promise((r) => setTimeout(r, 300));
    const signalledAt = Date.now();
    a.child.kill('SIGTERM');

    // The screen is told to go: its transport ends (not a server disconnect, which Socket.IO would not retry).
    await until(() => disconnects.length > 0, 5000);
    expect(disconnects[0]).toBe('transport close');
    // New connections to A are refused.
    await expect(fetch(`${a.url}/readyz`)).rejects.toThrow();
    // Calls go on at node B meanwhile: the screen must not miss them.
    const numbers: string[] = [];
    for (let i = 0; i < 3; i++) {
      const t = await api(b.url, 'POST', `${site}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'ktp' } });
      expect(t.status).toBe(201);
      numbers.push(t.body.ticket.number);
      expect((await api(b.url, 'POST', `${site}/counters/1/call-ticket`, { token: staff, body: { ticketId: t.body.ticket.id } })).status).toBe(200);
      expect((await api(b.url, 'POST', `${site}/tickets/${t.body.ticket.id}/cancel`, { token: staff })).status).toBe(200);
    }
    // The request in flight gets its answer, and its connection is closed after it.
    const answered = await inflight.finish();
    expect(answered.status).toBe(201);
    expect(answered.body.ticket?.number).toMatch(/^[A-Z]+-\d+$/);
    expect(answered.connection).toBe('close');

    const exit = await a.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalledAt).toBeLessThan(EXIT_BOUND_MS);
    expect(a.output()).toContain('stopping');
    frozen();

    // The screen reconnected through the balancer to B, resumed, and has every event, in order.
    await until(() => resumes.length > 0);
    expect(resumes[0]).toMatchObject({ ok: true });
    expect(lb.accepted.get(b.port)).toBeGreaterThanOrEqual(1);
    const admin = new Redis(redis.url);
    const head = Number(await admin.get(keys.eventSeq(siteId)));
    admin.disconnect();
    await until(() => last === head);
    expect(seqs).toEqual(Array.from({ length: head - first }, (_, i) => first + 1 + i));
    expect(disconnects).toEqual(['transport close']);
    screen.close();
  }, 60_000);
});
