import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../src/store/keys.js';
import { api, KIOSK_TOKEN, login, startTestEngine, type TestEngine } from '../support/harness.js';
import { canAct, TICKET_ACTION_NAMES, type TicketState } from '../../src/protocol/index.js';

let e: TestEngine;
let staff: string;
beforeAll(async () => {
  e = await startTestEngine({ jobs: false });
  staff = await login(e.url, 'staff-1');
});
afterAll(async () => {
  await e.stop();
});

const site = () => `/api/v1/sites/${e.siteId}`;

async function issue(serviceId = 'ktp') {
  const r = await api(e.url, 'POST', `${site()}/tickets`, { token: KIOSK_TOKEN, body: { serviceId } });
  expect(r.status).toBe(201);
  return r.body.ticket as { id: string; number: string };
}

/** Brings a fresh ticket into a state through legal steps at counter 1. */
async function ticketIn(state: TicketState): Promise<string> {
  const t = await issue();
  if (state === 'waiting') return t.id;
  // Make sure counter 1 is free and this ticket is next: call it by id.
  const called = await api(e.url, 'POST', `${site()}/counters/1/call-ticket`, { token: staff, body: { ticketId: t.id } });
  expect(called.status).toBe(200);
  if (state === 'called') return t.id;
  if (state === 'no_show' || state === 'cancelled') {
    expect((await api(e.url, 'POST', `${site()}/tickets/${t.id}/${state === 'no_show' ? 'no-show' : 'cancel'}`, { token: staff })).status).toBe(200);
    return t.id;
  }
  expect((await api(e.url, 'POST', `${site()}/tickets/${t.id}/start`, { token: staff })).status).toBe(200);
  if (state === 'serving') return t.id;
  expect((await api(e.url, 'POST', `${site()}/tickets/${t.id}/finish`, { token: staff })).status).toBe(200);
  return t.id;
}

async function release(id: string): Promise<void> {
  const t = await e.server.redis.hget(keys.ticket(e.siteId, id), 'state');
  if (t === 'called') await api(e.url, 'POST', `${site()}/tickets/${id}/cancel`, { token: staff });
  if (t === 'serving') await api(e.url, 'POST', `${site()}/tickets/${id}/finish`, { token: staff });
}

