import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, DISPLAY_TOKEN, KIOSK_TOKEN, login, startTestEngine, type TestEngine } from '../support/harness.js';
import { startRedis, type RedisHandle } from '../support/redis-server.js';
import { connectRecorder, refusedCode } from '../support/socket-client.js';

let redis: RedisHandle;
let a: TestEngine;
let b: TestEngine;
let staffA: string;
const siteId = `rt-${Date.now().toString(36)}`;

beforeAll(async () => {
  redis = await startRedis();
  a = await startTestEngine({ redisUrl: redis.url, siteId, jobs: false });
  b = await startTestEngine({ redisUrl: redis.url, siteId, jobs: false });
  staffA = await login(a.url, 'staff-1');
  await api(a.url, 'PATCH', `/api/v1/sites/${siteId}/counters/1`, { token: staffA, body: { status: 'open' } });
});
afterAll(async () => {
  await a.stop();
  await b.stop().catch(() => undefined);
  await redis.stop();
});

const site = `/api/v1/sites/${siteId}`;
async function issueAndCall(url: string, token: string): Promise<string> {
  const t = await api(url, 'POST', `${site}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'ktp' } });
  const c = await api(url, 'POST', `${site}/counters/1/call-ticket`, { token, body: { ticketId: t.body.ticket.id } });
  expect(c.status).toBe(200);
  await api(url, 'POST', `${site}/tickets/${t.body.ticket.id}/cancel`, { token });
  return t.body.ticket.number as string;
}

describe('live events over Socket.IO', () => {
  it('sends a snapshot on connect with counters, waiting counts and site info', async () => {
    const d = await connectRecorder(b.url, '/display', DISPLAY_TOKEN);
    const s = d.snapshots[0]!;
    expect(s.counters).toHaveLength(26);
    expect(s.counters.find((c) => c.id === '1')?.status).toBe('open');
    expect(Object.keys(s.waiting)).toContain('ktp');
    expect(s.site.id).toBe(siteId);
    expect(s.seq).toBeGreaterThan(0);
    d.close();
  });

  it('delivers a call made through node A to a display connected to node B', async () => {
    const d = await connectRecorder(b.url, '/display', DISPLAY_TOKEN);
    const number = await issueAndCall(a.url, staffA);
    await d.waitFor(() => d.events.some((e) => e.type === 'ticket.called'));
    const called = d.events.find((e) => e.type === 'ticket.called')!;
    expect(called).toMatchObject({ type: 'ticket.called', siteId, counterId: '1' });
    expect('ticket' in called && called.ticket.number).toBe(number);
    expect('ticket' in called && 'statusToken' in called.ticket).toBe(false);
    d.close();
  });

  it('replays exactly the three calls a display missed while disconnected, in order', async () => {
    const d = await connectRecorder(b.url, '/display', DISPLAY_TOKEN);
    const seen = d.lastSeq;
    d.socket.disconnect();
    const numbers = [await issueAndCall(a.url, staffA), await issueAndCall(a.url, staffA), await issueAndCall(a.url, staffA)];
    const d2 = await connectRecorder(b.url, '/display', DISPLAY_TOKEN);
    d2.lastSeq = seen; // a display keeps its last seq across reconnects and asks for what it missed
    d2.events.length = 0;
    const ack = await d2.resume(seen);
    expect(ack.ok).toBe(true);
    const calls = d2.events.filter((e) => e.type === 'ticket.called');
    expect(calls.map((e) => ('ticket' in e ? e.ticket.number : ''))).toEqual(numbers);
    expect(d2.events.map((e) => e.seq)).toEqual(d2.events.map((_, i) => seen + 1 + i));
    d.close();
    d2.close();
  });

  it('gives every client a gap-free flow from its snapshot while events pour in', async () => {
    const kiosk = Array.from({ length: 60 }, () => api(a.url, 'POST', `${site}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'kk' } }));
    const clients = await Promise.all(Array.from({ length: 5 }, () => connectRecorder(b.url, '/display', DISPLAY_TOKEN)));
    await Promise.all(kiosk);
    const last = Math.max(...clients.map((c) => c.lastSeq));
    for (const c of clients) {
      await c.waitFor(() => c.lastSeq >= last);
      const from = c.snapshots[0]!.seq;
      expect(c.events.map((e) => e.seq)).toEqual(c.events.map((_, i) => from + 1 + i));
      c.close();
    }
  });

  it('joins every display to the live flow even when it connects while events pour in', async () => {
    let pouring = true;
    const pour = (async () => {
      while (pouring) await api(a.url, 'POST', `${site}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'akta' } });
    })();
    const clients = [];
    for (let i = 0; i < 8; i++) clients.push(...(await Promise.all(Array.from({ length: 5 }, () => connectRecorder(b.url, '/display', DISPLAY_TOKEN)))));
    pouring = false;
    await pour;
    const number = await issueAndCall(a.url, staffA);
    for (const c of clients) {
      await c.waitFor(() => c.events.some((e) => e.type === 'ticket.called' && 'ticket' in e && e.ticket.number === number));
      const from = c.snapshots[c.snapshots.length - 1]!.seq;
      const after = c.events.filter((e) => e.seq > from).map((e) => e.seq);
      expect(after).toEqual(after.map((_, i) => from + 1 + i));
      c.close();
    }
  });

  it('answers a client that is ahead of the log (store reset) with a fresh snapshot', async () => {
    const d = await connectRecorder(b.url, '/display', DISPLAY_TOKEN);
    const ack = await d.resume(d.lastSeq + 1000);
    expect(ack).toMatchObject({ ok: true, snapshotSent: true });
    await d.waitFor(() => d.snapshots.length === 2);
    d.close();
  });

  it('loses no event for a display reconnecting after an engine restart', async () => {
    const d = await connectRecorder(b.url, '/display', DISPLAY_TOKEN);
    const seen = d.lastSeq;
    await b.stop();
    const numbers = [await issueAndCall(a.url, staffA), await issueAndCall(a.url, staffA)];
    b = await startTestEngine({ redisUrl: redis.url, siteId, jobs: false });
    const d2 = await connectRecorder(b.url, '/display', DISPLAY_TOKEN);
    d2.lastSeq = seen;
    d2.events.length = 0;
    await d2.resume(seen);
    expect(d2.events.filter((e) => e.type === 'ticket.called').map((e) => ('ticket' in e ? e.ticket.number : ''))).toEqual(numbers);
    expect(d2.events[0]!.seq).toBe(seen + 1);
    d.close();
    d2.close();
  });

  it('refuses unauthenticated and wrong-role sockets', async () => {
    expect(await refusedCode(a.url, '/display', undefined)).toBe('UNAUTHENTICATED');
    expect(await refusedCode(a.url, '/display', 'forged')).toBe('UNAUTHENTICATED');
    expect(await refusedCode(a.url, '/counter', DISPLAY_TOKEN)).toBe('FORBIDDEN');
    expect(await refusedCode(a.url, '/supervisor', staffA)).toBe('FORBIDDEN');
    expect(await refusedCode(a.url, '/public', 'nope.nope')).toBe('UNAUTHENTICATED');
    const sup = await connectRecorder(a.url, '/supervisor', await login(a.url, 'supervisor'));
    expect(sup.snapshots).toHaveLength(1);
    sup.close();
  });

  it('refuses a browser socket from a foreign Origin', async () => {
    const { io } = await import('socket.io-client');
    const s = io(`${a.url}/display`, { auth: { token: DISPLAY_TOKEN }, transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { origin: 'http://evil.example' } });
    const outcome = await new Promise<string>((resolve) => {
      s.once('connect', () => resolve('connected'));
      s.once('connect_error', () => resolve('refused'));
    });
    s.close();
    expect(outcome).toBe('refused');
  });

  it('lets a citizen watch one ticket on /public by its status token', async () => {
    const t = (await api(a.url, 'POST', `${site}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'ktp' } })).body.ticket;
    const p = await connectRecorder(b.url, '/public', t.statusToken);
    expect(p.snapshots[0]!.ticket).toMatchObject({ id: t.id, number: t.number, state: 'waiting' });
    await api(a.url, 'POST', `${site}/counters/1/call-ticket`, { token: staffA, body: { ticketId: t.id } });
    await p.waitFor(() => p.events.some((e) => e.type === 'ticket.called' && 'ticket' in e && e.ticket.id === t.id));
    await api(a.url, 'POST', `${site}/tickets/${t.id}/cancel`, { token: staffA });
    p.close();
  });
});
