import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUseCases } from '../../src/app/use-cases.js';
import { opsFor } from '../support/ops.js';
import { testCore, type TestCore } from '../support/core.js';
import { redisForFile } from '../support/redis-server.js';
import { keys } from '../../src/store/keys.js';
import { connectRedis } from '../../src/redis-connection.js';

const redis = redisForFile({ beforeAll, afterAll });

describe('call-next under concurrency', () => {
  it('hands each of 1,000 tickets to exactly one of 50 counters calling at once, none skipped', async () => {
    const counters = Array.from({ length: 50 }, (_, i) => `c${i + 1}`);
    const core: TestCore = await testCore(redis().url, {
      edit: (s) => {
        s.counters = counters.map((id) => ({ id, agencyId: 'dukcapil', services: [['ktp', 'kk']] }));
        s.users = [];
      },
    });
    const store = core.ops;
    await core.open();
    const issued: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const { ticket } = await store.issue(core.siteId, { serviceId: i % 3 ? 'ktp' : 'kk', priority: i % 7 ? 'regular' : 'priority' });
      issued.push(ticket.id);
    }
    // Each counter has its own connection, so the calls truly race at the server.
    const conns = await Promise.all(
      counters.map(async () => {
        const r = connectRedis(redis().url);
        return { redis: r, store: opsFor(await createUseCases({ redis: r, sites: core.app.sites.all() })) };
      }),
    );
    const calledBy = new Map<string, string[]>();
    await Promise.all(
      counters.map(async (c, i) => {
        const s = conns[i]!.store;
        for (;;) {
          const t = await s.callNext(core.siteId, c);
          if (!t) return;
          calledBy.set(t.id, [...(calledBy.get(t.id) ?? []), c]);
          await s.start(core.siteId, t.id);
          await s.finish(core.siteId, t.id);
        }
      }),
    );
    for (const e of conns) e.redis.disconnect();
    expect(calledBy.size).toBe(1000);
    expect([...calledBy.values()].every((by) => by.length === 1)).toBe(true);
    expect(new Set(calledBy.keys())).toEqual(new Set(issued));
    const usedCounters = new Set([...calledBy.values()].flat());
    expect(usedCounters.size).toBeGreaterThan(10);
    const events = await core.redis.xlen(keys.events(core.siteId));
    // 50 opens + 1,000 x (issued, called, started, finished)
    expect(events).toBe(50 + 4000);
    expect(await core.seq()).toBe(4050);
    core.close();
  });

  it('refuses call-next with COUNTER_BUSY while the counter holds a ticket, and COUNTER_NOT_OPEN when closed', async () => {
    const core = await testCore(redis().url);
    const store = core.ops;
    await store.issue(core.siteId, { serviceId: 'ktp' });
    await store.issue(core.siteId, { serviceId: 'ktp' });
    await expect(store.callNext(core.siteId, '1')).rejects.toMatchObject({ code: 'COUNTER_NOT_OPEN' });
    await core.open('1');
    const t = await store.callNext(core.siteId, '1');
    expect(t?.number).toBe('A-001');
    const before = await core.seq();
    await expect(store.callNext(core.siteId, '1')).rejects.toMatchObject({ code: 'COUNTER_BUSY' });
    expect(await core.seq()).toBe(before);
    await store.start(core.siteId, t!.id);
    await store.finish(core.siteId, t!.id);
    expect((await store.callNext(core.siteId, '1'))?.number).toBe('A-002');
    core.close();
  });
});

describe('finish and call next in one step', () => {
  it('hands each of 500 tickets to exactly one of 20 counters that finish-and-call-next at once', async () => {
    const counters = Array.from({ length: 20 }, (_, i) => `d${i + 1}`);
    const core = await testCore(redis().url, {
      edit: (s) => {
        s.counters = counters.map((id) => ({ id, agencyId: 'dukcapil', services: [['ktp'], ['kk']] }));
        s.users = [];
      },
    });
    const store = core.ops;
    await core.open();
    for (let i = 0; i < 500; i++) await store.issue(core.siteId, { serviceId: i % 4 ? 'ktp' : 'kk' });
    const calledBy = new Map<string, number>();
    let finished = 0;
    await Promise.all(
      counters.map(async (c) => {
        for (;;) {
          const r = await store.finishAndCallNext(core.siteId, c);
          if (r.finished) {
            expect(r.finished.state).toBe('done');
            finished++;
          }
          if (!r.ticket) return;
          calledBy.set(r.ticket.id, (calledBy.get(r.ticket.id) ?? 0) + 1);
          await store.start(core.siteId, r.ticket.id);
        }
      }),
    );
    expect(calledBy.size).toBe(500);
    expect([...calledBy.values()].every((n) => n === 1)).toBe(true);
    expect(finished).toBe(500);
    core.close();
  });

  it('refuses to finish a ticket that is only called, and changes nothing', async () => {
    const core = await testCore(redis().url);
    const store = core.ops;
    await store.issue(core.siteId, { serviceId: 'ktp' });
    await store.issue(core.siteId, { serviceId: 'ktp' });
    await core.open('3');
    const first = await store.finishAndCallNext(core.siteId, '3');
    expect(first.finished).toBeNull();
    expect(first.ticket?.number).toBe('A-001');
    const seq = await core.seq();
    await expect(store.finishAndCallNext(core.siteId, '3')).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(await core.seq()).toBe(seq);
    await store.start(core.siteId, first.ticket!.id);
    const beforeFinish = await core.seq();
    const second = await store.finishAndCallNext(core.siteId, '3');
    expect(second.finished).toMatchObject({ id: first.ticket!.id, state: 'done' });
    expect(second.ticket?.number).toBe('A-002');
    // Two events, one after the other: finished, then called.
    const events = await core.redis.xrevrange(keys.events(core.siteId), '+', '-', 'COUNT', 2);
    expect(events.map(([id]) => id)).toEqual([`${beforeFinish + 2}-0`, `${beforeFinish + 1}-0`]);
    expect(events.map(([, f]) => JSON.parse(f[1]!).type)).toEqual(['ticket.called', 'ticket.finished']);
    core.close();
  });
});