describe('ticket transitions over HTTP', () => {
  beforeAll(async () => {
    expect((await api(e.url, 'PATCH', `${site()}/counters/1`, { token: staff, body: { status: 'open' } })).status).toBe(200);
  });

  const states: TicketState[] = ['waiting', 'called', 'serving', 'done', 'no_show', 'cancelled'];
  for (const state of states) {
    for (const action of TICKET_ACTION_NAMES.filter((a) => a !== 'call')) {
      const legal = canAct(action, state);
      it(`${action} from ${state} ${legal ? 'answers 200 with the ticket and the seq of its event' : 'is 409 INVALID_TRANSITION and changes nothing'}`, async () => {
        const id = await ticketIn(state);
        const redis = e.server.redis;
        const before = { t: await redis.hgetall(keys.ticket(e.siteId, id)), seq: await redis.get(keys.eventSeq(e.siteId)) };
        const body = action === 'transfer' ? { serviceId: 'kk' } : undefined;
        const r = await api(e.url, 'POST', `${site()}/tickets/${id}/${action}`, { token: staff, ...(body ? { body } : {}) });
        if (legal) {
          expect(r.status).toBe(200);
          expect(r.body.ticket.id).toBe(id);
          expect(r.body.seq).toBe(Number(await redis.get(keys.eventSeq(e.siteId))));
          expect(r.body.seq).toBeGreaterThan(Number(before.seq));
        } else {
          expect(r.status).toBe(409);
          expect(r.body.error.code).toBe('INVALID_TRANSITION');
          expect(await redis.hgetall(keys.ticket(e.siteId, id))).toEqual(before.t);
          expect(await redis.get(keys.eventSeq(e.siteId))).toBe(before.seq);
        }
        await release(id);
      });
    }
  }

  it('call-ticket of a ticket that is not waiting is 409', async () => {
    const id = await ticketIn('done');
    const r = await api(e.url, 'POST', `${site()}/counters/1/call-ticket`, { token: staff, body: { ticketId: id } });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('INVALID_TRANSITION');
  });

  it('runs the whole life of a ticket with a route: finish at ktp sends it to kk with its number and rank', async () => {
    const r = await api(e.url, 'POST', `${site()}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'ktp', route: ['ktp', 'kk'] } });
    expect(r.status).toBe(201);
    const t = r.body.ticket;
    expect(t.route).toEqual(['ktp', 'kk']);
    await api(e.url, 'POST', `${site()}/counters/1/call-ticket`, { token: staff, body: { ticketId: t.id } });
    await api(e.url, 'POST', `${site()}/tickets/${t.id}/start`, { token: staff });
    const fin = await api(e.url, 'POST', `${site()}/tickets/${t.id}/finish`, { token: staff });
    expect(fin.status).toBe(200);
    expect(fin.body.ticket).toMatchObject({ state: 'waiting', serviceId: 'kk', number: t.number, routeIndex: 1 });
    const rank = await e.server.redis.zscore(keys.queue(e.siteId, 'kk'), t.id);
    expect(Number(rank)).toBe(Date.parse(t.createdAt));
    const again = await api(e.url, 'POST', `${site()}/counters/1/call-ticket`, { token: staff, body: { ticketId: t.id } });
    const second = await api(e.url, 'POST', `${site()}/tickets/${t.id}/start`, { token: staff });
    const done = await api(e.url, 'POST', `${site()}/tickets/${t.id}/finish`, { token: staff });
    expect(again.body.ticket).toMatchObject({ counterId: '1', state: 'called', route: ['ktp', 'kk'], routeIndex: 1, priority: t.priority, createdAt: t.createdAt });
    expect(second.body.ticket).toMatchObject({ state: 'serving', route: ['ktp', 'kk'], routeIndex: 1, statusToken: t.statusToken });
    expect(done.body.ticket).toMatchObject({ state: 'done', route: ['ktp', 'kk'], routeIndex: 1 });
  });

  it('transfers a serving ticket to the front of another agency’s queue (a supervisor may; the clerk may not)', async () => {
    const waitingPaspor = await issue('paspor');
    const id = await ticketIn('serving');
    const denied = await api(e.url, 'POST', `${site()}/tickets/${id}/transfer`, { token: staff, body: { serviceId: 'paspor', position: 'front' } });
    expect(denied.status).toBe(403);
    const supervisor = await login(e.url, 'supervisor');
    const r = await api(e.url, 'POST', `${site()}/tickets/${id}/transfer`, { token: supervisor, body: { serviceId: 'paspor', position: 'front' } });
    expect(r.status).toBe(200);
    expect(r.body.ticket).toMatchObject({ state: 'waiting', serviceId: 'paspor', agencyId: 'imigrasi', position: 0 });
    const q = await e.server.redis.zrange(keys.queue(e.siteId, 'paspor'), 0, -1);
    expect(q).toEqual([id, waitingPaspor.id]);
    const counter = await e.server.redis.hget(keys.counter(e.siteId, '1'), 'current');
    expect(counter).toBe('');
  });

  it('call-next with finishCurrent finishes the serving ticket and calls the next in one request', async () => {
    const admin = await login(e.url, 'admin');
    await api(e.url, 'PATCH', `${site()}/counters/12`, { token: admin, body: { status: 'open' } });
    const a = await issue('bpjs-kes');
    const b = await issue('bpjs-kes');
    const first = await api(e.url, 'POST', `${site()}/counters/12/call-next`, { token: admin, body: { finishCurrent: true } });
    expect(first.body).toMatchObject({ finished: null, ticket: { id: a.id, state: 'called' } });
    await api(e.url, 'POST', `${site()}/tickets/${a.id}/start`, { token: admin });
    const next = await api(e.url, 'POST', `${site()}/counters/12/call-next`, { token: admin, body: { finishCurrent: true } });
    expect(next.status).toBe(200);
    expect(next.body).toMatchObject({ finished: { id: a.id, state: 'done' }, ticket: { id: b.id, state: 'called', counterId: '12' } });
    const imigrasi = await login(e.url, 'staff-9');
    expect((await api(e.url, 'POST', `${site()}/counters/12/call-next`, { token: imigrasi, body: { finishCurrent: true } })).status).toBe(403);
    expect((await api(e.url, 'POST', `${site()}/counters/12/call-next`, { token: admin, body: { finishCurrent: 'yes' } })).status).toBe(400);
  });
});
