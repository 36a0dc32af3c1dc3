/**
 * A ticket keeps what never changes (priority, priority reason, channel, issue time, status
 * token) in one hash field, `facts`. A ticket written before that field, with the five as
 * separate fields (an engine upgraded during the day), goes on through every step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../src/store/keys.js';
import { TICKET_FACTS } from '../../src/store/ticket-mapper.js';
import type { TicketDto } from '../../src/protocol/index.js';
import { testCore, type TestCore } from '../support/core.js';
import { redisForFile } from '../support/redis-server.js';

const redis = redisForFile({ beforeAll, afterAll });
let core: TestCore;
beforeAll(async () => {
  core = await testCore(redis().url);
  await core.open('1');
});
afterAll(() => core.close());

/** What a ticket's DTO says of its facts. */
const factsOf = (t: TicketDto) => ({ priority: t.priority, priorityReason: t.priorityReason, channel: t.channel, createdAt: t.createdAt, statusToken: t.statusToken });

/** Rewrites ticket `id` as the engine before `facts` wrote it: the five separate, every default written. */
async function asBefore(id: string): Promise<void> {
  const tk = keys.ticket(core.siteId, id);
  const v = ((await core.redis.hget(tk, 'facts')) ?? '').split('\0');
  expect(v).toHaveLength(TICKET_FACTS.length);
  await core.redis.hdel(tk, 'facts');
  await core.redis.hset(tk, { ...Object.fromEntries(TICKET_FACTS.map((k, i) => [k, v[i]!])), counterId: '', route: '', routeAgencies: '', routeIndex: '0', recallCount: '0', waitRecorded: '0' });
}

describe('ticket facts', () => {
  it('stores the five in one field, and answers them in every step', async () => {
    const issued = (await core.ops.issue(core.siteId, { serviceId: 'ktp', priority: 'priority', priorityReason: 'elderly' })).ticket;
    const tk = keys.ticket(core.siteId, issued.id);
    expect(await core.redis.hexists(tk, 'priority')).toBe(0);
    expect((await core.redis.hget(tk, 'facts'))?.split('\0')).toEqual(['priority', 'elderly', 'kiosk', String(Date.parse(issued.createdAt))]);
    expect(await core.redis.hget(tk, 'statusToken')).toBe(issued.statusToken);
    // Every value within 64 bytes: the hash stays a listpack (compact), not a hash table.
    expect(await core.redis.object('ENCODING', tk)).toBe('listpack');
    const called = await core.ops.callNext(core.siteId, '1');
    expect(called?.id).toBe(issued.id);
    for (const t of [called!, await core.ops.start(core.siteId, issued.id), await core.ops.finish(core.siteId, issued.id)]) expect(factsOf(t)).toEqual(factsOf(issued));
  });

  it('goes on with a ticket written before the field: call, start, finish, and the whole-ticket steps', async () => {
    const a = (await core.ops.issue(core.siteId, { serviceId: 'ktp', priority: 'priority', priorityReason: 'pregnant' })).ticket;
    const b = (await core.ops.issue(core.siteId, { serviceId: 'ktp' })).ticket;
    await asBefore(a.id);
    await asBefore(b.id);
    const called = await core.ops.callNext(core.siteId, '1');
    expect(called?.id).toBe(a.id);
    expect(factsOf(called!)).toEqual(factsOf(a));
    expect(factsOf(await core.ops.recall(core.siteId, a.id))).toEqual(factsOf(a));
    expect(factsOf(await core.ops.start(core.siteId, a.id))).toEqual(factsOf(a));
    const done = await core.ops.finish(core.siteId, a.id);
    expect(done.state).toBe('done');
    expect(factsOf(done)).toEqual(factsOf(a));
    const cancelled = await core.ops.cancel(core.siteId, b.id);
    expect(cancelled.state).toBe('cancelled');
    expect(factsOf(cancelled)).toEqual(factsOf(b));
    const listed = await core.ops.listTickets(core.siteId, {});
    expect(factsOf(listed.find((t) => t.id === b.id)!)).toEqual(factsOf(b));
  });
});
