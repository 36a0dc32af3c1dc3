import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pickNext, type Waiting } from '../../src/domain/ranking.js';
import { FakeClock, testCore } from '../support/core.js';
import { redisForFile } from '../support/redis-server.js';

const redis = redisForFile({ beforeAll, afterAll });

describe('ranking and tiers', () => {
  it('lets a priority ticket overtake recent regular tickets', async () => {
    const clock = new FakeClock();
    const core = await testCore(redis().url, { clock: clock.now });
    const s = core.ops;
    const r1 = await s.issue(core.siteId, { serviceId: 'ktp' });
    clock.advance(5);
    await s.issue(core.siteId, { serviceId: 'ktp' });
    clock.advance(5);
    const p = await s.issue(core.siteId, { serviceId: 'ktp', priority: 'priority', priorityReason: 'elderly' });
    expect(p.ticket.position).toBe(0);
    await core.open('3');
    expect((await s.callNext(core.siteId, '3'))?.id).toBe(p.ticket.id);
    expect(r1.ticket.number).toBe('A-001');
    core.close();
  });

  it('calls a regular ticket that waited longer than the boost before a new priority ticket', async () => {
    const clock = new FakeClock();
    const core = await testCore(redis().url, { clock: clock.now });
    const s = core.ops;
    const old = await s.issue(core.siteId, { serviceId: 'ktp' });
    clock.advance(31); // boost for priority is 30 min in the sample
    const p = await s.issue(core.siteId, { serviceId: 'ktp', priority: 'priority' });
    await core.open('3');
    expect((await s.callNext(core.siteId, '3'))?.id).toBe(old.ticket.id);
    await s.start(core.siteId, old.ticket.id);
    await s.finish(core.siteId, old.ticket.id);
    expect((await s.callNext(core.siteId, '3'))?.id).toBe(p.ticket.id);
    core.close();
  });

  it('honours tiers: tier 1 first even when tier 2 has older tickets; best rank inside a tier', async () => {
    const clock = new FakeClock();
    const core = await testCore(redis().url, { clock: clock.now });
    const s = core.ops;
    const kkOld = await s.issue(core.siteId, { serviceId: 'kk' });
    clock.advance(10);
    const ktp = await s.issue(core.siteId, { serviceId: 'ktp' });
    clock.advance(1);
    const akta = await s.issue(core.siteId, { serviceId: 'akta' });
    await core.open('1', '5');
    // counter 1: [["ktp"], ["kk"]] -> ktp first although kk waited longer
    expect((await s.callNext(core.siteId, '1'))?.id).toBe(ktp.ticket.id);
    // counter 5: [["kk", "akta"]] -> one tier: the best rank (kk, older) wins
    expect((await s.callNext(core.siteId, '5'))?.id).toBe(kkOld.ticket.id);
    await s.requeue(core.siteId, kkOld.ticket.id);
    expect((await core.ops.listTickets(core.siteId, { state: 'waiting' })).map((t) => t.id)).toEqual([
      kkOld.ticket.id,
      akta.ticket.id,
    ]);
    core.close();
  });

  it('the Lua choice matches the domain rule for random tiers and queues (property)', async () => {
    const services = ['ktp', 'kk', 'akta', 'pindah'];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ s: fc.constantFrom(...services), p: fc.constantFrom('regular', 'priority', 'appointment'), gap: fc.integer({ min: 0, max: 40 }) }), { maxLength: 25 }),
        fc.array(fc.uniqueArray(fc.constantFrom(...services), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
        async (arrivals, tiers) => {
          const clock = new FakeClock();
          const core = await testCore(redis().url, { clock: clock.now, edit: (x) => {
            x.counters = [{ id: 'x', agencyId: 'dukcapil', services: tiers }];
            x.users = [];
          } });
          const s = core.ops;
          const queues = new Map<string, Waiting[]>();
          for (const a of arrivals) {
            clock.advance(a.gap);
            const { ticket } = await s.issue(core.siteId, { serviceId: a.s, priority: a.p as 'regular' });
            const rank = clock.ms - (a.p === 'priority' ? 30 : a.p === 'appointment' ? 45 : 0) * 60_000;
            queues.set(a.s, [...(queues.get(a.s) ?? []), { id: ticket.id, serviceId: a.s, rank }]);
          }
          await core.open('x');
          for (;;) {
            const expected = pickNext(tiers, queues);
            const got = await s.callNext(core.siteId, 'x');
            if (!expected) {
              expect(got).toBeNull();
              break;
            }
            expect(got).not.toBeNull();
            const exp = queues.get(expected.serviceId)!.filter((w) => w.rank === expected.rank).map((w) => w.id);
            expect(exp).toContain(got!.id);
            queues.set(got!.serviceId, queues.get(got!.serviceId)!.filter((w) => w.id !== got!.id));
            await s.cancel(core.siteId, got!.id);
          }
          core.close();
        },
      ),
      { numRuns: 25 },
    );
  });
});
