/**
 * Outgoing webhooks against a receiver written from the Standard Webhooks spec (not from our
 * signing code): signature and headers, retries under the same id, exactly once with two
 * engine nodes tailing the same events, redelivery, and an endpoint disabled after failures.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, KIOSK_TOKEN, login, startTestEngine, type TestEngine } from '../support/harness.js';
import { startRedis, type RedisHandle } from '../support/redis-server.js';

interface Received {
  id: string;
  timestamp: number;
  body: string;
  valid: boolean;
  payload: { id: string; type: string; at: string; siteId: string; data: Record<string, any> };
}

/** A receiver as a mall's SMS gateway would write it: verify, record, answer fast. */
function receiver(secret: () => string, failFirst: (id: string, nth: number) => boolean) {
  const got: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const id = String(req.headers['webhook-id']);
      const timestamp = Number(req.headers['webhook-timestamp']);
      const sigs = String(req.headers['webhook-signature'] ?? '').split(' ');
      const key = Buffer.from(secret().split('_')[1]!, 'base64');
      const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
      const valid =
        Math.abs(Date.now() / 1000 - timestamp) < 300 &&
        sigs.some((s) => {
          const [v, b64] = s.split(',');
          const sig = Buffer.from(b64 ?? '', 'base64');
          return v === 'v1' && sig.length === expected.length && timingSafeEqual(sig, expected);
        });
      got.push({ id, timestamp, body, valid, payload: JSON.parse(body) });
      const nth = got.filter((g) => g.id === id).length;
      res.writeHead(valid && !failFirst(id, nth) ? 204 : 500).end();
    });
  });
  return {
    got,
    server,
    async listen(): Promise<string> {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    },
  };
}

let redis: RedisHandle;
let a: TestEngine;
let b: TestEngine;
let admin: string;
let staff: string;
const siteId = `wh-${Date.now().toString(36)}`;
const site = `/api/v1/sites/${siteId}`;
let secret = '';
let failingId = '';
const rx = receiver(
  () => secret,
  (id, nth) => {
    failingId ||= id;
    return id === failingId && nth <= 2;
  },
);
const env = { LOKET_WEBHOOK_BACKOFF_MS: '40', LOKET_WEBHOOK_DISABLE_AFTER: '3' };

beforeAll(async () => {
  redis = await startRedis();
  a = await startTestEngine({ redisUrl: redis.url, siteId, env });
  b = await startTestEngine({ redisUrl: redis.url, siteId, env });
  admin = await login(a.url, 'admin');
  staff = await login(b.url, 'staff-1');
});
afterAll(async () => {
  await a?.stop();
  await b?.stop().catch(() => undefined);
  await redis?.stop();
  rx.server.close();
});

async function waitFor(pred: () => boolean | Promise<boolean>, ms = 8000): Promise<void> {
  const start = Date.now();
  while (!(await pred())) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('outgoing webhooks', () => {
  let hookId = '';

  it('creates an endpoint with a whsec_ secret shown once', async () => {
    const url = await rx.listen();
    const r = await api(a.url, 'POST', `${site}/webhooks`, { token: admin, body: { url, events: ['ticket.issued', 'ticket.called', 'position.near'] } });
    expect(r.status).toBe(201);
    expect(r.body.webhook.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    secret = r.body.webhook.secret;
    hookId = r.body.webhook.id;
    const list = await api(b.url, 'GET', `${site}/webhooks`, { token: await login(b.url, 'admin') });
    expect(list.body.webhooks).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(secret);
    expect((await api(a.url, 'POST', `${site}/webhooks`, { token: admin, body: { url: 'ftp://x', events: ['ticket.issued'] } })).status).toBe(400);
  });

  it('delivers each event exactly once with two engine nodes, signed, retried under the same id after failures', async () => {
    const issued: string[] = [];
    for (let i = 0; i < 6; i++) {
      const node = i % 2 ? b : a;
      const t = await api(node.url, 'POST', `${site}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'ktp' } });
      expect(t.status).toBe(201);
      issued.push(t.body.ticket.id);
    }
    await api(b.url, 'PATCH', `${site}/counters/1`, { token: staff, body: { status: 'open' } });
    const call = await api(b.url, 'POST', `${site}/counters/1/call-next`, { token: staff });
    expect(call.body.ticket.id).toBe(issued[0]);
    // 6 issued + 1 called + position.near for the 4 tickets now 0..3 ahead; the first message failed twice.
    const distinct = () => new Set(rx.got.map((g) => g.id));
    await waitFor(() => distinct().size >= 11 && rx.got.filter((g) => g.id === failingId).length >= 3);
    await new Promise((r) => setTimeout(r, 600)); // nothing more may come
    expect(rx.got.every((g) => g.valid)).toBe(true);
    expect(distinct().size).toBe(11);
    const byType = (type: string) => [...new Set(rx.got.filter((g) => g.payload.type === type).map((g) => g.id))];
    expect(byType('ticket.issued')).toHaveLength(6);
    expect(byType('ticket.called')).toHaveLength(1);
    expect(byType('position.near')).toHaveLength(4);
    // Exactly once each, except the one that failed twice: three tries of the same message.
    for (const id of distinct()) expect(rx.got.filter((g) => g.id === id).length, id).toBe(id === failingId ? 3 : 1);
    const retried = rx.got.filter((g) => g.id === failingId);
    expect(new Set(retried.map((g) => g.body)).size).toBe(1);
    expect(retried[0]!.payload.id).toBe(failingId);
    const issuedMsg = rx.got.find((g) => g.payload.type === 'ticket.issued')!.payload;
    expect(issuedMsg).toMatchObject({ siteId, data: { ticket: { serviceId: 'ktp', state: 'waiting' } } });
    expect(JSON.stringify(rx.got.map((g) => g.payload))).not.toContain('statusToken');
    const near = rx.got.filter((g) => g.payload.type === 'position.near').map((g) => g.payload.data.position).sort();
    expect(near).toEqual([0, 1, 2, 3]);
  });

  it('logs deliveries with their attempts and redelivers one under the same id', async () => {
    const r = await api(a.url, 'GET', `${site}/webhooks/${hookId}/deliveries`, { token: admin });
    expect(r.status).toBe(200);
    const failed = r.body.deliveries.find((d: { id: string }) => d.id === failingId);
    expect(failed).toMatchObject({ state: 'delivered', attempts: 3, lastStatus: 204 });
    expect(r.body.deliveries.every((d: { state: string }) => d.state === 'delivered')).toBe(true);
    const before = rx.got.length;
    const other = r.body.deliveries.find((d: { id: string }) => d.id !== failingId).id as string;
    expect((await api(b.url, 'POST', `${site}/webhooks/${hookId}/deliveries/${other}/redeliver`, { token: await login(b.url, 'admin') })).status).toBe(202);
    await waitFor(() => rx.got.length > before);
    expect(rx.got.at(-1)!.id).toBe(other);
  });

  it('disables an endpoint after repeated failure', async () => {
    const dead = await api(a.url, 'POST', `${site}/webhooks`, { token: admin, body: { url: 'http://127.0.0.1:9/down', events: ['ticket.issued'] } });
    await api(a.url, 'POST', `${site}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'kk' } });
    await waitFor(async () => (await api(a.url, 'GET', `${site}/webhooks`, { token: admin })).body.webhooks.find((w: { id: string }) => w.id === dead.body.webhook.id).disabled);
    const audit = await api(a.url, 'GET', `${site}/audit`, { token: admin });
    expect(audit.body.entries.some((e: { action: string; actor: string }) => e.action === 'webhook.disable' && e.actor === 'system')).toBe(true);
  });
});
